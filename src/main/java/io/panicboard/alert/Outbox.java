package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes notifications into the outbox, table {@code notification}, in the caller's
 * transaction: one row per channel, due at once. The channels are the rule's (those of
 * them that exist and are enabled) or, when the rule names none, every enabled channel
 * that sends by default.
 */
@Component
class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Outbox(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Queues a notification.
	 * @param notification the alert as notified
	 * @param channels the rule's channels, empty for the default channels
	 * @param now the time
	 * @return the number of rows written (one per channel)
	 */
	int add(AlertNotification notification, List<String> channels, Instant now) {
		Timestamp at = Timestamp.from(now);
		String[] names = channels.toArray(String[]::new);
		return this.jdbc.sql("""
				INSERT INTO notification (alert_id, channel, status, payload, next_attempt_at, created_at)
				SELECT ?, name, ?, ?::jsonb, ?, ? FROM notification_channel
				WHERE enabled AND CASE WHEN cardinality(?::text[]) = 0 THEN send_by_default
				                       ELSE name = ANY(?::text[]) END
				ORDER BY name""")
			.params(notification.alertId(), notification.status(), this.json.writeValueAsString(notification), at, at,
					names, names)
			.update();
	}

}
