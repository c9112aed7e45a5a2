package io.panicboard.slo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Rolls what services send up into the minute and hour tables the indicators read. Each
 * run recomputes the closed minutes of the last {@link SloProperties#rollupWindow()} from
 * their sources and overwrites them, then recomputes the hours those minutes fall in from
 * the minute tables; it is idempotent and takes in data that arrived late within the
 * window. Everything counts in the minute it was received.
 * <p>
 * Occurrences are the one large source (a thousand crashes a second are 600,000 rows of
 * about 2 KB in a 10-minute window), and they are only ever added. A scheduled run
 * therefore reads the occurrences of a minute again only when the minute has more of them
 * than the crash minutes already count: ingestion counts every occurrence in
 * {@code incident_minute} in the transaction that stores it, so comparing the two sums
 * per minute is cheap, and in steady state only the minute that just closed is read.
 * <ul>
 * <li>{@code slo_instance_minute}: an instance is observed in a minute when it sent a gc
 * line or an expvar sample ({@code gc_minute}, memory's rollup), a heartbeat or a crash;
 * the minute records the kinds it crashed with.</li>
 * <li>{@code slo_crash_minute}: occurrences by their own kind.</li>
 * <li>{@code slo_gc_minute}: GC cycles (gctrace cycles, and pauses derived from expvar
 * samples) with the count at or below each bound of {@link GcPauseBounds}. Both sources
 * report the same cycles, so as in memory's {@code gc_minute} an instance's minute with
 * gctrace lines takes its cycles from them alone, one without them from the expvar pauses
 * that ended in it.</li>
 * </ul>
 */
@Component
class SloRollup {

	/**
	 * The closed minutes of a range that hold occurrences the crash minutes do not count
	 * yet. Both sides count every occurrence once, and occurrences are never taken away
	 * within the window, so equal sums mean the same occurrences.
	 */
	private static final String CHANGED_MINUTES = """
			SELECT m.minute FROM generate_series(:from, :last, interval '1 minute') AS m (minute)
			WHERE (SELECT coalesce(sum(i.count), 0) FROM incident_minute i WHERE i.minute = m.minute)
				<> (SELECT coalesce(sum(c.count), 0) FROM slo_crash_minute c WHERE c.minute = m.minute)
			ORDER BY m.minute""";

	/**
	 * Instance minutes and crash minutes in one statement, so that the occurrences are
	 * read once (by {@code occurrence_received_at}), and their kind from the narrow
	 * column, not the stored finding (rows older than the column have it only there).
	 * Occurrences are read from {@code :crashFrom} to {@code :crashTo}, and only in the
	 * minutes {@code :crashMinutes} when given; an instance minute's crash kinds are
	 * replaced only in those minutes, elsewhere a late heartbeat or gc minute adds the
	 * instance without touching the kinds already counted.
	 */
	private static final String INSTANCE_AND_CRASH_MINUTES = """
			WITH crashes AS MATERIALIZED (
				SELECT service, environment, coalesce(instance, '') AS instance,
					date_trunc('minute', received_at) AS minute, coalesce(kind, finding->>'kind', 'other') AS kind,
					count(*) AS n
				FROM occurrence
				WHERE received_at >= :crashFrom AND received_at < :crashTo
					AND (CAST(:crashMinutes AS timestamptz[]) IS NULL
						OR date_trunc('minute', received_at) = ANY (CAST(:crashMinutes AS timestamptz[])))
				GROUP BY 1, 2, 3, 4, 5
			), crash_minutes AS (
				INSERT INTO slo_crash_minute AS m (service, environment, kind, minute, count)
				SELECT service, environment, kind, minute, sum(n) FROM crashes GROUP BY 1, 2, 3, 4
				ON CONFLICT (service, environment, kind, minute) DO UPDATE SET count = excluded.count
			), observed AS (
				SELECT service, environment, instance, minute FROM gc_minute WHERE minute >= :from AND minute < :to
				UNION
				SELECT service, environment, instance, minute FROM heartbeat WHERE minute >= :from AND minute < :to
				UNION
				SELECT service, environment, instance, minute FROM crashes
			), crashed AS (
				SELECT service, environment, instance, minute, array_agg(kind ORDER BY kind) AS kinds
				FROM crashes GROUP BY 1, 2, 3, 4
			)
			INSERT INTO slo_instance_minute AS m (service, environment, instance, minute, crash_kinds)
			SELECT o.service, o.environment, o.instance, o.minute, coalesce(c.kinds, '{}')
			FROM observed o LEFT JOIN crashed c ON c.service = o.service AND c.environment = o.environment
				AND c.instance = o.instance AND c.minute = o.minute
			ON CONFLICT (service, environment, instance, minute) DO UPDATE SET crash_kinds = excluded.crash_kinds
			WHERE CAST(:crashMinutes AS timestamptz[]) IS NULL OR m.minute = ANY (CAST(:crashMinutes AS timestamptz[]))""";

	private static final String GC_MINUTES = """
			WITH cycle AS MATERIALIZED (
				SELECT service, environment, coalesce(instance, '') AS instance,
					date_trunc('minute', received_at) AS minute,
					(clock_sweep_termination_ms + clock_mark_termination_ms) / 1000.0 AS seconds
				FROM gc_cycle WHERE received_at >= :from AND received_at < :to
			), pause AS (
				SELECT service, environment, minute, seconds FROM cycle
				UNION ALL
				-- the same cycles seen through the other source: as in gc_minute, an
				-- instance's minute with gctrace lines takes its cycles from them alone
				SELECT service, environment, date_trunc('minute', ended_at), pause_seconds
				FROM gc_pause p WHERE ended_at >= :from AND ended_at < :to
					AND NOT EXISTS (SELECT 1 FROM cycle c WHERE c.service = p.service AND c.environment = p.environment
						AND c.instance = p.instance AND c.minute = date_trunc('minute', p.ended_at))
			)
			INSERT INTO slo_gc_minute AS m (service, environment, minute, cycles, within)
			SELECT service, environment, minute, count(*), ARRAY[%s]
			FROM pause GROUP BY 1, 2, 3
			ON CONFLICT (service, environment, minute) DO UPDATE SET cycles = excluded.cycles, within = excluded.within"""
		.formatted(Arrays.stream(GcPauseBounds.SECONDS)
			.mapToObj((b) -> "count(*) FILTER (WHERE seconds <= " + b + ")")
			.collect(Collectors.joining(", ")));

	private static final String INSTANCE_HOURS = """
			INSERT INTO slo_instance_hour (service, environment, hour, crash_kinds, minutes)
			SELECT service, environment, date_trunc('hour', minute, 'UTC'), crash_kinds, count(*)
			FROM slo_instance_minute WHERE minute >= :from AND minute < :to GROUP BY 1, 2, 3, 4""";

	private static final String CRASH_HOURS = """
			INSERT INTO slo_crash_hour (service, environment, kind, hour, count)
			SELECT service, environment, kind, date_trunc('hour', minute, 'UTC'), sum(count)
			FROM slo_crash_minute WHERE minute >= :from AND minute < :to GROUP BY 1, 2, 3, 4""";

	private static final String GC_HOURS = """
			WITH m AS (
				SELECT service, environment, date_trunc('hour', minute, 'UTC') AS hour, cycles, within
				FROM slo_gc_minute WHERE minute >= :from AND minute < :to
			), c AS (
				SELECT service, environment, hour, sum(cycles) AS cycles FROM m GROUP BY 1, 2, 3
			), w AS (
				SELECT service, environment, hour, u.i, sum(u.v) AS s
				FROM m, unnest(m.within) WITH ORDINALITY AS u(v, i) GROUP BY 1, 2, 3, 4
			), a AS (
				SELECT service, environment, hour, array_agg(s::bigint ORDER BY i) AS within FROM w GROUP BY 1, 2, 3
			)
			INSERT INTO slo_gc_hour (service, environment, hour, cycles, within)
			SELECT c.service, c.environment, c.hour, c.cycles, a.within
			FROM c JOIN a ON a.service = c.service AND a.environment = c.environment AND a.hour = c.hour""";

	private final JdbcClient jdbc;

	private final SloProperties properties;

	SloRollup(JdbcClient jdbc, SloProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Recomputes the closed minutes of the window before {@code now}, and their hours,
	 * reading occurrences only in the minutes that have new ones.
	 * @param now the current time
	 */
	@Transactional
	void rollUp(Instant now) {
		Instant to = now.truncatedTo(ChronoUnit.MINUTES);
		Instant from = to.minus(this.properties.rollupWindow()).truncatedTo(ChronoUnit.MINUTES);
		if (!to.isAfter(from)) {
			return;
		}
		List<Instant> changed = this.jdbc.sql(CHANGED_MINUTES)
			.param("from", from.atOffset(UTC))
			.param("last", to.minus(1, ChronoUnit.MINUTES).atOffset(UTC))
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.list();
		rollUp(from, to, changed);
	}

	/**
	 * Recomputes the minutes of {@code [from, to)} and the hours they fall in, reading
	 * every occurrence of the range again.
	 * @param from the first minute
	 * @param to the minute after the last
	 */
	@Transactional
	void rollUp(Instant from, Instant to) {
		rollUp(from, to, null);
	}

	/**
	 * Recomputes the minutes of {@code [from, to)} and their hours, reading the
	 * occurrences of the given minutes (in ascending order), or of every minute when
	 * {@code null}.
	 */
	private void rollUp(Instant from, Instant to, List<Instant> crashMinutes) {
		Instant crashFrom = from;
		Instant crashTo = to;
		if (crashMinutes != null) {
			crashFrom = crashMinutes.isEmpty() ? from : crashMinutes.get(0);
			crashTo = crashMinutes.isEmpty() ? from
					: crashMinutes.get(crashMinutes.size() - 1).plus(1, ChronoUnit.MINUTES);
		}
		this.jdbc.sql(INSTANCE_AND_CRASH_MINUTES)
			.param("from", from.atOffset(UTC))
			.param("to", to.atOffset(UTC))
			.param("crashFrom", crashFrom.atOffset(UTC))
			.param("crashTo", crashTo.atOffset(UTC))
			.param("crashMinutes",
					(crashMinutes != null) ? crashMinutes.stream().map(Instant::toString).toArray(String[]::new) : null)
			.update();
		update(GC_MINUTES, from, to);
		Instant hourFrom = from.truncatedTo(ChronoUnit.HOURS);
		Instant hourTo = to.truncatedTo(ChronoUnit.HOURS).equals(to) ? to
				: to.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		for (String table : new String[] { "slo_instance_hour", "slo_crash_hour", "slo_gc_hour" }) {
			update("DELETE FROM " + table + " WHERE hour >= :from AND hour < :to", hourFrom, hourTo);
		}
		update(INSTANCE_HOURS, hourFrom, hourTo);
		update(CRASH_HOURS, hourFrom, hourTo);
		update(GC_HOURS, hourFrom, hourTo);
	}

	/**
	 * Deletes minute rollups and heartbeats, and hour rollups, past their retention.
	 * @param now the current time
	 */
	@Transactional
	void deleteExpired(Instant now) {
		Instant minutes = now.minus(this.properties.minuteRetention());
		for (String table : new String[] { "slo_instance_minute", "slo_crash_minute", "slo_gc_minute", "heartbeat" }) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE minute < ?").param(minutes.atOffset(UTC)).update();
		}
		Instant hours = now.minus(this.properties.hourRetention());
		for (String table : new String[] { "slo_instance_hour", "slo_crash_hour", "slo_gc_hour" }) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE hour < ?").param(hours.atOffset(UTC)).update();
		}
	}

	private void update(String sql, Instant from, Instant to) {
		this.jdbc.sql(sql).param("from", from.atOffset(UTC)).param("to", to.atOffset(UTC)).update();
	}

}
