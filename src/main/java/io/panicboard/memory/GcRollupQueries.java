package io.panicboard.memory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;

import io.panicboard.system.EventTimeLimits;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Reads the minute rollups ({@code gc_minute}) in buckets, and the crashes and deploys of
 * a service to mark on its charts. Long ranges are aggregated in SQL; raw cycles and
 * occurrences are never scanned for them.
 */
@Repository
@Transactional(readOnly = true)
class GcRollupQueries implements HeapTrends {

	/** Crash and deploy markers one chart draws at most. */
	static final int MAX_MARKERS = 500;

	/**
	 * Per instance and bucket first (cycles summed, the worst minute's pause and heap,
	 * the average GC CPU, the newest goroutine count), then across instances: cycles and
	 * goroutines summed, pause, heap, goal and GC CPU the largest of any instance.
	 */
	private static final String BUCKETS = """
			WITH per_instance AS (
				SELECT date_bin(make_interval(secs => :seconds), minute, timestamptz '1970-01-01 00:00:00+00') AS bucket,
					instance,
					sum(cycles) AS cycles, max(pause_p50_seconds) AS p50, max(pause_p99_seconds) AS p99,
					max(pause_max_seconds) AS pmax, max(heap_live_max_bytes) AS live, max(heap_goal_bytes) AS goal,
					avg(gc_cpu_percent) AS cpu,
					(array_agg(goroutines ORDER BY minute DESC) FILTER (WHERE goroutines IS NOT NULL))[1] AS goroutines
				FROM gc_minute
				WHERE service = :service AND environment = :environment AND minute >= :from AND minute < :to
				GROUP BY 1, instance)
			SELECT bucket, sum(cycles) AS cycles, max(p50) AS p50, max(p99) AS p99, max(pmax) AS pmax,
				max(live) AS live, max(goal) AS goal, max(cpu) AS cpu, sum(goroutines) AS goroutines,
				count(*) AS instances
			FROM per_instance GROUP BY bucket ORDER BY bucket""";

	private static final String HEAP_MINUTES = """
			SELECT minute, max(heap_live_max_bytes) AS live, max(heap_goal_bytes) AS goal,
				max(heap_live_max_bytes) FILTER (WHERE instance = :instance) AS instance_live,
				max(heap_goal_bytes) FILTER (WHERE instance = :instance) AS instance_goal
			FROM gc_minute
			WHERE service = :service AND environment = :environment AND minute >= :from AND minute < :to
			GROUP BY minute HAVING max(heap_live_max_bytes) IS NOT NULL OR max(heap_goal_bytes) IS NOT NULL
			ORDER BY minute""";

	/** A loose index scan: the distinct environments without reading every minute. */
	private static final String GC_ENVIRONMENTS = """
			WITH RECURSIVE e AS (
				SELECT min(environment) AS environment FROM gc_minute WHERE service = :service
				UNION ALL
				SELECT (SELECT min(environment) FROM gc_minute WHERE service = :service AND environment > e.environment)
				FROM e WHERE e.environment IS NOT NULL)
			SELECT environment FROM e WHERE environment IS NOT NULL""";

	/**
	 * The newest crash groups of a range, oldest first, each with the crashes of the
	 * whole range (counted before the limit).
	 */
	private static final String HOURLY_CRASHES = """
			SELECT * FROM (SELECT h.hour AS at, i.kind, i.id, sum(h.count) AS count,
					sum(sum(h.count)) OVER () AS total
				FROM incident_hourly h JOIN incident i ON i.id = h.incident_id
				WHERE i.service = :service AND i.environment = :environment AND h.hour >= :from AND h.hour < :to
				GROUP BY h.hour, i.kind, i.id ORDER BY h.hour DESC, i.id DESC LIMIT :limit) newest
			ORDER BY at, id""";

	/**
	 * As {@link #HOURLY_CRASHES}, per minute of occurrence like the hourly rollups. An
	 * occurrence is received at most {@code timestamp-future} before it occurred, which
	 * bounds the read by receipt time.
	 */
	private static final String RECENT_CRASHES = """
			SELECT * FROM (SELECT date_trunc('minute', o.occurred_at) AS at, i.kind, i.id, count(*) AS count,
					sum(count(*)) OVER () AS total
				FROM occurrence o JOIN incident i ON i.id = o.incident_id
				WHERE o.service = :service AND o.environment = :environment AND o.received_at >= :receivedFrom
					AND o.occurred_at >= :from AND o.occurred_at < :to
				GROUP BY 1, i.kind, i.id ORDER BY 1 DESC, i.id DESC LIMIT :limit) newest
			ORDER BY at, id""";

	private final JdbcClient jdbc;

	private final EventTimeLimits times;

	GcRollupQueries(JdbcClient jdbc, EventTimeLimits times) {
		this.jdbc = jdbc;
		this.times = times;
	}

	/**
	 * The buckets of a range that have rollups, oldest first.
	 */
	List<GcBucket> buckets(String service, String environment, Instant from, Instant to, long bucketSeconds) {
		return this.jdbc.sql(BUCKETS)
			.param("seconds", bucketSeconds)
			.param("service", service)
			.param("environment", environment)
			.param("from", from.atOffset(UTC))
			.param("to", to.atOffset(UTC))
			.query((rs, row) -> new GcBucket(instant(rs, "bucket"), rs.getLong("cycles"), number(rs, "p50"),
					number(rs, "p99"), number(rs, "pmax"), number(rs, "live"), number(rs, "goal"), number(rs, "cpu"),
					number(rs, "goroutines"), rs.getInt("instances")))
			.list();
	}

	@Override
	public List<HeapMinute> heapMinutes(String service, String environment, String instance, Instant from, Instant to) {
		return this.jdbc.sql(HEAP_MINUTES)
			.param("instance", (instance != null) ? instance : "")
			.param("service", service)
			.param("environment", environment)
			.param("from", from.atOffset(UTC))
			.param("to", to.atOffset(UTC))
			.query((rs, row) -> new HeapMinute(instant(rs, "minute"), longOrNull(rs, "live"), longOrNull(rs, "goal"),
					longOrNull(rs, "instance_live"), longOrNull(rs, "instance_goal")))
			.list();
	}

	/**
	 * Whether the service is in the catalog or has sent GC data or crashes.
	 */
	boolean known(String service) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM service WHERE name = ?)")
			.param(service)
			.query(Boolean.class)
			.single() || !environments(service).isEmpty();
	}

	/**
	 * Whether a service's environment has ever sent GC data.
	 */
	boolean hasGcData(String service, String environment) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM gc_minute WHERE service = ? AND environment = ?)")
			.params(service, environment)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The environments of a service with GC data, sorted.
	 */
	List<String> gcEnvironments(String service) {
		return this.jdbc.sql(GC_ENVIRONMENTS).param("service", service).query(String.class).list();
	}

	/**
	 * The environments of a service with GC data, crashes or deploys, sorted.
	 */
	List<String> environments(String service) {
		TreeSet<String> environments = new TreeSet<>(gcEnvironments(service));
		environments.addAll(this.jdbc.sql("SELECT DISTINCT environment FROM incident WHERE service = ?")
			.param(service)
			.query(String.class)
			.list());
		environments.addAll(this.jdbc.sql("SELECT DISTINCT environment FROM deploy WHERE service = ?")
			.param(service)
			.query(String.class)
			.list());
		return List.copyOf(environments);
	}

	/**
	 * Crashes per hour and incident from the hourly rollups; an hour that starts before
	 * {@code from} is included (its marker is drawn at the range start).
	 */
	CrashMarks hourlyCrashes(String service, String environment, Instant from, Instant to) {
		return crashes(this.jdbc.sql(HOURLY_CRASHES), service, environment,
				from.minusSeconds(from.getEpochSecond() % 3600), to);
	}

	/**
	 * Crashes per minute and incident from the occurrences that occurred in the range,
	 * for short ranges only (the occurrence index on service and environment, and the
	 * time they were received, bound the read).
	 */
	CrashMarks recentCrashes(String service, String environment, Instant from, Instant to) {
		return crashes(
				this.jdbc.sql(RECENT_CRASHES).param("receivedFrom", this.times.earliestReceiptOf(from).atOffset(UTC)),
				service, environment, from, to);
	}

	private CrashMarks crashes(StatementSpec statement, String service, String environment, Instant from, Instant to) {
		long[] total = new long[1];
		List<Crashes> groups = statement.param("service", service)
			.param("environment", environment)
			.param("from", from.atOffset(UTC))
			.param("to", to.atOffset(UTC))
			.param("limit", MAX_MARKERS)
			.query((rs, row) -> {
				total[0] = rs.getLong("total");
				return new Crashes(instant(rs, "at"), rs.getString("kind"), rs.getLong("id"), rs.getLong("count"));
			})
			.list();
		return new CrashMarks(groups, total[0]);
	}

	/**
	 * The newest {@value #MAX_MARKERS} deploys of a service's environment in a range,
	 * oldest first, with how many the range has.
	 */
	DeployMarks deploys(String service, String environment, Instant from, Instant to) {
		long[] total = new long[1];
		List<Deploy> deploys = this.jdbc.sql("""
				SELECT * FROM (SELECT id, deployed_at, version, count(*) OVER () AS total FROM deploy
					WHERE service = ? AND environment = ? AND deployed_at >= ? AND deployed_at < ?
					ORDER BY deployed_at DESC, id DESC LIMIT ?) newest
				ORDER BY deployed_at, id""")
			.params(service, environment, from.atOffset(UTC), to.atOffset(UTC), MAX_MARKERS)
			.query((rs, row) -> {
				total[0] = rs.getLong("total");
				return new Deploy(instant(rs, "deployed_at"), rs.getString("version"));
			})
			.list();
		return new DeployMarks(deploys, total[0]);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static double number(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? Double.NaN : value;
	}

	private static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * One bucket of a service's environment, across its instances ({@code NaN} where no
	 * minute had a value).
	 *
	 * @param start the bucket start
	 * @param cycles GC cycles of every instance
	 * @param pauseP50 the largest per-minute median pause, in seconds
	 * @param pauseP99 the largest per-minute 99th percentile pause, in seconds
	 * @param pauseMax the longest pause, in seconds
	 * @param heapLive the largest live heap of any instance, in bytes
	 * @param heapGoal the largest heap goal of any instance, in bytes
	 * @param gcCpuPercent the GC CPU of the busiest instance (each averaged over the
	 * bucket)
	 * @param goroutines the newest goroutine count of every instance, summed
	 * @param instances how many instances reported in the bucket
	 */
	record GcBucket(Instant start, long cycles, double pauseP50, double pauseP99, double pauseMax, double heapLive,
			double heapGoal, double gcCpuPercent, double goroutines, int instances) {

	}

	/**
	 * The crashes of a range to mark on a chart.
	 *
	 * @param groups the newest {@value #MAX_MARKERS} groups at most, oldest first
	 * @param total the crashes of the whole range, also of the groups left out
	 */
	record CrashMarks(List<Crashes> groups, long total) {

	}

	/**
	 * Crashes of one incident in one hour (or minute).
	 *
	 * @param at the hour or minute
	 * @param kind the incident's kind
	 * @param incidentId the incident
	 * @param count how many
	 */
	record Crashes(Instant at, String kind, long incidentId, long count) {

	}

	/**
	 * The deploys of a range to mark on a chart.
	 *
	 * @param deploys the newest {@value #MAX_MARKERS} at most, oldest first
	 * @param total the deploys of the whole range
	 */
	record DeployMarks(List<Deploy> deploys, long total) {

	}

	/**
	 * A deploy.
	 *
	 * @param at when
	 * @param version the version
	 */
	record Deploy(Instant at, String version) {

	}

}
