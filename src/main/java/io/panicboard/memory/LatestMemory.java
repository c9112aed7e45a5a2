package io.panicboard.memory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The latest heap and goroutine figures of every service and environment, for monitoring
 * (the {@code panicboard_heap_*_bytes} and {@code panicboard_goroutines} gauges). Per
 * instance, the newer of its latest gctrace cycle and its latest expvar sample gives heap
 * live and goal; goroutines come from expvar samples only (gctrace has none). Instances
 * are summed per service and environment.
 */
@Component
@Transactional(readOnly = true)
public class LatestMemory {

	private static final double MIB = 1024 * 1024;

	private final JdbcClient jdbc;

	LatestMemory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reads the latest figures of instances that reported since a time.
	 * @param since instances silent since then are left out
	 * @return one entry per service and environment
	 */
	public List<ServiceMemory> since(Instant since) {
		Timestamp from = Timestamp.from(since);
		return this.jdbc.sql("""
				WITH c AS (
				    SELECT DISTINCT ON (service, environment, coalesce(instance, ''))
				           service, environment, coalesce(instance, '') AS instance, received_at,
				           heap_live_mb * ? AS live, goal_mb * ? AS goal
				    FROM gc_cycle WHERE received_at >= ?
				    ORDER BY service, environment, coalesce(instance, ''), received_at DESC, number DESC),
				s AS (
				    SELECT DISTINCT ON (service, environment, instance)
				           service, environment, instance, received_at, heap_alloc_bytes AS live,
				           next_gc_bytes AS goal, goroutines
				    FROM memory_sample WHERE received_at >= ?
				    ORDER BY service, environment, instance, received_at DESC)
				SELECT coalesce(s.service, c.service), coalesce(s.environment, c.environment),
				       sum(CASE WHEN c.received_at IS NULL OR s.received_at >= c.received_at
				                THEN s.live ELSE c.live END),
				       sum(CASE WHEN c.received_at IS NULL OR s.received_at >= c.received_at
				                THEN s.goal ELSE c.goal END),
				       sum(s.goroutines)
				FROM c FULL JOIN s
				  ON s.service = c.service AND s.environment = c.environment AND s.instance = c.instance
				GROUP BY 1, 2""").params(MIB, MIB, from, from).query((rs, n) -> {
			double goroutines = rs.getDouble(5);
			return new ServiceMemory(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
					rs.wasNull() ? null : goroutines);
		}).list();
	}

	/**
	 * The latest figures of one service and environment.
	 *
	 * @param service the service
	 * @param environment the environment
	 * @param heapLiveBytes heap live, summed over instances
	 * @param heapGoalBytes heap goal, summed over instances
	 * @param goroutines goroutines summed over instances that publish a count, or
	 * {@code null} when none does
	 */
	public record ServiceMemory(String service, String environment, double heapLiveBytes, double heapGoalBytes,
			Double goroutines) {

	}

}
