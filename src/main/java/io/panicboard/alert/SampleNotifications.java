package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.system.PublicUrl;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues a test notification for one channel, through the outbox like any other, so it
 * shows in the delivery log with its outcome. It is a resolved {@code info} alert named
 * {@code panicboard_test}, so that Alertmanager does not keep it active.
 */
@Component
class SampleNotifications {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final PublicUrl publicUrl;

	private final Clock clock;

	SampleNotifications(JdbcClient jdbc, JsonMapper json, PublicUrl publicUrl, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.publicUrl = publicUrl;
		this.clock = clock;
	}

	/**
	 * Queues a test notification.
	 * @param channel the channel's name
	 * @param actor who asked, for the description
	 * @return the outbox row's id
	 */
	long queue(String channel, String actor) {
		Instant now = this.clock.instant();
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("alertname", "panicboard_test");
		labels.put("severity", "info");
		labels.put("service", "panicboard");
		labels.put("environment", "test");
		Map<String, String> annotations = Map.of("summary", "Test notification from panicboard", "description",
				"Sent by " + actor + " from the channel page to check that channel '" + channel + "' works.");
		AlertNotification notification = new AlertNotification(0, "panicboard test notification", "resolved", "info",
				labels, annotations, now, now, this.publicUrl.link("/alerts/notifications?channel=" + channel),
				List.of(), null);
		return this.jdbc.sql("""
				INSERT INTO notification (channel, status, payload, next_attempt_at, created_at)
				VALUES (?, 'resolved', ?::jsonb, ?, ?) RETURNING id""")
			.params(channel, this.json.writeValueAsString(notification), Timestamp.from(now), Timestamp.from(now))
			.query(Long.class)
			.single();
	}

}
