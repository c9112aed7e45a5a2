package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.panicboard.TestReplicas;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances on one fresh database (created on the test server and dropped
 * afterwards), both running the scheduled evaluation with the real clock: an occurrence
 * reaches the outbox within the 1 s loop, and each alert and each notification exists
 * once.
 */
@AlertTest
class ReplicaAlertingTests {

	@Autowired
	private JdbcConnectionDetails database;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void twoReplicasAlertOnEachOccurrenceOnceAndWithinFiveSeconds() throws Exception {
		try (TestReplicas replicas = new TestReplicas(this.database, this.jdbc, "alerts")) {
			// one after the other: two Spring Boot applications initialising the logging
			// system of one JVM at the same moment trip over each other (built-in rules
			// created by concurrent starts are covered by AlertRulesTests)
			ConfigurableApplicationContext first = start(replicas);
			ConfigurableApplicationContext second = start(replicas);
			JdbcClient db = JdbcClient.create(first.getBean(DataSource.class));
			assertThat(
					db.sql("SELECT count(*) FROM alert_rule WHERE builtin_key IS NOT NULL").query(Long.class).single())
				.isEqualTo(10);
			db.sql("""
					INSERT INTO notification_channel (name, type, url, send_by_default, created_at, updated_at)
					VALUES ('pager', 'webhook', 'http://127.0.0.1:9/hook', true, now(), now())""").update();

			long nilMap = record(first, AlertTestData.NIL_MAP);
			Instant committed = Instant.now();
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> firingNotifications(db, "nil_map_write", nilMap) > 0);
			Duration latency = Duration.between(committed, Instant.now());
			long concurrent = record(second, AlertTestData.CONCURRENT_WRITES);
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> firingNotifications(db, "concurrent_map_access", concurrent) > 0);
			// both replicas keep evaluating the same occurrences: wait for a run that
			// began 2 s later
			Instant later = Instant.now().plusSeconds(2);
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> db.sql("SELECT locked_at FROM shedlock WHERE name = 'alert-occurrence-rules'")
					.query(Timestamp.class)
					.single()
					.toInstant()
					.isAfter(later));

			List<Map<String, Object>> alerts = db.sql("""
					SELECT r.builtin_key, a.incident_id, a.state, count(*) AS n
					FROM alert a JOIN alert_rule r ON r.id = a.rule_id
					GROUP BY r.builtin_key, a.incident_id, a.state ORDER BY 1, 2""").query().listOfRows();
			assertThat(alerts)
				.extracting((row) -> row.get("builtin_key") + ":" + row.get("incident_id") + ":" + row.get("state")
						+ ":" + row.get("n"))
				.containsExactlyInAnyOrder("concurrent_map_access:" + concurrent + ":firing:1",
						"new_fingerprint:" + concurrent + ":firing:1", "new_fingerprint:" + nilMap + ":firing:1",
						"nil_map_write:" + nilMap + ":firing:1");
			assertThat(db.sql("SELECT count(*) FROM notification").query(Long.class).single()).isEqualTo(4);
			assertThat(db.sql("SELECT count(DISTINCT alert_id) FROM notification WHERE channel = 'pager'")
				.query(Long.class)
				.single()).isEqualTo(4);
			assertThat(db.sql("SELECT count(*) FROM timeline_entry WHERE type = 'alert_fired' AND incident_id = ?")
				.params(nilMap)
				.query(Long.class)
				.single()).isEqualTo(2);
			assertThat(latency).isLessThan(Duration.ofSeconds(5));
			System.out.println("Occurrence to outbox row: " + latency.toMillis() + " ms");
		}
	}

	private static long firingNotifications(JdbcClient db, String builtinKey, long incident) {
		return db.sql("""
				SELECT count(*) FROM notification n JOIN alert a ON a.id = n.alert_id
				JOIN alert_rule r ON r.id = a.rule_id
				WHERE r.builtin_key = ? AND a.incident_id = ? AND n.status = 'firing'""")
			.params(builtinKey, incident)
			.query(Long.class)
			.single();
	}

	private static long record(ConfigurableApplicationContext app, String trace) {
		Instant now = Instant.now();
		NewOccurrence occurrence = new NewOccurrence("checkout", "production", "1.0.0", "pod-1", null, now, now,
				AlertTestData.finding(trace, UUID.randomUUID().toString().replace("-", "")));
		return app.getBean(TransactionTemplate.class)
			.execute((status) -> app.getBean(OccurrenceRecorder.class).record(List.of(occurrence)).get(0).incidentId());
	}

	private static ConfigurableApplicationContext start(TestReplicas replicas) {
		// an argument, to win over the tests' application.properties that turns it off
		return replicas.start(List.of(), "--panicboard.alerts.evaluation-enabled=true");
	}

}
