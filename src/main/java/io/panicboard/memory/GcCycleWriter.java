package io.panicboard.memory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.panicboard.analysis.GcCycle;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores gc cycles in the caller's transaction with one statement per stream (service,
 * environment, instance, receipt time): each cycle field is bound as one array, sent in
 * binary, and {@code unnest} zips them into rows. gctrace lines come by the thousand per
 * request; this costs a fraction of a batched {@code INSERT} per row. Then one statement
 * moves each instance's row of {@code latest_memory} forward to its newest cycle, in key
 * order, so that two batches writing the same instances lock them in the same order.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class GcCycleWriter implements GcCycleRecorder {

	private static final String INSERT = """
			INSERT INTO gc_cycle (service, environment, instance, received_at, number, at_seconds, cpu_percent,
				clock_sweep_termination_ms, clock_mark_ms, clock_mark_termination_ms, cpu_sweep_termination_ms,
				cpu_assist_ms, cpu_background_ms, cpu_idle_ms, cpu_mark_termination_ms, heap_before_mb,
				heap_after_mb, heap_live_mb, goal_mb, stacks_mb, globals_mb, procs, forced)
			SELECT ?, ?, ?, ?::timestamptz, c.* FROM unnest(?::int8[], ?::float8[], ?::int4[], ?::float8[], ?::float8[],
				?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int4[], ?::bool[]) AS c""";

	private static final String UPDATE_LATEST = """
			INSERT INTO latest_memory AS m (service, environment, instance, source, received_at, number, live_bytes,
				goal_bytes)
			SELECT l.service, l.environment, l.instance, 'gctrace', l.received_at, l.number, l.live * 1048576.0,
				l.goal * 1048576.0
			FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int8[], ?::int8[], ?::int8[])
				AS l (service, environment, instance, received_at, number, live, goal)
			ON CONFLICT (service, environment, instance, source) DO UPDATE SET received_at = excluded.received_at,
				number = excluded.number, live_bytes = excluded.live_bytes, goal_bytes = excluded.goal_bytes
			WHERE (excluded.received_at, excluded.number) > (m.received_at, m.number)""";

	/** The order of the newest cycle: by receipt, then by cycle number. */
	private static final Comparator<NewGcCycle> NEWER = Comparator.comparing(NewGcCycle::receivedAt)
		.thenComparingLong((cycle) -> cycle.cycle().number());

	private final JdbcTemplate jdbc;

	private final GcPauseMetrics pauses;

	private final GcMinuteRollup rollup;

	GcCycleWriter(JdbcTemplate jdbc, GcPauseMetrics pauses, GcMinuteRollup rollup) {
		this.jdbc = jdbc;
		this.pauses = pauses;
		this.rollup = rollup;
	}

	@Override
	public int rollUpReceivedBetween(Instant from, Instant to) {
		return this.rollup.rollUpBetween(from, to);
	}

	@Override
	public void record(List<NewGcCycle> cycles) {
		if (cycles.isEmpty()) {
			return;
		}
		// one statement per stream: service, environment, instance and receipt time bound
		// once, the cycle fields as arrays
		Map<List<Object>, List<NewGcCycle>> streams = new LinkedHashMap<>();
		for (NewGcCycle cycle : cycles) {
			streams
				.computeIfAbsent(
						Arrays.asList(cycle.service(), cycle.environment(), cycle.instance(), cycle.receivedAt()),
						(key) -> new ArrayList<>())
				.add(cycle);
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			int rows = 0;
			try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
				for (List<NewGcCycle> stream : streams.values()) {
					rows += insert(statement, stream);
				}
			}
			return rows;
		});
		updateLatest(cycles);
		this.pauses.observeAfterCommit(cycles);
	}

	private void updateLatest(List<NewGcCycle> cycles) {
		Map<Instance, NewGcCycle> newest = new TreeMap<>();
		for (NewGcCycle cycle : cycles) {
			newest.merge(Instance.of(cycle), cycle, (a, b) -> (NEWER.compare(b, a) > 0) ? b : a);
		}
		int n = newest.size();
		String[][] keys = new String[3][n];
		String[] receivedAt = new String[n];
		long[][] figures = new long[3][n];
		int i = 0;
		for (Map.Entry<Instance, NewGcCycle> entry : newest.entrySet()) {
			keys[0][i] = entry.getKey().service();
			keys[1][i] = entry.getKey().environment();
			keys[2][i] = entry.getKey().instance();
			GcCycle c = entry.getValue().cycle();
			receivedAt[i] = entry.getValue().receivedAt().toString();
			figures[0][i] = c.number();
			figures[1][i] = c.heapLiveMb();
			figures[2][i] = c.goalMb();
			i++;
		}
		this.jdbc.update(UPDATE_LATEST, keys[0], keys[1], keys[2], receivedAt, figures[0], figures[1], figures[2]);
	}

	private static int insert(PreparedStatement statement, List<NewGcCycle> cycles) throws SQLException {
		int n = cycles.size();
		long[][] longs = new long[5][n];
		int[][] ints = new int[2][n];
		double[][] doubles = new double[9][n];
		Long[][] nullables = new Long[2][n];
		boolean[] forced = new boolean[n];
		for (int i = 0; i < n; i++) {
			GcCycle c = cycles.get(i).cycle();
			longs[0][i] = c.number();
			doubles[0][i] = c.atSeconds();
			ints[0][i] = c.cpuPercent();
			doubles[1][i] = c.clockSweepTerminationMs();
			doubles[2][i] = c.clockMarkMs();
			doubles[3][i] = c.clockMarkTerminationMs();
			doubles[4][i] = c.cpuSweepTerminationMs();
			doubles[5][i] = c.cpuAssistMs();
			doubles[6][i] = c.cpuBackgroundMs();
			doubles[7][i] = c.cpuIdleMs();
			doubles[8][i] = c.cpuMarkTerminationMs();
			longs[1][i] = c.heapBeforeMb();
			longs[2][i] = c.heapAfterMb();
			longs[3][i] = c.heapLiveMb();
			longs[4][i] = c.goalMb();
			nullables[0][i] = c.stacksMb();
			nullables[1][i] = c.globalsMb();
			ints[1][i] = c.procs();
			forced[i] = c.forced();
		}
		NewGcCycle first = cycles.get(0);
		Connection connection = statement.getConnection();
		int p = 1;
		statement.setString(p++, first.service());
		statement.setString(p++, first.environment());
		statement.setString(p++, first.instance());
		statement.setObject(p++, first.receivedAt().atOffset(ZoneOffset.UTC));
		// primitive arrays: the driver sends them in binary
		statement.setObject(p++, longs[0]);
		statement.setObject(p++, doubles[0]);
		statement.setObject(p++, ints[0]);
		for (int d = 1; d <= 8; d++) {
			statement.setObject(p++, doubles[d]);
		}
		for (int l = 1; l <= 4; l++) {
			statement.setObject(p++, longs[l]);
		}
		statement.setArray(p++, connection.createArrayOf("int8", nullables[0]));
		statement.setArray(p++, connection.createArrayOf("int8", nullables[1]));
		statement.setObject(p++, ints[1]);
		statement.setObject(p, forced);
		return statement.executeUpdate();
	}

	/** An instance's key in {@code latest_memory}, in the order its rows are locked. */
	private record Instance(String service, String environment, String instance) implements Comparable<Instance> {

		private static final Comparator<Instance> ORDER = Comparator.comparing(Instance::service)
			.thenComparing(Instance::environment)
			.thenComparing(Instance::instance);

		static Instance of(NewGcCycle cycle) {
			return new Instance(cycle.service(), cycle.environment(),
					(cycle.instance() != null) ? cycle.instance() : "");
		}

		@Override
		public int compareTo(Instance other) {
			return ORDER.compare(this, other);
		}

	}

}
