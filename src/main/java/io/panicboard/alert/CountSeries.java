package io.panicboard.alert;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The series of {@code count_in_window}: per service and environment, the matching
 * occurrences received in the window, when there are at least {@code threshold}. Counted
 * from the per-minute counts ({@code incident_minute}): the minutes that overlap the
 * window count whole, so an occurrence up to a minute older than the window may still
 * count.
 */
@Component
class CountSeries implements AlertSeriesSource {

	private final JdbcClient jdbc;

	CountSeries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean supports(ConditionType type) {
		return type == ConditionType.COUNT_IN_WINDOW;
	}

	@Override
	public List<AlertSeries> activeSeries(AlertRule rule, Instant now) {
		RuleCondition condition = rule.condition();
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("from", Timestamp.from(now.minusSeconds(condition.window())));
		parameters.put("now", Timestamp.from(now));
		parameters.put("threshold", condition.threshold());
		String sql = """
				SELECT i.service, i.environment, sum(m.count) AS n, array_agg(DISTINCT i.id ORDER BY i.id) AS ids
				FROM incident_minute m JOIN incident i ON i.id = m.incident_id
				WHERE m.minute > CAST(:from AS timestamptz) - interval '1 minute' AND m.minute <= :now
					AND m.last_received_at > :from AND i.merged_into IS NULL
				""" + MatcherSql.where(rule.matchers(), parameters) + """
				GROUP BY i.service, i.environment HAVING sum(m.count) >= :threshold
				ORDER BY i.service, i.environment""";
		return this.jdbc.sql(sql).params(parameters).query((rs, n) -> {
			Array ids = rs.getArray("ids");
			List<Long> incidents = Arrays.asList((Long[]) ids.getArray());
			return new AlertSeries(
					Map.of("service", rs.getString("service"), "environment", rs.getString("environment")),
					(double) rs.getLong("n"), null, incidents);
		}).list();
	}

}
