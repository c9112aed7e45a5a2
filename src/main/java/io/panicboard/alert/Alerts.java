package io.panicboard.alert;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads alerts for the API and the pages.
 */
@Component
@Transactional(readOnly = true)
public class Alerts {

	/** The states of an alert. */
	public static final List<String> STATES = List.of("pending", "firing", "resolved");

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final String SELECT = """
			SELECT a.id, a.rule_id, r.name AS rule_name, r.severity, a.state, a.labels, a.annotations, a.value,
			    a.incident_id, a.incident_ids, a.active_since, a.fired_at, a.resolved_at, a.last_seen_at,
			    a.last_sent_at
			FROM alert a JOIN alert_rule r ON r.id = a.rule_id
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Silences silences;

	private final Clock clock;

	Alerts(JdbcClient jdbc, JsonMapper json, Silences silences, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.silences = silences;
		this.clock = clock;
	}

	/**
	 * Alerts, newest first.
	 * @param state a state, or {@code null} for all
	 * @param ruleId a rule, or {@code null} for all
	 * @param service the {@code service} label, or {@code null} for all
	 * @param limit at most this many
	 * @return the alerts
	 */
	public List<AlertView> find(String state, Long ruleId, String service, int limit) {
		Map<String, Object> parameters = new HashMap<>();
		StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
		if (state != null) {
			sql.append(" AND a.state = :state");
			parameters.put("state", state);
		}
		if (ruleId != null) {
			sql.append(" AND a.rule_id = :rule");
			parameters.put("rule", ruleId);
		}
		if (service != null) {
			sql.append(" AND a.labels ->> 'service' = :service");
			parameters.put("service", service);
		}
		sql.append(" ORDER BY coalesce(a.resolved_at, a.active_since) DESC, a.id DESC LIMIT :limit");
		parameters.put("limit", limit);
		List<Silence> active = this.silences.active(this.clock.instant());
		return this.jdbc.sql(sql.toString()).params(parameters).query((rs, n) -> view(rs, active)).list();
	}

	/**
	 * One alert.
	 * @param id the id
	 * @return the alert, or empty
	 */
	public Optional<AlertView> find(long id) {
		List<Silence> active = this.silences.active(this.clock.instant());
		return this.jdbc.sql(SELECT + " WHERE a.id = ?").params(id).query((rs, n) -> view(rs, active)).optional();
	}

	private AlertView view(ResultSet rs, List<Silence> active) throws SQLException {
		Map<String, String> labels = this.json.readValue(rs.getString("labels"), STRING_MAP);
		long incident = rs.getLong("incident_id");
		Long incidentId = rs.wasNull() ? null : incident;
		double value = rs.getDouble("value");
		Double valueOrNull = rs.wasNull() ? null : value;
		Array ids = rs.getArray("incident_ids");
		String state = rs.getString("state");
		return new AlertView(rs.getLong("id"), rs.getLong("rule_id"), rs.getString("rule_name"),
				rs.getString("severity"), state, labels, this.json.readValue(rs.getString("annotations"), STRING_MAP),
				valueOrNull, incidentId, Arrays.asList((Long[]) ids.getArray()), instant(rs, "active_since"),
				instant(rs, "fired_at"), instant(rs, "resolved_at"), instant(rs, "last_seen_at"),
				instant(rs, "last_sent_at"), !"resolved".equals(state) && Silences.silenced(active, labels));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
