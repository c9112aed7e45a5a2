package io.panicboard.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.slo.BurnRateSignal;
import io.panicboard.slo.SloSignals;

import org.springframework.stereotype.Component;

/**
 * The series of {@code slo_burn_rate}: the SLO engine's multi-window burn-rate conditions
 * that fire now (both windows above the factor, the minimum-traffic guard met), one
 * series per SLO and window pair, labelled {@code slo}, {@code service},
 * {@code environment}, {@code tier}, {@code long_window} and {@code short_window}. A rule
 * with a {@code tier} label takes only that tier's conditions; a threshold, when set,
 * also requires the long window's burn rate to reach it.
 */
@Component
class SloBurnRateSeries implements AlertSeriesSource {

	private final SloSignals signals;

	SloBurnRateSeries(SloSignals signals) {
		this.signals = signals;
	}

	@Override
	public boolean supports(ConditionType type) {
		return type == ConditionType.SLO_BURN_RATE;
	}

	@Override
	public List<AlertSeries> activeSeries(AlertRule rule, Instant now) {
		String tier = rule.labels().get("tier");
		Double threshold = rule.condition().threshold();
		List<AlertSeries> series = new ArrayList<>();
		for (BurnRateSignal signal : this.signals.firing(now)) {
			if ((tier == null || tier.equals(signal.tier()))
					&& (threshold == null || signal.longBurnRate() >= threshold)
					&& rule.matchers().matches(signal.service(), signal.environment(), null, null, null)) {
				series.add(new AlertSeries(labels(signal), signal.longBurnRate(), null, List.of()));
			}
		}
		return series;
	}

	private static java.util.Map<String, String> labels(BurnRateSignal signal) {
		java.util.Map<String, String> labels = new java.util.TreeMap<>(signal.labels());
		// the rule decides the severity
		labels.remove("severity");
		return labels;
	}

}
