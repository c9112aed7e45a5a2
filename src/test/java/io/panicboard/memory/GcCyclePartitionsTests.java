package io.panicboard.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.analysis.GcCycle;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class GcCyclePartitionsTests {

	private static final Instant PAST = Instant.parse("2025-03-15T12:00:00Z");

	private static final GcCycle CYCLE = new GcCycle(14, 2.451, 3, 0.021, 1.2, 0.034, 0.17, 0.4, 2.1, 0.9, 0.27, 4, 5,
			2, 5, 0L, 0L, 8, false);

	@Autowired
	private GcCyclePartitions partitions;

	@Autowired
	private GcCycleRecorder recorder;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void storesCyclesInDailyPartitionsAndDropsThemAfterRetention() {
		this.partitions.maintain(PAST);
		assertThat(this.partitions.names()).contains("gc_cycle_p2025_03_15", "gc_cycle_p2025_03_22")
			.doesNotContain("gc_cycle_p2025_03_23");
		String service = "svc-" + UUID.randomUUID();
		this.transactions.execute((status) -> {
			this.recorder.record(List.of(new NewGcCycle(service, "production", "pod-a", PAST, CYCLE),
					new NewGcCycle(service, "production", null, Instant.now(), CYCLE)));
			return null;
		});
		assertThat(this.jdbc
			.sql("SELECT heap_before_mb || '/' || heap_after_mb || '/' || goal_mb || ' ' || procs "
					+ "FROM gc_cycle_p2025_03_15 WHERE service = ?")
			.param(service)
			.query(String.class)
			.single()).isEqualTo("4/5/5 8");

		// 30 days after the end of March 16th: the 15th and 16th go, the 17th stays.
		this.partitions.maintain(Instant.parse("2025-04-16T00:00:00Z"));
		assertThat(this.partitions.names()).doesNotContain("gc_cycle_p2025_03_15", "gc_cycle_p2025_03_16")
			.contains("gc_cycle_p2025_03_17");
		// pod-a last reported more than 30 days before: its latest row goes too
		assertThat(latestInstances(service)).containsExactly("");

		Instant now = Instant.now();
		this.partitions.maintain(now);
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		assertThat(this.partitions.names()).noneMatch((name) -> name.startsWith("gc_cycle_p2025_03"))
			.contains(name(today), name(today.plusDays(7)));
		assertThat(this.jdbc.sql("SELECT count(*) FROM gc_cycle WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private List<String> latestInstances(String service) {
		return this.jdbc.sql("SELECT instance FROM latest_memory WHERE service = ? ORDER BY instance")
			.param(service)
			.query(String.class)
			.list();
	}

	private static String name(LocalDate day) {
		return "gc_cycle_p%04d_%02d_%02d".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
	}

}
