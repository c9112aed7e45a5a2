package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The series of the occurrence conditions, one per incident, from the occurrences
 * received in the rule's window, read from their per-minute counts
 * ({@code incident_minute}), so that an evaluation costs the same at any crash rate:
 * <ul>
 * <li>{@code any_occurrence}: an incident, neither resolved nor muted, with a matching
 * occurrence in the window;
 * <li>{@code new_fingerprint}: an incident whose first occurrence is in the window (its
 * {@code first_seen} timeline entry is not older than the window's occurrences);
 * <li>{@code regression}: likewise with its {@code regression} entry.
 * </ul>
 * The window counts receipt times, so late shipped crashes alert too. An incident is in
 * the window exactly while its latest occurrence is; the value counts the minutes that
 * overlap the window whole, so it may include occurrences of up to a minute before it.
 */
@Component
class OccurrenceSeries implements AlertSeriesSource {

	private final JdbcClient jdbc;

	OccurrenceSeries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean supports(ConditionType type) {
		return type.occurrenceBased();
	}

	@Override
	public List<AlertSeries> activeSeries(AlertRule rule, Instant now) {
		RuleCondition condition = rule.condition();
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("from", Timestamp.from(now.minusSeconds(condition.window())));
		parameters.put("now", Timestamp.from(now));
		String sql = """
				SELECT i.id, i.service, i.environment, i.kind, sum(m.count) AS n
				FROM incident_minute m JOIN incident i ON i.id = m.incident_id
				WHERE m.minute > CAST(:from AS timestamptz) - interval '1 minute' AND m.minute <= :now
					AND m.last_received_at > :from AND i.merged_into IS NULL
				""" + MatcherSql.where(rule.matchers(), parameters);
		switch (condition.type()) {
			case ANY_OCCURRENCE -> sql += " AND i.status NOT IN ('resolved', 'muted')"
					+ " GROUP BY i.id, i.service, i.environment, i.kind";
			case NEW_FINGERPRINT, REGRESSION -> {
				parameters.put("entry", (condition.type() == ConditionType.REGRESSION) ? "regression" : "first_seen");
				sql += " GROUP BY i.id, i.service, i.environment, i.kind HAVING EXISTS (SELECT 1 FROM timeline_entry t"
						+ " WHERE t.incident_id = i.id AND t.type = :entry AND t.at >= min(m.first_occurred_at))";
			}
			default -> throw new IllegalArgumentException("Not an occurrence condition: " + condition.type());
		}
		return this.jdbc.sql(sql + " ORDER BY i.id").params(parameters).query((rs, n) -> {
			long incident = rs.getLong("id");
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("service", rs.getString("service"));
			labels.put("environment", rs.getString("environment"));
			labels.put("kind", rs.getString("kind"));
			labels.put("incident", Long.toString(incident));
			return new AlertSeries(labels, (double) rs.getLong("n"), incident, List.of(incident));
		}).list();
	}

}
