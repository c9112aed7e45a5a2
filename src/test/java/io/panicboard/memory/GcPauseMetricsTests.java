package io.panicboard.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.analysis.GcCycle;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code panicboard_gc_pause_seconds} for services that send gctrace lines, expvar
 * samples or both, stored through the writers.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class GcPauseMetricsTests {

	private static final Instant MINUTE = Instant.parse("2026-11-21T09:10:00Z");

	@Autowired
	private GcCycleRecorder cycles;

	@Autowired
	private MemorySampleRecorder samples;

	@Autowired
	private GcCyclePartitions partitions;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private CollectorRegistry registry;

	private final String service = "pauses-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void partitions() {
		this.partitions.maintain(MINUTE);
	}

	@Test
	void observesEachCycleOfAnInstanceSendingBothSourcesOnce() {
		// cycles of 2 and 20 ms as gctrace lines, then in the instance's next expvar
		// sample
		recordCycle("pod-a", 1, MINUTE.plusSeconds(10), 1.0, 1.0);
		recordCycle("pod-a", 2, MINUTE.plusSeconds(20), 10.0, 10.0);
		recordSample("pod-a", MINUTE.plusSeconds(30), MINUTE.plusSeconds(9), 2_000_000, MINUTE.plusSeconds(19),
				20_000_000);
		assertThat(count()).isEqualTo(2.0);
		assertThat(sum()).isCloseTo(0.022, within(1e-9));
	}

	@Test
	void observesTheExpvarPausesOfAnInstanceWithoutGctraceLines() {
		recordCycle("pod-a", 1, MINUTE.plusSeconds(10), 1.0, 1.0);
		// pod-b sends only expvar: another instance's lines do not stand for its pauses
		recordSample("pod-b", MINUTE.plusSeconds(30), MINUTE.plusSeconds(9), 3_000_000, MINUTE.plusSeconds(19),
				4_000_000);
		assertThat(count()).isEqualTo(3.0);
		assertThat(sum()).isCloseTo(0.009, within(1e-9));
	}

	@Test
	void observesExpvarPausesAgainOnceTheInstanceStoppedSendingGctraceLines() {
		Instant last = MINUTE.plusSeconds(10);
		recordCycle("pod-a", 1, last, 1.0, 1.0);
		// a pause ending just within the newest line's cover is its cycle's line's; one
		// after it has no line
		Instant covered = last.plus(MemorySampleWriter.GCTRACE_COVERS);
		recordSample("pod-a", covered.plusSeconds(30), covered, 5_000_000, covered.plusSeconds(1), 7_000_000);
		assertThat(count()).isEqualTo(2.0);
		assertThat(sum()).isCloseTo(0.009, within(1e-9));
	}

	private void recordCycle(String instance, long number, Instant receivedAt, double sweepTermMs, double markTermMs) {
		GcCycle cycle = new GcCycle(number, number * 0.5, 1, sweepTermMs, 1.2, markTermMs, 0.1, 0.4, 2.1, 0.9, 0.2, 5,
				4, 4, 8, null, null, 8, false);
		this.transactions.executeWithoutResult((status) -> this.cycles
			.record(List.of(new NewGcCycle(this.service, "production", instance, receivedAt, cycle))));
	}

	/** The instance's first sample, after two GC cycles, their pauses in its ring. */
	private void recordSample(String instance, Instant receivedAt, Instant firstEnd, long firstNanos, Instant secondEnd,
			long secondNanos) {
		long[] pauseNs = new long[256];
		long[] pauseEnd = new long[256];
		pauseNs[0] = firstNanos;
		pauseEnd[0] = nanos(firstEnd);
		pauseNs[1] = secondNanos;
		pauseEnd[1] = nanos(secondEnd);
		this.samples.record(new NewMemorySample(this.service, "production", instance, receivedAt, 1, 1, 1, 2, 2,
				firstNanos + secondNanos, 0.01, null, pauseNs, pauseEnd));
	}

	private static long nanos(Instant at) {
		return Duration.between(Instant.EPOCH, at).toNanos();
	}

	private double count() {
		return value("panicboard_gc_pause_seconds_count");
	}

	private double sum() {
		return value("panicboard_gc_pause_seconds_sum");
	}

	private double value(String name) {
		Double value = this.registry.getSampleValue(name, new String[] { "service", "environment" },
				new String[] { this.service, "production" });
		return (value != null) ? value : 0;
	}

}
