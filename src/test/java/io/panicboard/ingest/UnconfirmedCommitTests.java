package io.panicboard.ingest;

import java.time.Duration;
import java.util.UUID;

import io.panicboard.ingest.IngestTestConfiguration.FlakyDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
 * A commit whose answer is lost: the data is stored, but the request cannot know it.
 */
@IngestTest
class UnconfirmedCommitTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private FlakyDataSource dataSource;

	@Autowired
	private DatabaseCircuit circuit;

	// the failure opened the circuit; the probe closes it again
	@AfterEach
	void circuitClosed() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.circuit.down());
	}

	@Test
	void commitThatFailsAfterItWasSentMayHaveStoredTheRequest() {
		String id = UUID.randomUUID().toString();
		String body = event("commit-lost", id, corpus("nilmap-basic.txt"));
		accepted(postEvents(this.mvc, event("commit-lost", null, "register the service")));
		MvcTestResult lost;
		this.dataSource.commitAnswersLost((thread) -> thread.getName().startsWith("ingest-writer"));
		try {
			lost = postEvents(this.mvc, body);
		}
		finally {
			this.dataSource.commitAnswersLost(null);
		}
		assertThat(lost).hasStatus(503).hasHeader(HttpHeaders.RETRY_AFTER, "3");
		assertThat(lost).bodyJson().extractingPath("$.type").isEqualTo("/problems/write-timeout");
		assertThat(lost).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("may or may not be stored")
			.doesNotContain("nothing of this request was stored");
		// it was stored: the same event again is a duplicate
		assertThat(this.jdbc.sql("SELECT count(*) FROM ingested_event WHERE service = 'commit-lost' AND event_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isOne();
		await().atMost(Duration.ofSeconds(10)).until(() -> postEvents(this.mvc, body).getResponse().getStatus() == 202);
		assertThat(accepted(postEvents(this.mvc, body)).get("duplicates").asInt()).isOne();
	}

	@Test
	void writeOfTheRequestItselfThatFailsAfterItsCommitWasSentMayHaveStoredIt() {
		String body = "{\"service\": \"commit-lost-heartbeat\", \"instance\": \"pod-1\", \"version\": \"2.0.0\"}";
		assertThat(heartbeat(body.replace("2.0.0", "1.0.0"))).hasStatus(202);
		Thread requests = Thread.currentThread();
		MvcTestResult lost;
		this.dataSource.commitAnswersLost((thread) -> thread == requests);
		try {
			lost = heartbeat(body);
		}
		finally {
			this.dataSource.commitAnswersLost(null);
		}
		assertThat(lost).hasStatus(503).hasHeader(HttpHeaders.RETRY_AFTER, "3");
		assertThat(lost).bodyJson().extractingPath("$.type").isEqualTo("/problems/write-timeout");
		assertThat(lost).bodyJson().extractingPath("$.detail").asString().contains("may or may not be stored");
		assertThat(this.jdbc.sql("SELECT version FROM heartbeat WHERE service = 'commit-lost-heartbeat'")
			.query(String.class)
			.single()).isEqualTo("2.0.0");
	}

	private MvcTestResult heartbeat(String body) {
		return this.mvc.post()
			.uri("/api/v1/heartbeats")
			.with(IngestTestConfiguration.ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
