package io.panicboard.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.ingest.IngestTestConfiguration.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.EventsControllerTests.corpus;
import static io.panicboard.ingest.EventsControllerTests.event;
import static io.panicboard.ingest.EventsControllerTests.postEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A request whose data PostgreSQL refuses (here an instance too long for an index key,
 * SQLSTATE 54000) fails alone: it is no outage, so the database circuit stays closed and
 * the other requests of its batch are stored.
 */
@IngestTest
class BatchedWriterDataErrorTests {

	private static final String TOO_LONG = LogsControllerTests.incompressible(3000);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BatchedWriter writer;

	@Autowired
	private DatabaseCircuit circuit;

	@Autowired
	private TraceAnalyzer analyzer;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Test
	void aDataErrorFailsItsRequestWithoutOpeningTheCircuit() {
		accepted(postEvents(this.mvc, event("writer-data-error", null, "register the service")));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.writer.write(List.of(badItem("writer-data-error"))));
		assertThat(this.circuit.down()).isFalse();
		assertThat(accepted(postEvents(this.mvc, event("writer-data-error", null, corpus("nilmap-basic.txt"))))
			.get("accepted")
			.asInt()).isOne();
	}

	@Test
	void aDataErrorInABatchFailsOnlyItsOwnRequest() throws Exception {
		accepted(postEvents(this.mvc, event("writer-data-batch", null, "register the service")));
		try (HeldWriter hold = HeldWriter.hold(this.dataSource, this.jdbc, "writer-data-batch", this::post)) {
			CompletableFuture<IngestOutcome> bad = CompletableFuture
				.supplyAsync(() -> this.writer.write(List.of(badItem("writer-data-batch"))));
			await().until(() -> this.writer.queued() == 1);
			CompletableFuture<MvcTestResult> good = CompletableFuture
				.supplyAsync(() -> post(event("writer-data-batch", "good", corpus("race-int.txt"))));
			await().until(() -> this.writer.queued() == 2);
			hold.release();
			assertThat(accepted(hold.held().get()).get("accepted").asInt()).isOne();
			assertThat(accepted(good.get()).get("accepted").asInt()).isOne();
			assertThat(bad).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.havingRootCause()
				.withMessageContaining("index row size");
		}
		assertThat(this.circuit.down()).isFalse();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ingested_event WHERE service = 'writer-data-batch'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	private IngestItem badItem(String service) {
		return new IngestItem(service, "production", null, TOO_LONG, null, this.clock.instant(),
				this.analyzer.analyze(corpus("nilmap-basic.txt")));
	}

	private MvcTestResult post(String body) {
		return postEvents(this.mvc, body);
	}

}
