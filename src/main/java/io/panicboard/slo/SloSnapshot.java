package io.panicboard.slo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Every SLO's latest status, recomputed by {@link SloSnapshotJob} on each replica (it
 * only reads), for the metrics and the overview's service tiles.
 */
@Component
class SloSnapshot {

	private final SloStore store;

	private final SloEvaluator evaluator;

	private final Clock clock;

	private final AtomicReference<List<SloStatus>> statuses = new AtomicReference<>(List.of());

	SloSnapshot(SloStore store, SloEvaluator evaluator, Clock clock) {
		this.store = store;
		this.evaluator = evaluator;
		this.clock = clock;
	}

	/**
	 * Recomputes every SLO's status.
	 * @return the statuses
	 */
	List<SloStatus> refresh() {
		List<SloStatus> fresh = new ArrayList<>();
		for (Slo slo : this.store.all()) {
			fresh.add(this.evaluator.evaluate(slo, this.clock.instant()));
		}
		this.statuses.set(List.copyOf(fresh));
		return fresh;
	}

	List<SloStatus> statuses() {
		return this.statuses.get();
	}

	/** The statuses by service. */
	Map<String, List<SloStatus>> byService() {
		return statuses().stream().collect(Collectors.groupingBy((s) -> s.slo().service()));
	}

}
