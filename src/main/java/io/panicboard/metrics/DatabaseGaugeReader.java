package io.panicboard.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.metrics.DatabaseGauges.Readings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the values of {@link DatabaseGauges}: open incidents from {@code incident}, and
 * per service the latest {@code gc_cycle} and {@code memory_sample} of each instance that
 * reported within {@code panicboard.metrics.sample-max-age}. Of an instance's two sources
 * the newer gives heap live and goal; goroutines come from memory samples only (gctrace
 * has none).
 */
@Component
class DatabaseGaugeReader {

	private static final double MIB = 1024 * 1024;

	private final JdbcClient jdbc;

	private final MetricsProperties properties;

	DatabaseGaugeReader(JdbcClient jdbc, MetricsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	Readings read(Instant now) {
		Map<List<String>, Double> open = new HashMap<>();
		this.jdbc.sql("""
				SELECT service, severity, kind, count(*) FROM incident
				WHERE status = 'open' AND merged_into IS NULL GROUP BY service, severity, kind""").query((rs) -> {
			open.put(List.of(rs.getString(1), rs.getString(2), rs.getString(3)), (double) rs.getLong(4));
		});
		Map<List<String>, Double> live = new HashMap<>();
		Map<List<String>, Double> goal = new HashMap<>();
		Map<List<String>, Double> goroutines = new HashMap<>();
		Timestamp since = Timestamp.from(now.minus(this.properties.sampleMaxAge()));
		this.jdbc.sql("""
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
				GROUP BY 1, 2""").params(MIB, MIB, since, since).query((rs) -> {
			List<String> labels = List.of(rs.getString(1), rs.getString(2));
			live.put(labels, rs.getDouble(3));
			goal.put(labels, rs.getDouble(4));
			double count = rs.getDouble(5);
			if (!rs.wasNull()) {
				goroutines.put(labels, count);
			}
		});
		return new Readings(open, live, goal, goroutines);
	}

}
