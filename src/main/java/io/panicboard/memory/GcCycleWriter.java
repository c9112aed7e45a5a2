package io.panicboard.memory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import io.panicboard.analysis.GcCycle;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores gc cycles with one statement per call, in the caller's transaction: each column
 * is bound as one array and {@code unnest} zips them into rows (gctrace lines come by the
 * thousand per request; this costs a fraction of a batched {@code INSERT} per row).
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class GcCycleWriter implements GcCycleRecorder {

	private static final String INSERT = """
			INSERT INTO gc_cycle (service, environment, instance, received_at, number, at_seconds, cpu_percent,
				clock_sweep_termination_ms, clock_mark_ms, clock_mark_termination_ms, cpu_sweep_termination_ms,
				cpu_assist_ms, cpu_background_ms, cpu_idle_ms, cpu_mark_termination_ms, heap_before_mb,
				heap_after_mb, heap_live_mb, goal_mb, stacks_mb, globals_mb, procs, forced)
			SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[], ?::int8[], ?::float8[],
				?::int4[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
				?::float8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int4[], ?::bool[])""";

	private final JdbcTemplate jdbc;

	GcCycleWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void record(List<NewGcCycle> cycles) {
		if (cycles.isEmpty()) {
			return;
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> insert(connection, cycles));
	}

	private static int insert(Connection connection, List<NewGcCycle> cycles) throws SQLException {
		int n = cycles.size();
		String[] services = new String[n];
		String[] environments = new String[n];
		String[] instances = new String[n];
		String[] receivedAt = new String[n];
		Object[][] columns = new Object[19][n];
		for (int i = 0; i < n; i++) {
			NewGcCycle cycle = cycles.get(i);
			GcCycle c = cycle.cycle();
			services[i] = cycle.service();
			environments[i] = cycle.environment();
			instances[i] = cycle.instance();
			receivedAt[i] = cycle.receivedAt().toString();
			Object[] values = { c.number(), c.atSeconds(), c.cpuPercent(), c.clockSweepTerminationMs(), c.clockMarkMs(),
					c.clockMarkTerminationMs(), c.cpuSweepTerminationMs(), c.cpuAssistMs(), c.cpuBackgroundMs(),
					c.cpuIdleMs(), c.cpuMarkTerminationMs(), c.heapBeforeMb(), c.heapAfterMb(), c.heapLiveMb(),
					c.goalMb(), c.stacksMb(), c.globalsMb(), c.procs(), c.forced() };
			for (int column = 0; column < values.length; column++) {
				columns[column][i] = values[column];
			}
		}
		String[] types = { "int8", "float8", "int4", "float8", "float8", "float8", "float8", "float8", "float8",
				"float8", "float8", "int8", "int8", "int8", "int8", "int8", "int8", "int4", "bool" };
		try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
			statement.setArray(1, connection.createArrayOf("text", services));
			statement.setArray(2, connection.createArrayOf("text", environments));
			statement.setArray(3, connection.createArrayOf("text", instances));
			statement.setArray(4, connection.createArrayOf("text", receivedAt));
			for (int column = 0; column < types.length; column++) {
				Array array = connection.createArrayOf(types[column], columns[column]);
				statement.setArray(5 + column, array);
			}
			return statement.executeUpdate();
		}
	}

}
