package io.panicboard.ingest;

import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * The writer's queue holds one request; the one writer thread is held up by a row lock
 * that another transaction keeps on the event id it must insert.
 */
@SpringBootTest(properties = { "panicboard.ingest.queue-capacity=1", "panicboard.ingest.writer-threads=1",
		"panicboard.ingest.retry-after=7s", "panicboard.ingest.tail-flush-interval=1h" })
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, IngestTestConfiguration.class })
class BatchedWriterQueueTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BatchedWriter writer;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void answers503WithRetryAfterWhenTheQueueIsFull() throws Exception {
		accepted(post(event("queue-full", null, "register the service")));
		try (HeldWriter hold = HeldWriter.hold(this.dataSource, this.jdbc, "queue-full", this::post)) {
			CompletableFuture<MvcTestResult> held = hold.held();
			CompletableFuture<MvcTestResult> queued = CompletableFuture
				.supplyAsync(() -> post(event("queue-full", "queued", "x")));
			await().until(() -> this.writer.queued() == 1);
			assertThat(post(event("queue-full", "refused", "x"))).hasStatus(503)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.RETRY_AFTER, "7")
				.bodyJson()
				.extractingPath("$.type")
				.isEqualTo("/problems/queue-full");
			hold.release();
			JsonNode first = accepted(held.get());
			assertThat(first.get("accepted").asInt()).isOne();
			assertThat(accepted(queued.get()).get("accepted").asInt()).isOne();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM ingested_event WHERE service = 'queue-full'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	private MvcTestResult post(String body) {
		return postEvents(this.mvc, body);
	}

}
