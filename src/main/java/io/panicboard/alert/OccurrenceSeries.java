package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>
 * Rules evaluated together that share a window read it once: the incidents in the window
 * with their counts, which each rule's matchers then pick from.
 */
@Component
class OccurrenceSeries implements AlertSeriesSource {

	private static final String IN_WINDOW = """
			SELECT i.id, i.service, i.environment, i.kind, i.severity, i.map_related, i.status, sum(m.count) AS n,
				min(m.first_occurred_at) AS first_occurred_at
			FROM incident_minute m JOIN incident i ON i.id = m.incident_id
			WHERE m.minute > CAST(:from AS timestamptz) - interval '1 minute' AND m.minute <= :now
				AND m.last_received_at > :from AND i.merged_into IS NULL
			GROUP BY i.id ORDER BY i.id""";

	private static final String WITH_ENTRY = """
			SELECT u.id FROM unnest(CAST(:ids AS bigint[]), CAST(:since AS timestamptz[])) AS u (id, since)
			WHERE EXISTS (SELECT 1 FROM timeline_entry t WHERE t.incident_id = u.id AND t.type = :entry
				AND t.at >= u.since)""";

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
		return activeSeries(List.of(rule), now).get(rule);
	}

	@Override
	public Map<AlertRule, List<AlertSeries>> activeSeries(List<AlertRule> rules, Instant now) {
		Map<Integer, List<InWindow>> windows = new LinkedHashMap<>();
		Map<AlertRule, List<AlertSeries>> series = new LinkedHashMap<>();
		for (AlertRule rule : rules) {
			int window = rule.condition().window();
			List<InWindow> incidents = windows.computeIfAbsent(window, (seconds) -> inWindow(seconds, now));
			series.put(rule, activeSeries(rule, incidents));
		}
		return series;
	}

	private List<InWindow> inWindow(int seconds, Instant now) {
		return this.jdbc.sql(IN_WINDOW)
			.param("from", Timestamp.from(now.minusSeconds(seconds)))
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new InWindow(rs.getLong("id"), rs.getString("service"), rs.getString("environment"),
					rs.getString("kind"), rs.getString("severity"), rs.getBoolean("map_related"),
					rs.getString("status"), rs.getLong("n"), rs.getTimestamp("first_occurred_at").toInstant()))
			.list();
	}

	private List<AlertSeries> activeSeries(AlertRule rule, List<InWindow> incidents) {
		RuleMatchers matchers = rule.matchers();
		ConditionType type = rule.condition().type();
		List<InWindow> matching = new ArrayList<>();
		for (InWindow incident : incidents) {
			if (matchers.matches(incident.service(), incident.environment(), incident.kind(), incident.severity(),
					incident.mapRelated())
					&& (type != ConditionType.ANY_OCCURRENCE
							|| !("resolved".equals(incident.status()) || "muted".equals(incident.status())))) {
				matching.add(incident);
			}
		}
		switch (type) {
			case ANY_OCCURRENCE -> {
			}
			case NEW_FINGERPRINT, REGRESSION ->
				matching = withEntry(matching, (type == ConditionType.REGRESSION) ? "regression" : "first_seen");
			default -> throw new IllegalArgumentException("Not an occurrence condition: " + type);
		}
		return matching.stream().map(InWindow::series).toList();
	}

	/**
	 * The incidents whose timeline has an entry of a type from their first occurrence in
	 * the window on.
	 */
	private List<InWindow> withEntry(List<InWindow> incidents, String entry) {
		if (incidents.isEmpty()) {
			return incidents;
		}
		Long[] ids = new Long[incidents.size()];
		String[] since = new String[incidents.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = incidents.get(i).id();
			since[i] = incidents.get(i).firstOccurredAt().toString();
		}
		Set<Long> found = new HashSet<>(this.jdbc.sql(WITH_ENTRY)
			.param("ids", ids)
			.param("since", since)
			.param("entry", entry)
			.query(Long.class)
			.list());
		return incidents.stream().filter((incident) -> found.contains(incident.id())).toList();
	}

	/** An incident with occurrences in a window. */
	private record InWindow(long id, String service, String environment, String kind, String severity,
			boolean mapRelated, String status, long count, Instant firstOccurredAt) {

		AlertSeries series() {
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("service", this.service);
			labels.put("environment", this.environment);
			labels.put("kind", this.kind);
			labels.put("incident", Long.toString(this.id));
			return new AlertSeries(labels, (double) this.count, this.id, List.of(this.id));
		}

	}

}
