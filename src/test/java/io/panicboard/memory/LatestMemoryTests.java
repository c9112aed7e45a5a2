package io.panicboard.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.analysis.GcCycle;
import io.panicboard.memory.LatestMemory.ServiceMemory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class LatestMemoryTests {

	private static final double MIB = 1024 * 1024;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final String service = "latest-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	private LatestMemory latest;

	@Autowired
	private GcCycleRecorder cycles;

	@Autowired
	private MemorySampleRecorder samples;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void sumsEachInstancesNewestCycleOrSample() {
		// pod-a: two cycles in one request, the higher number is the newer
		recordCycles(cycle("pod-a", this.now.minusSeconds(30), 7, 10, 20),
				cycle("pod-a", this.now.minusSeconds(30), 8, 12, 24));
		// pod-b: a cycle, then a newer expvar sample, which wins heap live and goal
		recordCycles(cycle("pod-b", this.now.minusSeconds(20), 3, 100, 200));
		recordSample("pod-b", this.now.minusSeconds(10), 40 * MIB, 80 * MIB, 500);
		// pod-c: an expvar sample, then a newer cycle, which wins; the sample's
		// goroutines
		// still count
		recordSample("pod-c", this.now.minusSeconds(25), 1 * MIB, 2 * MIB, 70);
		recordCycles(cycle("pod-c", this.now.minusSeconds(5), 9, 5, 10));

		assertThat(memory(this.now.minusSeconds(60)))
			.isEqualTo(new ServiceMemory(this.service, "production", (12 + 40 + 5) * MIB, (24 + 80 + 10) * MIB, 570.0));
	}

	@Test
	void anOlderCycleArrivingLateDoesNotReplaceTheNewest() {
		recordCycles(cycle("pod-a", this.now.minusSeconds(10), 8, 12, 24));
		recordCycles(cycle("pod-a", this.now.minusSeconds(40), 9, 99, 99),
				cycle(null, this.now.minusSeconds(40), 2, 3, 6));

		assertThat(memory(this.now.minusSeconds(60)))
			.isEqualTo(new ServiceMemory(this.service, "production", 15 * MIB, 30 * MIB, null));
	}

	@Test
	void leavesOutInstancesSilentSinceTheGivenTime() {
		recordCycles(cycle("pod-old", this.now.minus(Duration.ofMinutes(11)), 1, 50, 100));
		recordSample("pod-old", this.now.minus(Duration.ofMinutes(12)), 50 * MIB, 100 * MIB, 10);
		recordCycles(cycle("pod-new", this.now.minusSeconds(10), 1, 6, 12));

		assertThat(memory(this.now.minus(Duration.ofMinutes(10))))
			.isEqualTo(new ServiceMemory(this.service, "production", 6 * MIB, 12 * MIB, null));
		assertThat(memory(this.now.minus(Duration.ofMinutes(11))))
			.isEqualTo(new ServiceMemory(this.service, "production", (50 + 6) * MIB, (100 + 12) * MIB, null));
	}

	@Test
	void concurrentBatchesOverTheSameInstancesKeepTheNewestOfEach() throws Exception {
		List<String> instances = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			instances.add("pod-" + i);
		}
		int batches = 16;
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int b = 0; b < batches; b++) {
				int number = b;
				List<String> order = new ArrayList<>(instances);
				// each batch names the instances in another order
				Collections.shuffle(order, new java.util.Random(b));
				done.add(pool.submit(() -> recordCycles(order.stream()
					.map((instance) -> cycle(instance, this.now.minusSeconds(1), number, number + 1, 2 * (number + 1)))
					.toArray(NewGcCycle[]::new))));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.jdbc.sql("SELECT DISTINCT number FROM latest_memory WHERE service = ?")
			.param(this.service)
			.query(Long.class)
			.list()).containsExactly((long) batches - 1);
		assertThat(memory(this.now.minusSeconds(60)))
			.isEqualTo(new ServiceMemory(this.service, "production", 20 * batches * MIB, 20 * 2 * batches * MIB, null));
	}

	private ServiceMemory memory(Instant since) {
		return this.latest.since(since)
			.stream()
			.filter((memory) -> memory.service().equals(this.service))
			.findFirst()
			.orElseThrow();
	}

	private NewGcCycle cycle(String instance, Instant receivedAt, long number, long liveMb, long goalMb) {
		GcCycle cycle = new GcCycle(number, number * 0.5, 1, 0.02, 1.2, 0.03, 0.1, 0.4, 2.1, 0.9, 0.2, liveMb + 1,
				liveMb, liveMb, goalMb, null, null, 8, false);
		return new NewGcCycle(this.service, "production", instance, receivedAt, cycle);
	}

	private void recordCycles(NewGcCycle... cycles) {
		this.transactions.executeWithoutResult((status) -> this.cycles.record(List.of(cycles)));
	}

	private void recordSample(String instance, Instant receivedAt, double heapAlloc, double nextGc,
			Integer goroutines) {
		this.samples.record(new NewMemorySample(this.service, "production", instance, receivedAt, (long) heapAlloc,
				(long) heapAlloc, (long) heapAlloc, (long) nextGc, 1, 0, 0, goroutines, new long[256], new long[256]));
	}

}
