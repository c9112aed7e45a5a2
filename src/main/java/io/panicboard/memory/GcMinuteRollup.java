package io.panicboard.memory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Rolls gc cycles (gctrace), GC pauses and memory samples (expvar) up into one
 * {@code gc_minute} row per service, environment, instance and minute. Each run
 * recomputes the last {@link MemoryProperties#rollupWindow()} of closed minutes from the
 * raw rows and overwrites them, so it is idempotent and takes in data that arrived late
 * within the window.
 * <p>
 * A gctrace cycle counts in the minute it was received; its pause is sweep termination
 * plus mark termination, its heap live {@code heap_live_mb}, its goal {@code goal_mb},
 * its GC CPU {@code cpu_percent}. An expvar pause counts in the minute it ended; a sample
 * gives heap live ({@code HeapAlloc}, live heap plus garbage not yet collected, so an
 * upper bound), goal ({@code NextGC}), GC CPU ({@code GCCPUFraction} × 100) and
 * goroutines. Heap live and goroutines are the minute's maximum; goal and GC CPU (both
 * sources report GC CPU since the process started) the minute's last value. A gctrace
 * cycle without an instance rolls up under the instance {@code ''}.
 */
@Component
class GcMinuteRollup {

	private static final String ROLLUP = """
			WITH pause AS (
				SELECT service, environment, coalesce(instance, '') AS instance,
					date_trunc('minute', received_at) AS minute,
					(clock_sweep_termination_ms + clock_mark_termination_ms) / 1000.0 AS seconds
				FROM gc_cycle WHERE received_at >= :from AND received_at < :to
				UNION ALL
				SELECT service, environment, instance, date_trunc('minute', ended_at), pause_seconds
				FROM gc_pause WHERE ended_at >= :from AND ended_at < :to
			), heap AS (
				SELECT service, environment, coalesce(instance, '') AS instance, received_at AS at,
					date_trunc('minute', received_at) AS minute, heap_live_mb * 1048576 AS live,
					goal_mb * 1048576 AS goal, cpu_percent::double precision AS cpu, NULL::integer AS goroutines
				FROM gc_cycle WHERE received_at >= :from AND received_at < :to
				UNION ALL
				SELECT service, environment, instance, received_at, date_trunc('minute', received_at),
					heap_alloc_bytes, next_gc_bytes, gc_cpu_fraction * 100, goroutines
				FROM memory_sample WHERE received_at >= :from AND received_at < :to
			), pauses AS (
				SELECT service, environment, instance, minute, count(*) AS cycles,
					percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
					percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99,
					max(seconds) AS pmax
				FROM pause GROUP BY service, environment, instance, minute
			), heaps AS (
				SELECT service, environment, instance, minute, max(live) AS live,
					(array_agg(goal ORDER BY at DESC))[1] AS goal, (array_agg(cpu ORDER BY at DESC))[1] AS cpu,
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

	private final JdbcClient jdbc;

	private final MemoryProperties properties;

	GcMinuteRollup(JdbcClient jdbc, MemoryProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Recomputes the closed minutes of the window before {@code now}.
	 * @param now the current time
	 * @return the rows written
	 */
	@Transactional
	int rollUp(Instant now) {
		Instant to = now.truncatedTo(ChronoUnit.MINUTES);
		Instant from = to.minus(this.properties.rollupWindow()).truncatedTo(ChronoUnit.MINUTES);
		return this.jdbc.sql(ROLLUP).param("from", from.atOffset(UTC)).param("to", to.atOffset(UTC)).update();
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
