package io.panicboard.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.slo.SloStatus.ConditionState;

import org.springframework.stereotype.Component;

/**
 * The SLOs' burn-rate conditions for the alert engine: four signals per SLO (page: 1 h
 * with 5 m, 6 h with 30 m; ticket: 1 d with 2 h, 3 d with 6 h), computed fresh from the
 * rollups at each call.
 */
@Component
public class SloSignals {

	private final SloStore store;

	private final SloEvaluator evaluator;

	private final SloProperties properties;

	SloSignals(SloStore store, SloEvaluator evaluator, SloProperties properties) {
		this.store = store;
		this.evaluator = evaluator;
		this.properties = properties;
	}

	/**
	 * Every SLO's four burn-rate conditions.
	 * @param now the clock; SLOs are evaluated at the whole minute
	 * {@code panicboard.slo.evaluation-delay} before it
	 * @return the signals, firing or not
	 */
	public List<BurnRateSignal> burnRateSignals(Instant now) {
		List<BurnRateSignal> signals = new ArrayList<>();
		for (Slo slo : this.store.all()) {
			signals.addAll(signals(this.evaluator.evaluate(slo, now), this.properties.minBadEvents()));
		}
		return signals;
	}

	/**
	 * Only the firing conditions.
	 * @param now the clock
	 * @return the firing signals
	 */
	public List<BurnRateSignal> firing(Instant now) {
		return burnRateSignals(now).stream().filter(BurnRateSignal::firing).toList();
	}

	static List<BurnRateSignal> signals(SloStatus status, int minBadEvents) {
		Slo slo = status.slo();
		List<BurnRateSignal> signals = new ArrayList<>();
		for (ConditionState state : status.conditions()) {
			BurnRateCondition condition = state.condition();
			signals.add(new BurnRateSignal(slo.id(), slo.name(), slo.service(), slo.environment(),
					condition.tier().id(), condition.tier().severity().id(), condition.longWindow().id(),
					condition.shortWindow().id(), state.factor(), state.longBurnRate(), state.shortBurnRate(),
					state.longBadEvents(), minBadEvents, state.firing(), labels(slo, condition)));
		}
		return signals;
	}

	static Map<String, String> labels(Slo slo, BurnRateCondition condition) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("slo", slo.name());
		labels.put("service", slo.service());
		labels.put("environment", slo.environment());
		labels.put("tier", condition.tier().id());
		labels.put("severity", condition.tier().severity().id());
		labels.put("long_window", condition.longWindow().id());
		labels.put("short_window", condition.shortWindow().id());
		return java.util.Collections.unmodifiableMap(labels);
	}

}
