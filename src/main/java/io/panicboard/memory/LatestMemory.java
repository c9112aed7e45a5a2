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
 * are summed per service and environment. The writers keep each instance's latest row per
 * source in {@code latest_memory}, so this reads a row or two per instance.
 */
@Component
@Transactional(readOnly = true)
public class LatestMemory {

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
		return this.jdbc.sql("""
				WITH c AS (SELECT * FROM latest_memory WHERE source = 'gctrace' AND received_at >= :since),
				s AS (SELECT * FROM latest_memory WHERE source = 'expvar' AND received_at >= :since)
				SELECT coalesce(s.service, c.service), coalesce(s.environment, c.environment),
				       sum(CASE WHEN c.received_at IS NULL OR s.received_at >= c.received_at
				                THEN s.live_bytes ELSE c.live_bytes END),
				       sum(CASE WHEN c.received_at IS NULL OR s.received_at >= c.received_at
				                THEN s.goal_bytes ELSE c.goal_bytes END),
				       sum(s.goroutines)
				FROM c FULL JOIN s
				  ON s.service = c.service AND s.environment = c.environment AND s.instance = c.instance
				GROUP BY 1, 2""").param("since", Timestamp.from(since)).query((rs, n) -> {
			double goroutines = rs.getDouble(5);
			Double published = rs.wasNull() ? null : goroutines;
			return new ServiceMemory(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), published);
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
