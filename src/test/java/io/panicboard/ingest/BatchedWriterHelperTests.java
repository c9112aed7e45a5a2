package io.panicboard.ingest;

import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.EventsControllerTests.corpus;
import static io.panicboard.ingest.EventsControllerTests.event;
import static io.panicboard.ingest.EventsControllerTests.postEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The second writer thread takes batches only while at least half a batch is waiting
 * (here 2 of 4 items): the first writer is held up by a row lock that another transaction
 * keeps on the event id it must insert; one queued request stays queued, a second one
 * brings the second writer in, which commits both while the first is still held.
 */
@SpringBootTest(properties = { "panicboard.ingest.writer-threads=2", "panicboard.ingest.max-batch-items=4",
		"panicboard.ingest.tail-flush-interval=1h" })
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, IngestTestConfiguration.class })
class BatchedWriterHelperTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BatchedWriter writer;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void secondWriterJoinsOnlyWhenHalfABatchIsWaiting() throws Exception {
		accepted(post(event("writer-help", null, "register the service")));
		try (HeldWriter hold = HeldWriter.hold(this.dataSource, this.jdbc, "writer-help", this::post)) {
			CompletableFuture<MvcTestResult> held = hold.held();
			CompletableFuture<MvcTestResult> one = CompletableFuture
				.supplyAsync(() -> post(event("writer-help", "one", corpus("nilmap-basic.txt"))));
			await().until(() -> this.writer.queued() == 1);
			// one item waiting, the threshold is two: the second writer leaves it
			Thread.sleep(500);
			assertThat(this.writer.queued()).isOne();
			assertThat(one).isNotDone();
			CompletableFuture<MvcTestResult> two = CompletableFuture
				.supplyAsync(() -> post(event("writer-help", "two", corpus("race-int.txt"))));
			assertThat(accepted(one.get()).get("accepted").asInt()).isOne();
			assertThat(accepted(two.get()).get("accepted").asInt()).isOne();
			assertThat(held).as("the first writer is still held").isNotDone();
			hold.release();
			assertThat(accepted(held.get()).get("accepted").asInt()).isOne();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM ingested_event WHERE service = 'writer-help'")
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	private MvcTestResult post(String body) {
		return postEvents(this.mvc, body);
	}

}
