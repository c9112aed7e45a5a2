package io.panicboard.memory;

import java.util.ArrayList;
import java.util.List;

import io.panicboard.analysis.GcCycle;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Stores gc cycles with one JDBC batch per call, in the caller's transaction.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class GcCycleWriter implements GcCycleRecorder {

	private static final String INSERT = """
			INSERT INTO gc_cycle (service, environment, instance, received_at, number, at_seconds, cpu_percent,
				clock_sweep_termination_ms, clock_mark_ms, clock_mark_termination_ms, cpu_sweep_termination_ms,
				cpu_assist_ms, cpu_background_ms, cpu_idle_ms, cpu_mark_termination_ms, heap_before_mb,
				heap_after_mb, heap_live_mb, goal_mb, stacks_mb, globals_mb, procs, forced)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

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
		List<Object[]> args = new ArrayList<>(cycles.size());
		for (NewGcCycle cycle : cycles) {
			GcCycle c = cycle.cycle();
			args.add(new Object[] { cycle.service(), cycle.environment(), cycle.instance(),
					cycle.receivedAt().atOffset(UTC), c.number(), c.atSeconds(), c.cpuPercent(),
					c.clockSweepTerminationMs(), c.clockMarkMs(), c.clockMarkTerminationMs(), c.cpuSweepTerminationMs(),
					c.cpuAssistMs(), c.cpuBackgroundMs(), c.cpuIdleMs(), c.cpuMarkTerminationMs(), c.heapBeforeMb(),
					c.heapAfterMb(), c.heapLiveMb(), c.goalMb(), c.stacksMb(), c.globalsMb(), c.procs(), c.forced() });
		}
		this.jdbc.batchUpdate(INSERT, args);
		this.pauses.observeAfterCommit(cycles);
	}

}
