package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes channels and outbox rows for tests, as the alert engine would, and reads their
 * delivery state.
 */
final class OutboxRows {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	OutboxRows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	String channel(String type, String url, String secret) {
		String name = unique(type);
		this.jdbc.sql("""
				INSERT INTO notification_channel (name, type, url, secret, created_at, updated_at)
				VALUES (?, ?, ?, ?, now(), now())""").params(name, type, url, secret).update();
		return name;
	}

	long queue(String channel, AlertNotification notification, Instant at) {
		return this.jdbc.sql("""
				INSERT INTO notification (channel, status, payload, next_attempt_at, created_at)
				VALUES (?, ?, ?::jsonb, ?, ?) RETURNING id""")
			.params(channel, notification.status(), this.json.writeValueAsString(notification), Timestamp.from(at),
					Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	Row row(long id) {
		return this.jdbc.sql("""
				SELECT delivery, attempts, response_status, last_error, next_attempt_at, sent_at
				FROM notification WHERE id = ?""")
			.param(id)
			.query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(),
					(rs.getTimestamp(6) != null) ? rs.getTimestamp(6).toInstant() : null))
			.single();
	}

	static AlertNotification firing(String service, Instant startsAt) {
		return new AlertNotification(42, "Nil-map write in production", "firing", "critical",
				Map.of("alertname", "nil_map_write", "severity", "critical", "service", service, "environment",
						"production", "kind", "nil_map_write", "incident", "7"),
				Map.of("summary", "assignment to entry in nil map in " + service, "description",
						"A goroutine wrote to a nil map & crashed <main.go:8>", "runbook_url",
						"http://localhost:8080/kinds/nil_map_write"),
				startsAt, null, "http://localhost:8080/incidents/7", List.of(7L), 1.0);
	}

	static AlertNotification resolved(AlertNotification firing, Instant endsAt) {
		return new AlertNotification(firing.alertId(), firing.ruleName(), "resolved", firing.severity(),
				firing.labels(), firing.annotations(), firing.startsAt(), endsAt, firing.generatorUrl(),
				firing.incidentIds(), firing.value());
	}

	/**
	 * A row's delivery state.
	 */
	record Row(String delivery, int attempts, Integer responseStatus, String lastError, Instant nextAttemptAt,
			Instant sentAt) {
	}

}
