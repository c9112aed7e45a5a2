package io.panicboard.memory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class GcMinuteRollupTests {

	private static final Instant MINUTE = Instant.parse("2026-11-21T08:30:00Z");

	private static final long MIB = 1024 * 1024;

	@Autowired
	private GcMinuteRollup rollup;

	@Autowired
	private GcCyclePartitions partitions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	private String service;

	@BeforeEach
	void partitionsAndService() {
		this.partitions.maintain(MINUTE);
		this.service = "rollup-" + UUID.randomUUID();
		// the scheduled run (every minute, at the real time) would move the progress
		// these
		// tests step through: hold its lock, as another replica running it would
		this.jdbc.sql("""
				INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
				VALUES ('gc-minute-rollup', '2100-01-01', now(), 'GcMinuteRollupTests')
				ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until, locked_by = excluded.locked_by""")
			.update();
	}

	@AfterEach
	void releaseScheduledRun() {
		this.jdbc.sql("UPDATE shedlock SET lock_until = now() WHERE name = 'gc-minute-rollup'").update();
	}

	@Test
	void rollsGctraceCyclesUpPerInstanceAndClosedMinute() {
		cycle("pod-a", MINUTE.plusSeconds(5), 0.1, 0.2, 10, 20, 3);
		cycle("pod-a", MINUTE.plusSeconds(40), 1.0, 0.5, 12, 25, 4);
		cycle(null, MINUTE.plusSeconds(50), 2.0, 2.0, 7, 8, 1);
		// the minute still open at the rollup is left for a later run
		cycle("pod-a", MINUTE.plusSeconds(190), 9.0, 9.0, 99, 99, 9);
		this.rollup.rollUp(MINUTE.plusSeconds(190));
		Map<String, Object> row = row("pod-a", MINUTE);
		assertThat(row).containsEntry("cycles", 2)
			.containsEntry("heap_live_max_bytes", 12 * MIB)
			.containsEntry("heap_goal_bytes", 25 * MIB)
			.containsEntry("gc_cpu_percent", 4.0)
			.containsEntry("goroutines", null);
		assertThat((double) row.get("pause_p50_seconds")).isCloseTo(0.0009, within(1e-12));
		assertThat((double) row.get("pause_p99_seconds")).isCloseTo(0.0003 + 0.99 * 0.0012, within(1e-12));
		assertThat((double) row.get("pause_max_seconds")).isCloseTo(0.0015, within(1e-12));
		assertThat(row("", MINUTE)).containsEntry("cycles", 1);
		assertThat(count("minute = ?", MINUTE.plusSeconds(180))).isZero();
	}

	@Test
	void rollsExpvarPausesAndSamplesUpAndTakesLateDataWithinTheWindow() {
		Instant next = MINUTE.plusSeconds(60);
		for (int i = 1; i <= 4; i++) {
			pause("pod-b", i, next.plusSeconds(10 + i), i / 1000.0);
		}
		sample("pod-b", next.plusSeconds(15), 100, 200, 0.05, 17);
		sample("pod-b", next.plusSeconds(45), 80, 300, 0.06, 12);
		sample("pod-b", next.plusSeconds(70), 50, 300, 0.06, null);
		this.rollup.rollUp(next.plusSeconds(130));
		Map<String, Object> row = row("pod-b", next);
		assertThat(row).containsEntry("cycles", 4)
			.containsEntry("heap_live_max_bytes", 100L)
			.containsEntry("heap_goal_bytes", 300L)
			.containsEntry("goroutines", 17);
		assertThat((double) row.get("gc_cpu_percent")).isCloseTo(6.0, within(1e-9));
		assertThat((double) row.get("pause_p50_seconds")).isCloseTo(0.0025, within(1e-12));
		assertThat((double) row.get("pause_p99_seconds")).isCloseTo(0.00397, within(1e-12));
		assertThat(row("pod-b", next.plusSeconds(60))).containsEntry("cycles", 0)
			.containsEntry("pause_max_seconds", null)
			.containsEntry("heap_live_max_bytes", 50L);

		this.rollup.rollUp(next.plusSeconds(190));
		this.rollup.rollUp(next.plusSeconds(250));
		this.rollup.rollUp(next.plusSeconds(310));
		// a pause of that minute arrives late, within the window: recomputed, although
		// the
		// minute settled runs ago
		pause("pod-b", 5, next.plusSeconds(50), 0.010, next.plusSeconds(395));
		this.rollup.rollUp(next.plusSeconds(400));
		assertThat(row("pod-b", next)).containsEntry("cycles", 5)
			.containsEntry("pause_max_seconds", 0.010)
			.containsEntry("heap_live_max_bytes", 100L)
			.containsEntry("goroutines", 17);

		// past the window the minute is not touched again
		pause("pod-b", 6, next.plusSeconds(55), 0.5, next.plus(Duration.ofMinutes(30)));
		this.rollup.rollUp(next.plus(Duration.ofMinutes(30)));
		assertThat(row("pod-b", next)).containsEntry("cycles", 5);
	}

	@Test
	void recomputesOnlyMinutesThatCanStillChangeAndCatchesUpAfterMissedRuns() {
		Instant start = MINUTE.plus(Duration.ofHours(1));
		cycle("pod-d", start.plusSeconds(5), 0.1, 0.1, 10, 20, 1);
		this.rollup.rollUp(start.plusSeconds(80));
		assertThat(row("pod-d", start)).containsEntry("cycles", 1);

		// a request of that minute that commits late, within the settling time, still
		// counts
		cycle("pod-d", start.plusSeconds(6), 0.1, 0.1, 99, 20, 1);
		this.rollup.rollUp(start.plusSeconds(140));
		assertThat(row("pod-d", start)).containsEntry("cycles", 2).containsEntry("heap_live_max_bytes", 99 * MIB);

		// once the minute settled it is not read again: the write path cannot store a row
		// so late, and not re-reading every minute of the window on every run is the
		// point
		this.rollup.rollUp(start.plusSeconds(200));
		this.rollup.rollUp(start.plusSeconds(260));
		cycle("pod-d", start.plusSeconds(7), 0.1, 0.1, 10, 20, 1);
		this.rollup.rollUp(start.plusSeconds(320));
		assertThat(row("pod-d", start)).containsEntry("cycles", 2);

		// no run for five minutes (a restart): every minute since the last run is rolled
		// up
		for (int minute = 7; minute < 12; minute++) {
			cycle("pod-d", start.plusSeconds(minute * 60 + 30), 0.1, 0.1, minute, 20, 1);
		}
		this.rollup.rollUp(start.plusSeconds(12 * 60 + 20));
		for (int minute = 7; minute < 12; minute++) {
			assertThat(row("pod-d", start.plusSeconds(minute * 60))).containsEntry("cycles", 1)
				.containsEntry("heap_live_max_bytes", minute * MIB);
		}
	}

	@Test
	void readsAClosedMinuteAgainOnlyForInstancesWithRowsWrittenSince() {
		Instant start = MINUTE.plus(Duration.ofHours(2));
		cycle("pod-e", start.plusSeconds(5), 0.1, 0.1, 10, 20, 1);
		sample("pod-f", start.plusSeconds(5), 100, 200, 0.05, 3);
		this.rollup.rollUp(start.plusSeconds(80));
		// overwritten here, so that recomputing either row would show
		this.jdbc.sql("UPDATE gc_minute SET cycles = 42 WHERE service = ? AND minute = ?")
			.params(this.service, start.atOffset(UTC))
			.update();

		// the minute is within the settling time, but nothing was written for it since
		this.rollup.rollUp(start.plusSeconds(140));
		assertThat(row("pod-e", start)).containsEntry("cycles", 42);
		assertThat(row("pod-f", start)).containsEntry("cycles", 42);

		// a sample of that minute commits late: that instance's minute is read again, in
		// full, and only that one
		sample("pod-f", start.plusSeconds(30), 150, 200, 0.05, 4);
		this.rollup.rollUp(start.plusSeconds(150));
		assertThat(row("pod-f", start)).containsEntry("cycles", 0)
			.containsEntry("heap_live_max_bytes", 150L)
			.containsEntry("goroutines", 4);
		assertThat(row("pod-e", start)).containsEntry("cycles", 42);

		// and once seen, not again
		this.jdbc.sql("UPDATE gc_minute SET cycles = 43 WHERE service = ? AND minute = ?")
			.params(this.service, start.atOffset(UTC))
			.update();
		this.rollup.rollUp(start.plusSeconds(170));
		assertThat(row("pod-f", start)).containsEntry("cycles", 43);
	}

	@Test
	void takesInACycleWhoseTransactionCommitsAfterARunRead() throws SQLException {
		Instant start = MINUTE.plus(Duration.ofHours(3));
		cycle("pod-g", start.plusSeconds(5), 0.1, 0.1, 10, 20, 1);
		try (Connection writer = this.dataSource.getConnection()) {
			writer.setAutoCommit(false);
			// received in the minute, still committing when the minute has closed
			try (PreparedStatement insert = writer.prepareStatement(CYCLE)) {
				bindCycle(insert, "pod-g", start.plusSeconds(50), 0.1, 0.1, 77, 20, 1);
				insert.executeUpdate();
			}
			this.rollup.rollUp(start.plusSeconds(80));
			assertThat(row("pod-g", start)).containsEntry("cycles", 1).containsEntry("heap_live_max_bytes", 10 * MIB);
			writer.commit();
		}
		this.rollup.rollUp(start.plusSeconds(140));
		assertThat(row("pod-g", start)).containsEntry("cycles", 2).containsEntry("heap_live_max_bytes", 77 * MIB);
	}

	@Test
	void aTransactionOpenAcrossRunsDoesNotMakeThemReadSettledMinutesAgain() throws SQLException {
		Instant start = MINUTE.plus(Duration.ofHours(4));
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (Statement statement = other.createStatement()) {
				statement.execute("SELECT pg_current_xact_id()");
			}
			cycle("pod-h", start.plusSeconds(5), 0.1, 0.1, 10, 20, 1);
			this.rollup.rollUp(start.plusSeconds(80));
			this.jdbc.sql("UPDATE gc_minute SET cycles = 42 WHERE service = ? AND minute = ?")
				.params(this.service, start.atOffset(UTC))
				.update();
			// the cycle was written after the open transaction began, and seen by the run
			this.rollup.rollUp(start.plusSeconds(140));
			assertThat(row("pod-h", start)).containsEntry("cycles", 42);
			other.rollback();
		}
	}

	@Test
	void takesGoalAndGcCpuOfTheHighestCycleOfThoseReceivedTogether() {
		// the lines of one log request share their receipt time; the newest cycle is not
		// the last row written
		Instant received = MINUTE.plusSeconds(20);
		cycle("pod-i", 42, received, 0.1, 0.1, 126, 336, 2);
		cycle("pod-i", 1, received, 0.1, 0.1, 3, 4, 11);
		cycle("pod-i", 7, received, 0.1, 0.1, 193, 387, 6);
		this.rollup.rollUp(MINUTE.plusSeconds(61));
		assertThat(row("pod-i", MINUTE)).containsEntry("cycles", 3)
			.containsEntry("heap_live_max_bytes", 193 * MIB)
			.containsEntry("heap_goal_bytes", 336 * MIB)
			.containsEntry("gc_cpu_percent", 2.0);
	}

	@Test
	void takesGoalAndGcCpuOfTheSampleReceivedWithTheLineOfItsCycle() {
		// gctrace's goal is the one cycle 12 ran to; NextGC after it is the next cycle's
		Instant received = MINUTE.plusSeconds(20);
		cycle("pod-t", 12, received, 0.1, 0.1, 48, 54, 6);
		sample("pod-t", 12, received, 90 * MIB, 96 * MIB, 0.061, null);
		this.rollup.rollUp(MINUTE.plusSeconds(61));
		Map<String, Object> row = row("pod-t", MINUTE);
		assertThat(row).containsEntry("heap_goal_bytes", 96 * MIB);
		assertThat((double) row.get("gc_cpu_percent")).isCloseTo(6.1, within(1e-9));
	}

	@Test
	void combinesBothSourcesOfOneInstanceInOneRow() {
		cycle("pod-c", MINUTE.plusSeconds(1), 0.5, 0.5, 30, 40, 2);
		pause("pod-c", 1, MINUTE.plusSeconds(2), 0.003);
		sample("pod-c", MINUTE.plusSeconds(3), 50 * MIB, 60 * MIB, 0.025, 9);
		this.rollup.rollUp(MINUTE.plusSeconds(61));
		Map<String, Object> row = row("pod-c", MINUTE);
		// the gctrace line and the expvar pause are the same cycle
		assertThat(row).containsEntry("cycles", 1)
			.containsEntry("pause_max_seconds", 0.001)
			.containsEntry("heap_live_max_bytes", 50 * MIB)
			.containsEntry("heap_goal_bytes", 60 * MIB)
			.containsEntry("goroutines", 9);
		assertThat((double) row.get("gc_cpu_percent")).isCloseTo(2.5, within(1e-9));
	}

	@Test
	void countsTheCyclesOfAnInstanceSendingBothSourcesOnce() {
		Instant next = MINUTE.plusSeconds(60);
		for (int n = 5; n <= 7; n++) {
			cycle("pod-d", n, MINUTE.plusSeconds(5 * n), 1.0, 1.0, 30, 40, 2);
			pause("pod-d", n, MINUTE.plusSeconds(5 * n - 1), 0.5);
		}
		// a minute without gctrace lines (a log shipper's gap) takes the expvar pauses
		pause("pod-d", 8, next.plusSeconds(5), 0.004);
		pause("pod-d", 9, next.plusSeconds(35), 0.006);
		this.rollup.rollUp(next.plusSeconds(61));
		assertThat(row("pod-d", MINUTE)).containsEntry("cycles", 3).containsEntry("pause_max_seconds", 0.002);
		assertThat(row("pod-d", next)).containsEntry("cycles", 2).containsEntry("pause_max_seconds", 0.006);

		// the lines of that minute arrive late: the minute is recomputed from them
		for (int n = 8; n <= 9; n++) {
			cycle("pod-d", n, next.plusSeconds(59), 1.5, 1.5, 30, 40, 2);
		}
		this.rollup.rollUp(next.plusSeconds(121));
		assertThat(row("pod-d", next)).containsEntry("cycles", 2).containsEntry("pause_max_seconds", 0.003);
	}

	@Test
	void deletesRollupsPastTheirRetention() {
		Instant now = Instant.parse("2026-11-21T12:00:00Z");
		minute("old", now.minus(Duration.ofDays(401)));
		minute("kept", now.minus(Duration.ofDays(399)));
		this.rollup.deleteExpired(now);
		assertThat(count("instance = 'old'", null)).isZero();
		assertThat(count("instance = 'kept'", null)).isOne();
	}

	private static final String CYCLE = """
			INSERT INTO gc_cycle (service, environment, instance, received_at, number, at_seconds, cpu_percent,
				clock_sweep_termination_ms, clock_mark_ms, clock_mark_termination_ms, cpu_sweep_termination_ms,
				cpu_assist_ms, cpu_background_ms, cpu_idle_ms, cpu_mark_termination_ms, heap_before_mb,
				heap_after_mb, heap_live_mb, goal_mb, procs, forced)
			VALUES (?, 'production', ?, ?, ?, 1.0, ?, ?, 5.0, ?, 0, 0, 0, 0, 0, ?, ?, ?, ?, 2, false)""";

	private void cycle(String instance, Instant at, double sweepTermMs, double markTermMs, long liveMb, long goalMb,
			int cpu) {
		cycle(instance, 1, at, sweepTermMs, markTermMs, liveMb, goalMb, cpu);
	}

	private void cycle(String instance, long number, Instant at, double sweepTermMs, double markTermMs, long liveMb,
			long goalMb, int cpu) {
		this.jdbc.sql(CYCLE)
			.params(this.service, instance, at.atOffset(UTC), number, cpu, sweepTermMs, markTermMs, liveMb, liveMb,
					liveMb, goalMb)
			.update();
	}

	private void bindCycle(PreparedStatement insert, String instance, Instant at, double sweepTermMs, double markTermMs,
			long liveMb, long goalMb, int cpu) throws SQLException {
		Object[] values = { this.service, instance, at.atOffset(UTC), 1, cpu, sweepTermMs, markTermMs, liveMb, liveMb,
				liveMb, goalMb };
		for (int i = 0; i < values.length; i++) {
			insert.setObject(i + 1, values[i]);
		}
	}

	private void pause(String instance, long number, Instant endedAt, double seconds) {
		pause(instance, number, endedAt, seconds, endedAt);
	}

	private void pause(String instance, long number, Instant endedAt, double seconds, Instant receivedAt) {
		this.jdbc.sql("""
				INSERT INTO gc_pause (service, environment, instance, number, ended_at, pause_seconds, received_at)
				VALUES (?, 'production', ?, ?, ?, ?, ?)""")
			.params(this.service, instance, number, endedAt.atOffset(UTC), seconds, receivedAt.atOffset(UTC))
			.update();
	}

	private void sample(String instance, Instant at, long heapAlloc, long nextGc, double fraction, Integer goroutines) {
		sample(instance, 0, at, heapAlloc, nextGc, fraction, goroutines);
	}

	private void sample(String instance, long numGc, Instant at, long heapAlloc, long nextGc, double fraction,
			Integer goroutines) {
		this.jdbc
			.sql("""
					INSERT INTO memory_sample (service, environment, instance, received_at, heap_alloc_bytes,
						heap_inuse_bytes, heap_sys_bytes, next_gc_bytes, num_gc, pause_total_ns, gc_cpu_fraction, goroutines)
					VALUES (?, 'production', ?, ?, ?, 0, 0, ?, ?, 0, ?, ?)""")
			.params(this.service, instance, at.atOffset(UTC), heapAlloc, nextGc, numGc, fraction, goroutines)
			.update();
	}

	private void minute(String instance, Instant minute) {
		this.jdbc
			.sql("INSERT INTO gc_minute (service, environment, instance, minute, cycles) "
					+ "VALUES (?, 'production', ?, ?, 1)")
			.params(this.service, instance, minute.atOffset(UTC))
			.update();
	}

	private Map<String, Object> row(String instance, Instant minute) {
		return this.jdbc.sql("""
				SELECT cycles, pause_p50_seconds, pause_p99_seconds, pause_max_seconds, heap_live_max_bytes,
					heap_goal_bytes, gc_cpu_percent, goroutines
				FROM gc_minute WHERE service = ? AND environment = 'production' AND instance = ? AND minute = ?""")
			.params(this.service, instance, minute.atOffset(UTC))
			.query()
			.singleRow();
	}

	private long count(String condition, Instant minute) {
		var spec = this.jdbc.sql("SELECT count(*) FROM gc_minute WHERE service = ? AND " + condition)
			.param(this.service);
		return ((minute != null) ? spec.param(minute.atOffset(UTC)) : spec).query(Long.class).single();
	}

}
