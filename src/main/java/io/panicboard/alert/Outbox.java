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
 * that sends by default. A resolution goes to the channels notified of the alert firing,
 * and drops its firing notifications that are still waiting to be delivered.
 */
@Component
class Outbox {

	static final String SUPERSEDED = "Not sent: the alert resolved before this notification was delivered, "
			+ "and its resolution is sent instead.";

	private static final String RESOLVED = "resolved";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Outbox(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Queues a notification.
	 * @param notification the alert as notified
	 * @param channels the rule's channels, empty for the default channels (a resolution
	 * goes to the channels notified of the alert firing)
	 * @param now the time
	 * @return the number of rows written (one per channel)
	 */
	int add(AlertNotification notification, List<String> channels, Instant now) {
		Timestamp at = Timestamp.from(now);
		if (RESOLVED.equals(notification.status())) {
			dropUndeliveredFiring(notification.alertId(), at);
			return addResolution(notification, at);
		}
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

	/**
	 * A resolution goes to the channels that were notified of the alert firing, whatever
	 * the rule's channels are now: one that heard it fire and not end would keep it
	 * active (Alertmanager until its {@code endsAt}); one that never heard of it has no
	 * news.
	 */
	private int addResolution(AlertNotification notification, Timestamp at) {
		return this.jdbc.sql("""
				INSERT INTO notification (alert_id, channel, status, payload, next_attempt_at, created_at)
				SELECT ?, name, 'resolved', ?::jsonb, ?, ? FROM notification_channel
				WHERE enabled AND name IN (SELECT channel FROM notification WHERE alert_id = ? AND status = 'firing')
				ORDER BY name""")
			.params(notification.alertId(), this.json.writeValueAsString(notification), at, at, notification.alertId())
			.update();
	}

	/**
	 * A firing notification still waiting for a retry when its alert resolves is not
	 * sent: delivered after the resolution, it would make Alertmanager hold the alert
	 * active again until its {@code endsAt} and tell webhook receivers it fires again.
	 */
	private void dropUndeliveredFiring(long alertId, Timestamp at) {
		this.jdbc.sql("""
				UPDATE notification SET delivery = 'dead', next_attempt_at = ?, last_error = ?
				WHERE alert_id = ? AND status = 'firing' AND delivery IN ('pending', 'failed')""")
			.params(at, SUPERSEDED, alertId)
			.update();
	}

}
