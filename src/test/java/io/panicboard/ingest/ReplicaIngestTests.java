package io.panicboard.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.panicboard.TestReplicas;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.TraceAnalyzer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.panicboard.ingest.EventsControllerTests.corpus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one fresh database ingest one stream through both at once:
 * every event is posted to both replicas at the same moment, and the database still holds
 * each event once, one incident per fingerprint, and counters that add up exactly.
 */
@IngestTest
class ReplicaIngestTests {

	private static final String TOKEN = "pbt_replicas_" + UUID.randomUUID();

	private static final List<String> TRACES = List.of("nilmap-basic.txt", "concurrent-map-writes.txt",
			"race-delete-range.txt", "nil-pointer.txt", "index-out-of-range.txt", "close-closed-channel.txt",
			"divide-by-zero.txt", "deadlock.txt");

	private static final int COPIES = 20;

	@Autowired
	private JdbcConnectionDetails database;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void oneStreamThroughTwoReplicasIsStoredExactlyOnce() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try (TestReplicas instances = new TestReplicas(this.database, this.jdbc, "replicas")) {
			ConfigurableApplicationContext first = start(instances);
			ConfigurableApplicationContext second = start(instances);
			List<URI> replicas = List.of(events(first), events(second));
			TraceAnalyzer analyzer = new TraceAnalyzer();
			long expectedOccurrences = 0;
			List<Future<JsonNode>> answers = new ArrayList<>();
			for (String file : TRACES) {
				String trace = corpus(file);
				long findings = analyzer.analyze(trace).stream().filter((f) -> f.type() != FindingType.GC).count();
				for (int copy = 0; copy < COPIES; copy++) {
					expectedOccurrences += findings;
					String body = event(UUID.randomUUID().toString(), trace);
					// the same event at the same moment to both replicas
					for (URI replica : replicas) {
						answers.add(clients.submit(() -> post(replica, body)));
					}
				}
			}
			AtomicLong accepted = new AtomicLong();
			AtomicLong duplicates = new AtomicLong();
			for (Future<JsonNode> answer : answers) {
				JsonNode body = answer.get();
				accepted.addAndGet(body.get("accepted").asLong());
				duplicates.addAndGet(body.get("duplicates").asLong());
			}
			int events = TRACES.size() * COPIES;
			assertThat(accepted.get()).isEqualTo(events);
			assertThat(duplicates.get()).isEqualTo(events);

			JdbcClient db = JdbcClient.create(first.getBean(DataSource.class));
			assertThat(db.sql("SELECT count(*) FROM ingested_event").query(Long.class).single()).isEqualTo(events);
			assertThat(db.sql("SELECT count(*) FROM occurrence").query(Long.class).single())
				.isEqualTo(expectedOccurrences);
			assertThat(db.sql("SELECT coalesce(sum(event_count), 0) FROM incident").query(Long.class).single())
				.isEqualTo(expectedOccurrences);
			// one incident per fingerprint, each counting exactly its occurrences
			List<Map<String, Object>> incidents = db.sql("""
					SELECT i.fingerprint, count(DISTINCT i.id) AS incidents, max(i.event_count) AS counted,
					    (SELECT count(*) FROM occurrence o WHERE o.incident_id = max(i.id)) AS stored
					FROM incident i GROUP BY i.service, i.environment, i.fingerprint""").query().listOfRows();
			assertThat(incidents).isNotEmpty().allSatisfy((row) -> {
				assertThat(((Number) row.get("incidents")).longValue()).isOne();
				assertThat(((Number) row.get("counted")).longValue())
					.isEqualTo(((Number) row.get("stored")).longValue());
			});
			assertThat(db.sql("SELECT coalesce(sum(count), 0) FROM incident_hourly").query(Long.class).single())
				.isEqualTo(expectedOccurrences);
		}
		finally {
			clients.shutdownNow();
		}
	}

	private JsonNode post(URI replica, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(replica)
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return this.json.readTree(response.body());
	}

	private String event(String eventId, String trace) {
		ObjectNode event = this.json.createObjectNode();
		event.put("eventId", eventId);
		event.put("service", "replicated");
		event.put("environment", "production");
		event.put("version", "1.0.0");
		event.put("instance", "pod-1");
		event.put("text", trace);
		return event.toString();
	}

	private static URI events(ConfigurableApplicationContext app) {
		return URI
			.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1/events");
	}

	private static ConfigurableApplicationContext start(TestReplicas replicas) {
		return replicas.start(List.of("panicboard.bootstrap-token=" + TOKEN),
				"--panicboard.security.rate-limit.enabled=false");
	}

}
