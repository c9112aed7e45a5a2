package io.panicboard.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.analysis.Severity;
import io.panicboard.incident.DashboardQueries.CrashCount;
import io.panicboard.incident.DashboardQueries.OpenCount;

/**
 * One service on the overview.
 *
 * @param name the service
 * @param open its open incidents by severity, most severe first, only non-zero counts
 * @param openTotal all its open incidents
 * @param last24h crashes in the last 24 hours
 * @param previous24h crashes in the 24 hours before
 * @param trend how the last 24 hours compare with the 24 hours before
 * @param lastCrash its latest crash, or {@code null}
 * @param incidentsUrl its incident list
 * @param openUrl its open incidents
 */
record ServiceTile(String name, List<SeverityCount> open, long openTotal, long last24h, long previous24h, Trend trend,
		TimeAgo lastCrash, String incidentsUrl, String openUrl) {

	/** Busiest first: crashes in the last 24 hours, then open incidents, then name. */
	private static final Comparator<ServiceTile> ORDER = Comparator.comparingLong(ServiceTile::last24h)
		.thenComparingLong(ServiceTile::openTotal)
		.reversed()
		.thenComparing(ServiceTile::name);

	static List<ServiceTile> of(List<String> services, List<OpenCount> openCounts, List<CrashCount> crashCounts,
			Map<String, Instant> lastCrashes, Instant now, ZoneId zone) {
		Map<String, Map<String, Long>> open = new HashMap<>();
		for (OpenCount count : openCounts) {
			open.computeIfAbsent(count.service(), (s) -> new HashMap<>())
				.merge(count.severity(), count.count(), Long::sum);
		}
		Map<String, CrashCount> crashes = new HashMap<>();
		for (CrashCount count : crashCounts) {
			crashes.put(count.service(), count);
		}
		List<ServiceTile> tiles = new ArrayList<>();
		for (String service : services) {
			Map<String, Long> bySeverity = open.getOrDefault(service, Map.of());
			List<SeverityCount> severities = new ArrayList<>();
			for (Severity severity : Severity.values()) {
				long n = bySeverity.getOrDefault(severity.id(), 0L);
				if (n > 0) {
					severities.add(new SeverityCount(severity.id(), n, link(service, "open", severity.id())));
				}
			}
			long openTotal = bySeverity.values().stream().mapToLong(Long::longValue).sum();
			CrashCount crash = crashes.getOrDefault(service, new CrashCount(service, 0, 0));
			tiles.add(new ServiceTile(service, severities, openTotal, crash.current(), crash.previous(),
					Trend.of(crash.current(), crash.previous()), TimeAgo.of(lastCrashes.get(service), now, zone),
					link(service, null, null), link(service, "open", null)));
		}
		tiles.sort(ORDER);
		return tiles;
	}

	private static String link(String service, String status, String severity) {
		return new IncidentListQuery(service, null, null, status, severity, TimeRange.ALL, null,
				IncidentFilter.Sort.LAST_SEEN, 1, List.of())
			.url();
	}

	/**
	 * Open incidents of one severity.
	 *
	 * @param severity the severity
	 * @param count how many
	 * @param url the list of them
	 */
	record SeverityCount(String severity, long count, String url) {

	}

	/**
	 * A comparison of two counts, with the message key and style to show it (public for
	 * the template).
	 */
	enum Trend {

		UP("overview.trend.up", "trend-up"), DOWN("overview.trend.down", "trend-down"),
		SAME("overview.trend.same", "muted");

		private final String key;

		private final String style;

		Trend(String key, String style) {
			this.key = key;
			this.style = style;
		}

		static Trend of(long current, long previous) {
			return (current > previous) ? UP : (current < previous) ? DOWN : SAME;
		}

		public String key() {
			return this.key;
		}

		public String style() {
			return this.style;
		}

	}

}
