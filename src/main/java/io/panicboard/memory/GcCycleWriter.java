package io.panicboard.memory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

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
 * request; this costs a fraction of a batched {@code INSERT} per row.
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

	private final JdbcTemplate jdbc;

	private final GcPauseMetrics pauses;

	GcCycleWriter(JdbcTemplate jdbc, GcPauseMetrics pauses) {
		this.jdbc = jdbc;
		this.pauses = pauses;
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
		this.pauses.observeAfterCommit(cycles);
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

}
