package io.panicboard.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Rolls gc cycles (gctrace), GC pauses and memory samples (expvar) up into one
 * {@code gc_minute} row per service, environment, instance and minute. A run recomputes
 * minutes of the last {@link MemoryProperties#rollupWindow()} of closed minutes from the
 * raw rows and overwrites them, so it is idempotent and takes in data that arrived late
 * within the window. It reads each minute in full once, when the minute has closed, and
 * an older minute again only for the instances with rows written since the previous run:
 * the run keeps a snapshot taken before it read anything
 * ({@code gc_minute_progress.seen}), and a row that snapshot does not show was written by
 * a transaction that had not committed then. gc cycles and memory samples count under
 * their receipt time, so such a row can only belong to a minute that closed while its
 * request was committing: the run looks for them in the {@link #SETTLE} before where the
 * previous run ended. GC pauses count under the time they ended and can land in any older
 * minute of the window.
 * <p>
 * A gctrace cycle counts in the minute it was received; its pause is sweep termination
 * plus mark termination, its heap live {@code heap_live_mb}, its goal {@code goal_mb},
 * its GC CPU {@code cpu_percent}. An expvar pause counts in the minute it ended, unless
 * the instance sent gctrace lines in that minute: both sources report the same cycles, so
 * such a minute takes its cycles and pauses from the gctrace lines alone. A sample gives
 * heap live ({@code HeapAlloc}, live heap plus garbage not yet collected, so an upper
 * bound), goal ({@code NextGC}), GC CPU ({@code GCCPUFraction} × 100) and goroutines.
 * Heap live and goroutines are the minute's maximum; goal and GC CPU (both sources report
 * GC CPU since the process started) the minute's last value: the latest received, and of
 * those received together (the lines of one log request) the highest cycle number
 * ({@code NumGC} for a sample), and of a line and a sample of the same cycle the sample
 * (the line's goal is the one its cycle ran to, {@code NextGC} the next cycle's). A
 * gctrace cycle without an instance rolls up under the instance {@code ''}.
 */
@Component
class GcMinuteRollup {

	private static final String ROLLUP = """
			WITH late AS (
				-- older minutes of the window with rows the previous run did not see: pauses
				-- written since that ended in any minute of the window, cycles and samples
				-- written since that were received in the settling minutes
				SELECT service, environment, instance, date_trunc('minute', ended_at) AS minute
				FROM gc_pause
				WHERE ended_at >= :from AND ended_at < :recent
					AND written_after(xmin, :xact, CAST(:seen AS pg_snapshot))
				UNION
				SELECT service, environment, coalesce(instance, ''), date_trunc('minute', received_at)
				FROM gc_cycle
				WHERE received_at >= :settle AND received_at < :recent
					AND written_after(xmin, :xact, CAST(:seen AS pg_snapshot))
				UNION
				SELECT service, environment, instance, date_trunc('minute', received_at)
				FROM memory_sample
				WHERE received_at >= :settle AND received_at < :recent
					AND written_after(xmin, :xact, CAST(:seen AS pg_snapshot))
			), cycle AS (
				SELECT service, environment, coalesce(instance, '') AS instance, received_at,
					date_trunc('minute', received_at) AS minute, number, clock_sweep_termination_ms,
					clock_mark_termination_ms, heap_live_mb, goal_mb, cpu_percent
				FROM gc_cycle WHERE received_at >= :recent AND received_at < :to
				UNION ALL
				SELECT l.service, l.environment, l.instance, c.received_at, l.minute, c.number,
					c.clock_sweep_termination_ms, c.clock_mark_termination_ms, c.heap_live_mb, c.goal_mb, c.cpu_percent
				FROM late l CROSS JOIN LATERAL (SELECT * FROM gc_cycle c WHERE c.service = l.service
					AND c.environment = l.environment AND coalesce(c.instance, '') = l.instance
					AND c.received_at >= l.minute AND c.received_at < l.minute + interval '1 minute' OFFSET 0) c
			), sample AS (
				SELECT service, environment, instance, received_at, date_trunc('minute', received_at) AS minute,
					num_gc, heap_alloc_bytes, next_gc_bytes, gc_cpu_fraction, goroutines
				FROM memory_sample WHERE received_at >= :recent AND received_at < :to
				UNION ALL
				SELECT l.service, l.environment, l.instance, s.received_at, l.minute, s.num_gc, s.heap_alloc_bytes,
					s.next_gc_bytes, s.gc_cpu_fraction, s.goroutines
				FROM late l CROSS JOIN LATERAL (SELECT * FROM memory_sample s WHERE s.service = l.service
					AND s.environment = l.environment AND s.instance = l.instance
					AND s.received_at >= l.minute AND s.received_at < l.minute + interval '1 minute' OFFSET 0) s
			), expvar_pause AS (
				SELECT service, environment, instance, date_trunc('minute', ended_at) AS minute, pause_seconds AS seconds
				FROM gc_pause WHERE ended_at >= :recent AND ended_at < :to
				UNION ALL
				SELECT l.service, l.environment, l.instance, l.minute, p.pause_seconds
				FROM late l CROSS JOIN LATERAL (SELECT * FROM gc_pause p WHERE p.service = l.service
					AND p.environment = l.environment AND p.instance = l.instance
					AND p.ended_at >= l.minute AND p.ended_at < l.minute + interval '1 minute' OFFSET 0) p
			), pause AS (
				SELECT service, environment, instance, minute,
					(clock_sweep_termination_ms + clock_mark_termination_ms) / 1000.0 AS seconds
				FROM cycle
				UNION ALL
				-- the same cycles seen through the other source: an instance's minute with
				-- gctrace lines takes its cycles from them alone
				SELECT * FROM expvar_pause e WHERE NOT EXISTS (SELECT 1 FROM cycle c WHERE c.service = e.service
					AND c.environment = e.environment AND c.instance = e.instance AND c.minute = e.minute)
			), heap AS (
				-- of a cycle's line and a sample after it received together, the sample's are
				-- newer: the line has the goal the cycle ran to, NextGC the next cycle's
				SELECT service, environment, instance, received_at AS at, number, 0 AS source, minute,
					heap_live_mb * 1048576 AS live, goal_mb * 1048576 AS goal, cpu_percent::double precision AS cpu,
					NULL::integer AS goroutines
				FROM cycle
				UNION ALL
				SELECT service, environment, instance, received_at, num_gc, 1, minute, heap_alloc_bytes, next_gc_bytes,
					gc_cpu_fraction * 100, goroutines
				FROM sample
			), pauses AS (
				SELECT service, environment, instance, minute, count(*) AS cycles,
					percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
					percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99,
					max(seconds) AS pmax
				FROM pause GROUP BY service, environment, instance, minute
			), heaps AS (
				SELECT service, environment, instance, minute, max(live) AS live,
					(array_agg(goal ORDER BY at DESC, number DESC, source DESC))[1] AS goal,
					(array_agg(cpu ORDER BY at DESC, number DESC, source DESC))[1] AS cpu,
					max(goroutines) AS goroutines
				FROM heap GROUP BY service, environment, instance, minute
			)
			INSERT INTO gc_minute AS m (service, environment, instance, minute, cycles, pause_p50_seconds,
				pause_p99_seconds, pause_max_seconds, heap_live_max_bytes, heap_goal_bytes, gc_cpu_percent, goroutines)
			SELECT coalesce(p.service, h.service), coalesce(p.environment, h.environment),
				coalesce(p.instance, h.instance), coalesce(p.minute, h.minute), coalesce(p.cycles, 0), p.p50, p.p99,
				p.pmax, h.live, h.goal, h.cpu, h.goroutines
			FROM pauses p FULL JOIN heaps h ON h.service = p.service AND h.environment = p.environment
				AND h.instance = p.instance AND h.minute = p.minute
			ON CONFLICT (service, environment, instance, minute) DO UPDATE SET cycles = excluded.cycles,
				pause_p50_seconds = excluded.pause_p50_seconds, pause_p99_seconds = excluded.pause_p99_seconds,
				pause_max_seconds = excluded.pause_max_seconds, heap_live_max_bytes = excluded.heap_live_max_bytes,
				heap_goal_bytes = excluded.heap_goal_bytes, gc_cpu_percent = excluded.gc_cpu_percent,
				goroutines = excluded.goroutines""";

	/**
	 * How long after a minute closed its gc cycles and memory samples may still commit
	 * (they are stored under their receipt time, their batch commits within seconds): a
	 * run looks for rows it has not seen in the minutes from this long before where the
	 * previous run ended.
	 */
	static final Duration SETTLE = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final MemoryProperties properties;

	GcMinuteRollup(JdbcClient jdbc, MemoryProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Rolls up the closed minutes of the window before {@code now} that have rows the
	 * previous run did not see: each minute since where that run ended in full, and of
	 * the older minutes those of the instances with rows written since (the whole window
	 * when there was no previous run, or it ended outside the window).
	 * @param now the current time
	 * @return the rows written
	 */
	@Transactional
	int rollUp(Instant now) {
		Instant to = now.truncatedTo(ChronoUnit.MINUTES);
		Instant from = to.minus(this.properties.rollupWindow()).truncatedTo(ChronoUnit.MINUTES);
		Progress previous = this.jdbc.sql("SELECT rolled_to, seen::text AS seen FROM gc_minute_progress FOR UPDATE")
			.query((rs, n) -> new Progress(rs.getObject("rolled_to", OffsetDateTime.class).toInstant(),
					rs.getString("seen")))
			.optional()
			.orElse(null);
		// the transaction's own id, before anything calls age(), which counts back from
		// it
		long xact = this.jdbc.sql("SELECT pg_current_xact_id()::text::bigint").query(Long.class).single();
		// taken before the rollup reads: what it does not show, the next run looks at
		String snapshot = this.jdbc.sql("SELECT pg_current_snapshot()::text").query(String.class).single();
		Instant recent = from;
		String seen = null;
		if (previous != null && previous.seen() != null && !previous.rolledTo().isBefore(from)
				&& !previous.rolledTo().isAfter(to)) {
			recent = previous.rolledTo();
			seen = previous.seen();
		}
		int rows = this.jdbc.sql(ROLLUP)
			.param("from", from.atOffset(UTC))
			.param("settle", later(from, recent.minus(SETTLE)).atOffset(UTC))
			.param("recent", recent.atOffset(UTC))
			.param("to", to.atOffset(UTC))
			.param("xact", xact)
			.param("seen", seen)
			.update();
		this.jdbc.sql("""
				INSERT INTO gc_minute_progress (rolled_to, seen) VALUES (:to, CAST(:seen AS pg_snapshot))
				ON CONFLICT (id) DO UPDATE SET rolled_to = excluded.rolled_to, seen = excluded.seen""")
			.param("to", to.atOffset(UTC))
			.param("seen", snapshot)
			.update();
		return rows;
	}

	/**
	 * Recomputes every minute of a range in full, in the caller's transaction, without
	 * moving the scheduled runs' progress.
	 * @param from the first minute (inclusive; truncated to the minute)
	 * @param to the end (exclusive; truncated to the minute)
	 * @return the rows written
	 */
	int rollUpBetween(Instant from, Instant to) {
		OffsetDateTime start = from.truncatedTo(ChronoUnit.MINUTES).atOffset(UTC);
		return this.jdbc.sql(ROLLUP)
			.param("from", start)
			.param("settle", start)
			.param("recent", start)
			.param("to", to.truncatedTo(ChronoUnit.MINUTES).atOffset(UTC))
			.param("xact", 0L)
			.param("seen", null)
			.update();
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * Where the previous run got to.
	 *
	 * @param rolledTo the end of the minutes it rolled up
	 * @param seen the snapshot it took before reading ({@code pg_snapshot}, as text);
	 * {@code null} before the first run that kept one
	 */
	private record Progress(Instant rolledTo, String seen) {
	}

	/**
	 * Deletes the rollups past their retention.
	 * @param now the current time
	 * @return the rows deleted
	 */
	@Transactional
	int deleteExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM gc_minute WHERE minute < ?")
			.param(now.minus(this.properties.gcMinuteRetention()).atOffset(UTC))
			.update();
	}

}
