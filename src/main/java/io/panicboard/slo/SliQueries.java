package io.panicboard.slo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts an indicator's events over ranges from the SLO rollups, in one statement per
 * SLO: the whole hours of a range from the hour rollups, its partial hours at either end
 * from the minute rollups. Time to resolve reads the incidents themselves (one row per
 * incident, the rollup of its occurrences).
 */
@Component
class SliQueries {

	private static final String RANGES = """
			SELECT r.i, coalesce(h.bad, 0) + coalesce(m.bad, 0) AS bad, coalesce(h.total, 0) + coalesce(m.total, 0) AS total
			FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[]) AS r(i, a, b, ha, hb)
			LEFT JOIN LATERAL (%s AND hour >= r.ha AND hour < r.hb) h ON true
			LEFT JOIN LATERAL (%s AND ((minute >= r.a AND minute < r.ha) OR (minute >= r.hb AND minute < r.b))) m ON true
			ORDER BY r.i""";

	private static final String CRASH_HOUR = "SELECT sum(count) AS bad, 0 AS total FROM slo_crash_hour WHERE service = ? AND environment = ? AND kind = ANY(?::text[])";

	private static final String CRASH_MINUTE = "SELECT sum(count) AS bad, 0 AS total FROM slo_crash_minute WHERE service = ? AND environment = ? AND kind = ANY(?::text[])";

	private static final String INSTANCE_HOUR = "SELECT sum(minutes) FILTER (WHERE crash_kinds && ?::text[]) AS bad, sum(minutes) AS total FROM slo_instance_hour WHERE service = ? AND environment = ?";

	private static final String INSTANCE_MINUTE = "SELECT count(*) FILTER (WHERE crash_kinds && ?::text[]) AS bad, count(*) AS total FROM slo_instance_minute WHERE service = ? AND environment = ?";

	private static final String GC_HOUR = "SELECT sum(cycles) - sum(within[?]) AS bad, sum(cycles) AS total FROM slo_gc_hour WHERE service = ? AND environment = ?";

	private static final String GC_MINUTE = "SELECT sum(cycles) - sum(within[?]) AS bad, sum(cycles) AS total FROM slo_gc_minute WHERE service = ? AND environment = ?";

	/**
	 * An incident is decided when it was resolved, or when its time to resolve ran out:
	 * at {@code least(resolved_at, first_seen + within)}. It is bad when it was not
	 * resolved within the time.
	 */
	private static final String RESOLVE = """
			SELECT r.i, coalesce(x.bad, 0) AS bad, coalesce(x.total, 0) AS total
			FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[]) AS r(i, a, b, ha, hb)
			LEFT JOIN LATERAL (
				SELECT count(*) FILTER (WHERE resolved_at IS NULL OR resolved_at > first_seen + ?::interval) AS bad, count(*) AS total
				FROM incident WHERE service = ? AND environment = ? AND severity = ? AND merged_into IS NULL
					AND least(resolved_at, first_seen + ?::interval) >= r.a AND least(resolved_at, first_seen + ?::interval) < r.b
			) x ON true
			ORDER BY r.i""";

	private final JdbcClient jdbc;

	SliQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts an SLO's events over each range.
	 * @param slo the SLO
	 * @param ranges ranges whose ends are whole minutes
	 * @return the events of each range, in order
	 */
	List<Events> count(Slo slo, List<TimeRange> ranges) {
		Integer[] index = new Integer[ranges.size()];
		String[] a = new String[ranges.size()];
		String[] b = new String[ranges.size()];
		String[] ha = new String[ranges.size()];
		String[] hb = new String[ranges.size()];
		for (int i = 0; i < ranges.size(); i++) {
			TimeRange range = ranges.get(i);
			Instant firstHour = ceilHour(range.from());
			Instant lastHour = range.to().truncatedTo(ChronoUnit.HOURS);
			if (!firstHour.isBefore(lastHour)) {
				firstHour = range.to();
				lastHour = range.to();
			}
			index[i] = i;
			a[i] = range.from().toString();
			b[i] = range.to().toString();
			ha[i] = firstHour.toString();
			hb[i] = lastHour.toString();
		}
		List<Object> params = new ArrayList<>(List.of(index, a, b, ha, hb));
		String sql = switch (slo.indicator()) {
			case CRASH_BUDGET -> {
				String[] kinds = slo.kinds().toArray(String[]::new);
				params
					.addAll(List.of(slo.service(), slo.environment(), kinds, slo.service(), slo.environment(), kinds));
				yield RANGES.formatted(CRASH_HOUR, CRASH_MINUTE);
			}
			case CRASH_FREE_TIME -> {
				String[] kinds = slo.kinds().toArray(String[]::new);
				params
					.addAll(List.of(kinds, slo.service(), slo.environment(), kinds, slo.service(), slo.environment()));
				yield RANGES.formatted(INSTANCE_HOUR, INSTANCE_MINUTE);
			}
			case GC_PAUSE -> {
				int bound = GcPauseBounds.index(slo.pauseThresholdSeconds());
				params
					.addAll(List.of(bound, slo.service(), slo.environment(), bound, slo.service(), slo.environment()));
				yield RANGES.formatted(GC_HOUR, GC_MINUTE);
			}
			case TIME_TO_RESOLVE -> {
				String within = slo.resolveWithin().toSeconds() + " seconds";
				params.addAll(List.of(within, slo.service(), slo.environment(), slo.severity(), within, within));
				yield RESOLVE;
			}
		};
		return this.jdbc.sql(sql)
			.params(params)
			.query((rs, n) -> new Events(rs.getLong("bad"), rs.getLong("total")))
			.list();
	}

	private static Instant ceilHour(Instant at) {
		Instant hour = at.truncatedTo(ChronoUnit.HOURS);
		return hour.equals(at) ? at : hour.plus(1, ChronoUnit.HOURS);
	}

}
