package io.panicboard.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the alert pages read from the tables {@code alert}, {@code alert_rule} and
 * {@code notification_channel} beyond {@link Alerts}: alerts by state in the pages' order
 * (most severe first), resolved alerts a page at a time, when each rule last fired.
 */
@Component
class AlertPageQueries {

	private static final String ALERT_COLUMNS = """
			SELECT a.id, a.rule_id, r.name AS rule_name, r.severity, a.state, a.labels::text AS labels,
			       a.value, a.incident_id, a.active_since, a.fired_at, a.resolved_at
			FROM alert a JOIN alert_rule r ON r.id = a.rule_id
			""";

	private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AlertPageQueries(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Unresolved alerts in one state, most urgent first, then newest.
	 */
	List<StoredAlert> unresolved(String state) {
		return this.jdbc.sql(ALERT_COLUMNS + """
				WHERE a.state = ?
				ORDER BY array_position(ARRAY['critical','high','warning','info'], r.severity),
				         a.active_since DESC, a.id DESC""").param(state).query(this::mapAlert).list();
	}

	List<StoredAlert> resolvedSince(Instant since, int offset, int limit) {
		return this.jdbc.sql(ALERT_COLUMNS + """
				WHERE a.state = 'resolved' AND a.resolved_at >= ?
				ORDER BY a.resolved_at DESC, a.id DESC OFFSET ? LIMIT ?""")
			.params(Timestamp.from(since), offset, limit)
			.query(this::mapAlert)
			.list();
	}

	long countResolvedSince(Instant since) {
		return this.jdbc.sql("SELECT count(*) FROM alert WHERE state = 'resolved' AND resolved_at >= ?")
			.param(Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/**
	 * When an alert of each rule last fired.
	 * @return the time by rule id, for rules whose alerts ever fired
	 */
	Map<Long, Instant> lastFired() {
		Map<Long, Instant> lastFired = new java.util.HashMap<>();
		this.jdbc.sql("SELECT rule_id, max(fired_at) AS at FROM alert WHERE fired_at IS NOT NULL GROUP BY rule_id")
			.query((rs) -> {
				lastFired.put(rs.getLong("rule_id"), rs.getTimestamp("at").toInstant());
			});
		return lastFired;
	}

	/**
	 * The names of the notification channels, for the rule form.
	 */
	List<String> channelNames() {
		return this.jdbc.sql("SELECT name FROM notification_channel ORDER BY name").query(String.class).list();
	}

	private StoredAlert mapAlert(ResultSet rs, int row) throws SQLException {
		return new StoredAlert(rs.getLong("id"), rs.getLong("rule_id"), rs.getString("rule_name"),
				rs.getString("severity"), rs.getString("state"), this.json.readValue(rs.getString("labels"), LABELS),
				rs.getObject("value", Double.class), rs.getObject("incident_id", Long.class),
				instant(rs, "active_since"), instant(rs, "fired_at"), instant(rs, "resolved_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

	/**
	 * An alert with its rule's name and severity.
	 */
	record StoredAlert(long id, long ruleId, String ruleName, String severity, String state, Map<String, String> labels,
			Double value, Long incidentId, Instant activeSince, Instant firedAt, Instant resolvedAt) {

	}

}
