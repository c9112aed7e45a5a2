package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rules, alerts and silences written straight into their tables, so that page tests show
 * exactly the rows they made. Rules are disabled, so that no evaluation running in the
 * same JVM touches the alerts a test wrote.
 */
public final class AlertRows {

	private final JdbcClient jdbc;

	public AlertRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A unique name with a prefix, e.g. {@code rule-1a2b3c4d}.
	 * @param prefix the prefix
	 * @return the name
	 */
	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public long rule(String name, String severity) {
		return this.jdbc.sql("""
				INSERT INTO alert_rule (name, severity, enabled, matchers, condition_type, threshold, window_seconds,
				    created_at, updated_at, updated_by)
				VALUES (?, ?, false, '{"kinds":["nil_map_write"]}', 'count_in_window', 3, 3600, now(), now(), 'test')
				RETURNING id""").params(name, severity).query(Long.class).single();
	}

	/**
	 * An alert.
	 * @param rule the rule
	 * @param state pending, firing or resolved
	 * @param labelsJson the labels as a JSON object
	 * @param value the value, or {@code null}
	 * @param incident the incident, or {@code null}
	 * @param since when it became active (and fired, when firing or resolved)
	 * @param resolvedAt when it resolved, or {@code null}
	 * @return the alert's id
	 */
	public long alert(long rule, String state, String labelsJson, Double value, Long incident, Instant since,
			Instant resolvedAt) {
		return this.jdbc.sql("""
				INSERT INTO alert (rule_id, label_key, labels, state, value, incident_id, active_since, fired_at,
				    resolved_at, last_seen_at)
				VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(rule, UUID.randomUUID().toString(), labelsJson, state, value, incident, Timestamp.from(since),
					"pending".equals(state) ? null : Timestamp.from(since),
					(resolvedAt != null) ? Timestamp.from(resolvedAt) : null, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	public long silence(String matchersJson, Instant startsAt, Instant endsAt, String createdBy, String comment) {
		return this.jdbc.sql("""
				INSERT INTO silence (matchers, starts_at, ends_at, created_by, comment, created_at)
				VALUES (?::jsonb, ?, ?, ?, ?, ?) RETURNING id""")
			.params(matchersJson, Timestamp.from(startsAt), Timestamp.from(endsAt), createdBy, comment,
					Timestamp.from(startsAt))
			.query(Long.class)
			.single();
	}

}
