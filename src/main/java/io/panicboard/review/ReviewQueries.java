package io.panicboard.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.KindFamily;
import io.panicboard.review.WeeklyReport.IncidentLine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The report's reads. They use the rollups the incident module keeps (hourly crashes per
 * incident and per service and kind, instances per incident, the timeline), never the
 * occurrences.
 */
@Component
class ReviewQueries {

	/**
	 * Every incident a week concerns: crashes in it, first seen, regressed, acknowledged
	 * or resolved in it, open at its end, or with a decision. An incident is open at a
	 * time when it was first seen before and its last resolved, reopened or regression
	 * entry before that time is not "resolved". Incidents merged into another before the
	 * week's end are left out (their crashes count with the target from the merge on).
	 */
	private static final String LINES = """
			WITH scoped AS (
				SELECT i.* FROM incident i
				WHERE i.first_seen < :end AND (i.merged_into IS NULL OR i.merged_at >= :end) %1$s),
			crashes AS (
				SELECT h.incident_id, sum(h.count) FILTER (WHERE h.hour >= :start) AS week,
					sum(h.count) FILTER (WHERE h.hour < :start) AS before
				FROM incident_hourly h JOIN scoped s ON s.id = h.incident_id
				WHERE h.hour >= :previous AND h.hour < :end GROUP BY 1),
			instances AS (
				SELECT v.incident_id, count(DISTINCT v.instance) AS n FROM incident_version_instance v
				JOIN crashes c ON c.incident_id = v.incident_id AND c.week > 0
				WHERE v.instance <> '' AND v.first_seen < :end AND v.last_seen >= :start GROUP BY 1),
			events AS (
				SELECT t.incident_id, count(*) FILTER (WHERE t.type = 'regression') AS regressions,
					count(*) FILTER (WHERE t.type = 'acknowledged') AS acknowledgements,
					count(*) FILTER (WHERE t.type = 'resolved') AS resolutions
				FROM timeline_entry t JOIN scoped s ON s.id = t.incident_id
				WHERE t.type IN ('regression', 'acknowledged', 'resolved') AND t.at >= :start AND t.at < :end
				GROUP BY 1),
			state AS (
				SELECT DISTINCT ON (t.incident_id) t.incident_id, t.type
				FROM timeline_entry t JOIN scoped s ON s.id = t.incident_id
				WHERE t.type IN ('resolved', 'reopened', 'regression') AND t.at < :end
				ORDER BY t.incident_id, t.at DESC, t.id DESC)
			SELECT i.id, i.service, sv.team, i.environment, i.type, i.kind, i.severity, i.status, i.title,
				i.culprit_function, i.culprit_file, i.map_related, i.first_seen, i.last_seen,
				coalesce(c.week, 0) AS crashes, coalesce(c.before, 0) AS crashes_before, coalesce(n.n, 0) AS instances,
				i.first_seen >= :start AS new_this_week, coalesce(e.regressions, 0) AS regressions,
				coalesce(e.acknowledgements, 0) AS acknowledgements, coalesce(e.resolutions, 0) AS resolutions,
				coalesce(st.type, 'open') <> 'resolved' AS open_at_end,
				d.decision, d.owner, d.due_date, d.ticket_url, d.reason, d.decided_by, d.decided_at
			FROM scoped i
			LEFT JOIN crashes c ON c.incident_id = i.id
			LEFT JOIN instances n ON n.incident_id = i.id
			LEFT JOIN events e ON e.incident_id = i.id
			LEFT JOIN state st ON st.incident_id = i.id
			LEFT JOIN incident_decision d ON d.incident_id = i.id
			LEFT JOIN service sv ON sv.name = i.service
			WHERE coalesce(c.week, 0) > 0 OR i.first_seen >= :start OR e.incident_id IS NOT NULL
				OR coalesce(st.type, 'open') <> 'resolved' OR d.incident_id IS NOT NULL
			ORDER BY crashes DESC, i.id""";

	/**
	 * Time to acknowledge and to resolve: from the incident's latest opening before the
	 * acknowledgement or resolution (first seen, or a later regression or reopening) to
	 * it, at least 0 (a first seen comes from the client's clock, which may be ahead);
	 * percentiles interpolate linearly ({@code percentile_cont}).
	 */
	private static final String RESPONSE_TIMES = """
			SELECT t.type, t.at >= :start AS current, count(*) AS n,
				percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(extract(epoch FROM t.at - o.opened), 0)) AS median,
				percentile_cont(0.9) WITHIN GROUP (ORDER BY greatest(extract(epoch FROM t.at - o.opened), 0)) AS p90
			FROM timeline_entry t
			JOIN incident i ON i.id = t.incident_id
			CROSS JOIN LATERAL (
				SELECT greatest(i.first_seen, max(r.at)) AS opened FROM timeline_entry r
				WHERE r.incident_id = t.incident_id AND r.type IN ('regression', 'reopened') AND r.at < t.at) o
			WHERE t.type IN ('acknowledged', 'resolved') AND t.at >= :previous AND t.at < :end %1$s
			GROUP BY 1, 2""";

	private final JdbcClient jdbc;

	ReviewQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The incidents a week concerns.
	 * @param scope the team or service
	 * @param week the week
	 * @param asOf until when open incidents age: the week's end, or the current time for
	 * the week still running
	 * @return the incidents, most crashes first
	 */
	List<IncidentLine> lines(ReportScope scope, ReportWeek week, Instant asOf) {
		Instant start = week.start();
		Instant end = week.end();
		return withScope(this.jdbc.sql(LINES.formatted(scope.sql("i.service"))), scope)
			.param("previous", utc(week.previous().start()))
			.param("start", utc(start))
			.param("end", utc(end))
			.query((rs, n) -> line(rs, asOf))
			.list();
	}

	/**
	 * Response times of a week and the week before.
	 * @return by {@code acknowledged} or {@code resolved}, then {@code true} for the week
	 * and {@code false} for the week before
	 */
	Map<String, Map<Boolean, ResponseTimes>> responseTimes(ReportScope scope, ReportWeek week) {
		Map<String, Map<Boolean, ResponseTimes>> times = new HashMap<>();
		withScope(this.jdbc.sql(RESPONSE_TIMES.formatted(scope.sql("i.service"))), scope)
			.param("previous", utc(week.previous().start()))
			.param("start", utc(week.start()))
			.param("end", utc(week.end()))
			.query((rs) -> {
				times.computeIfAbsent(rs.getString("type"), (k) -> new HashMap<>())
					.put(rs.getBoolean("current"), new ResponseTimes(rs.getLong("n"),
							rs.getObject("median", Double.class), rs.getObject("p90", Double.class)));
			});
		return times;
	}

	/**
	 * Crashes by kind and week from the rollup per service, kind and hour.
	 * @return weekly counts by kind, oldest week first
	 */
	Map<String, long[]> weeklyCrashesByKind(ReportScope scope, ReportWeek first, int weeks) {
		Map<String, long[]> counts = new HashMap<>();
		withScope(this.jdbc.sql("""
				SELECT c.kind, width_bucket(c.hour, CAST(:bounds AS timestamptz[])) AS bucket, sum(c.count) AS n
				FROM crash_hourly c
				WHERE c.hour >= :from AND c.hour < :to %s GROUP BY 1, 2""".formatted(scope.sql("c.service"))), scope)
			.param("bounds", bounds(first, weeks))
			.param("from", utc(first.start()))
			.param("to", utc(first.plus(weeks).start()))
			.query((rs) -> {
				int index = rs.getInt("bucket") - 1;
				if (index >= 0 && index < weeks) {
					counts.computeIfAbsent(rs.getString("kind"), (k) -> new long[weeks])[index] += rs.getLong("n");
				}
			});
		return counts;
	}

	/**
	 * The starts of weeks as a PostgreSQL array literal: {@code width_bucket} puts an
	 * hour into bucket {@code i + 1} when it is in the {@code i}-th week. The weeks are
	 * cut here rather than by PostgreSQL's {@code date_trunc} in the zone, which reads a
	 * zone given as an offset ({@code GMT+02:00}) the POSIX way, two hours west of UTC
	 * instead of east.
	 */
	private static String bounds(ReportWeek first, int weeks) {
		StringBuilder bounds = new StringBuilder("{");
		for (int i = 0; i < weeks; i++) {
			bounds.append((i > 0) ? "," : "").append(first.plus(i).start());
		}
		return bounds.append('}').toString();
	}

	/**
	 * Weekly crashes of some incidents.
	 * @return weekly counts by incident, oldest week first
	 */
	Map<Long, long[]> weeklyCrashesOf(Collection<Long> incidents, ReportWeek first, int weeks) {
		Map<Long, long[]> counts = new HashMap<>();
		if (incidents.isEmpty()) {
			return counts;
		}
		this.jdbc.sql("""
				SELECT h.incident_id, width_bucket(h.hour, CAST(:bounds AS timestamptz[])) AS bucket, sum(h.count) AS n
				FROM incident_hourly h
				WHERE h.incident_id IN (:ids) AND h.hour >= :from AND h.hour < :to GROUP BY 1, 2""")
			.param("ids", List.copyOf(incidents))
			.param("bounds", bounds(first, weeks))
			.param("from", utc(first.start()))
			.param("to", utc(first.plus(weeks).start()))
			.query((rs) -> {
				int index = rs.getInt("bucket") - 1;
				if (index >= 0 && index < weeks) {
					counts.computeIfAbsent(rs.getLong("incident_id"), (k) -> new long[weeks])[index] += rs.getLong("n");
				}
			});
		return counts;
	}

	/**
	 * Race reports, from some environments, in the culprit functions of crashes in the
	 * same service, first seen before the crash. A function's name says nothing across
	 * services: every service has a {@code main.main}.
	 */
	List<EarlierRace> earlierRaces(Collection<Long> crashes, List<String> environments) {
		if (crashes.isEmpty() || environments.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT c.id AS crash, r.id AS race, r.environment, r.first_seen, r.status
				FROM incident c
				JOIN incident r ON r.service = c.service AND r.culprit_function = c.culprit_function AND r.type = 'race'
					AND r.environment IN (:environments) AND r.first_seen < c.first_seen AND r.merged_into IS NULL
				WHERE c.id IN (:crashes)
				ORDER BY c.id, r.first_seen""")
			.param("crashes", List.copyOf(crashes))
			.param("environments", environments)
			.query((rs, n) -> new EarlierRace(rs.getLong("crash"), rs.getLong("race"), rs.getString("environment"),
					rs.getObject("first_seen", OffsetDateTime.class).toInstant(), rs.getString("status")))
			.list();
	}

	boolean serviceExists(String service) {
		return this.jdbc.sql("SELECT count(*) FROM service WHERE name = ?")
			.param(service)
			.query(Long.class)
			.single() > 0;
	}

	boolean teamExists(String team) {
		return this.jdbc.sql("SELECT count(*) FROM service WHERE team = ?").param(team).query(Long.class).single() > 0;
	}

	List<String> teams() {
		return this.jdbc.sql("SELECT DISTINCT team FROM service WHERE team IS NOT NULL AND team <> '' ORDER BY 1")
			.query(String.class)
			.list();
	}

	List<String> services() {
		return this.jdbc.sql("SELECT name FROM service ORDER BY 1").query(String.class).list();
	}

	private static JdbcClient.StatementSpec withScope(JdbcClient.StatementSpec spec, ReportScope scope) {
		return scope.all() ? spec : spec.param("scope", scope.parameter());
	}

	private static IncidentLine line(ResultSet rs, Instant asOf) throws SQLException {
		String kind = rs.getString("kind");
		Instant firstSeen = instant(rs, "first_seen");
		boolean open = rs.getBoolean("open_at_end");
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		java.sql.Date due = rs.getDate("due_date");
		return new IncidentLine(rs.getLong("id"), rs.getString("service"), rs.getString("team"),
				rs.getString("environment"), rs.getString("type"), kind, family(kind), rs.getString("severity"),
				rs.getString("status"), rs.getString("title"), rs.getString("culprit_function"),
				rs.getString("culprit_file"), rs.getBoolean("map_related"), firstSeen, instant(rs, "last_seen"),
				rs.getLong("crashes"), rs.getLong("crashes_before"), rs.getLong("instances"),
				rs.getBoolean("new_this_week"), rs.getLong("regressions"), rs.getLong("acknowledgements"),
				rs.getLong("resolutions"), open, open ? age(firstSeen, asOf) : null, rs.getString("decision"),
				rs.getString("owner"), (due != null) ? due.toLocalDate() : null, rs.getString("ticket_url"),
				rs.getString("reason"), rs.getString("decided_by"), (decidedAt != null) ? decidedAt.toInstant() : null);
	}

	/**
	 * An open incident's age, at least 0: its first seen is an event's time by the
	 * client's clock, which may be ahead of panicboard's ({@code timestamp-future}).
	 */
	private static long age(Instant firstSeen, Instant asOf) {
		return Math.max(0, asOf.getEpochSecond() - firstSeen.getEpochSecond());
	}

	static String family(String kind) {
		return Kind.fromId(kind).map(Kind::family).map(KindFamily::id).orElse(KindFamily.APPLICATION.id());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * Sample count, median and 90th percentile in seconds (null without samples).
	 */
	record ResponseTimes(long samples, Double median, Double p90) {

	}

	record EarlierRace(long crash, long race, String environment, Instant firstSeen, String status) {

	}

	static List<Long> ids(List<IncidentLine> lines) {
		List<Long> ids = new ArrayList<>(lines.size());
		lines.forEach((line) -> ids.add(line.id()));
		return ids;
	}

}
