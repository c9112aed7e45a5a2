package io.panicboard.memory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.panicboard.analysis.GcCycle;
import io.panicboard.system.MetricLabels;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code panicboard_gc_pause_seconds}: the stop-the-world pauses of the stored gctrace
 * cycles and of the stored pauses derived from expvar samples, observed once their
 * transaction committed: the events a GC-pause SLO counts. Of an instance that sends
 * both, the expvar pauses are left out while it sends gctrace lines
 * ({@link MemorySampleWriter}), so each cycle is observed once. A gctrace cycle stops the
 * world twice, for sweep termination and for mark termination; its pause is the sum of
 * those two wall-clock phases, as {@code PauseNs} sums a cycle's pauses. Services and
 * environments are labelled through {@link MetricLabels}.
 */
@Component
class GcPauseMetrics {

	private final Histogram pauses;

	private final MetricLabels labels;

	private final Map<List<String>, Histogram.Child> children = new ConcurrentHashMap<>();

	GcPauseMetrics(CollectorRegistry registry, MetricLabels labels) {
		this.labels = labels;
		this.pauses = Histogram
			.build("panicboard_gc_pause_seconds",
					"Stop-the-world pause of each stored Go GC cycle (gctrace, or derived from expvar).")
			.labelNames("service", "environment")
			.buckets(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
			.register(registry);
	}

	/**
	 * Observes the pauses of cycles when the current transaction commits (at once when
	 * there is no transaction).
	 * @param cycles the stored cycles
	 */
	void observeAfterCommit(List<NewGcCycle> cycles) {
		afterCommit(() -> observe(cycles));
	}

	/**
	 * Observes pauses derived from an expvar sample when the current transaction commits
	 * (at once when there is no transaction).
	 * @param service the service
	 * @param environment the environment
	 * @param seconds the stored pauses, in seconds
	 */
	void observeAfterCommit(String service, String environment, double[] seconds) {
		afterCommit(() -> {
			Histogram.Child child = child(service, environment, seconds.length);
			for (double pause : seconds) {
				child.observe(pause);
			}
		});
	}

	void observe(List<NewGcCycle> cycles) {
		for (NewGcCycle cycle : cycles) {
			child(cycle.service(), cycle.environment(), 1).observe(pauseSeconds(cycle.cycle()));
		}
	}

	private Histogram.Child child(String service, String environment, int observations) {
		MetricLabels.Labels labels = this.labels.of(service, environment);
		this.labels.countFolded(labels, observations);
		return this.children.computeIfAbsent(labels.values(), (k) -> this.pauses.labels(k.get(0), k.get(1)));
	}

	private static void afterCommit(Runnable observation) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					observation.run();
				}

			});
		}
		else {
			observation.run();
		}
	}

	static double pauseSeconds(GcCycle cycle) {
		return (cycle.clockSweepTerminationMs() + cycle.clockMarkTerminationMs()) / 1000.0;
	}

}
