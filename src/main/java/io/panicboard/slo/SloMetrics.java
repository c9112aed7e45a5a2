package io.panicboard.slo;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;

import org.springframework.stereotype.Component;

/**
 * The SLO metrics (see {@code docs/metrics.md}), read from the {@link SloSnapshot} at
 * scrape time: {@code panicboard_slo_objective_ratio{slo}},
 * {@code panicboard_slo_error_budget_remaining_ratio{slo}},
 * {@code panicboard_slo_burn_rate{slo,window}} and, for the minimum-traffic guard of the
 * Prometheus rules, {@code panicboard_slo_bad_events{slo,window}}.
 */
@Component
class SloMetrics extends Collector {

	private final SloSnapshot snapshot;

	SloMetrics(SloSnapshot snapshot, CollectorRegistry registry) {
		this.snapshot = snapshot;
		register(registry);
	}

	@Override
	public List<MetricFamilySamples> collect() {
		GaugeMetricFamily objective = new GaugeMetricFamily("panicboard_slo_objective_ratio",
				"The SLO's target share of good events (not for crash budgets).", List.of("slo"));
		GaugeMetricFamily remaining = new GaugeMetricFamily("panicboard_slo_error_budget_remaining_ratio",
				"The share of the error budget left in the SLO's window; negative when overspent.", List.of("slo"));
		GaugeMetricFamily burnRate = new GaugeMetricFamily("panicboard_slo_burn_rate",
				"How many times faster than the budget allows the window spent it.", List.of("slo", "window"));
		GaugeMetricFamily badEvents = new GaugeMetricFamily("panicboard_slo_bad_events",
				"Bad events (crashes, crashed instance-minutes, slow GC cycles, late incidents) in the window.",
				List.of("slo", "window"));
		for (SloStatus status : this.snapshot.statuses()) {
			String name = status.slo().name();
			if (status.slo().objective() != null) {
				objective.addMetric(List.of(name), status.slo().objective());
			}
			remaining.addMetric(List.of(name), status.budget().remainingRatio());
			for (BurnWindow window : BurnWindow.values()) {
				burnRate.addMetric(List.of(name, window.id()), status.burnRates().get(window));
				badEvents.addMetric(List.of(name, window.id()), status.windowEvents().get(window).bad());
			}
		}
		List<MetricFamilySamples> families = new ArrayList<>();
		families.add(objective);
		families.add(remaining);
		families.add(burnRate);
		families.add(badEvents);
		return families;
	}

}
