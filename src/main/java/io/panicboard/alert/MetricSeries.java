package io.panicboard.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.panicboard.memory.LatestMemory;
import io.panicboard.memory.LatestMemory.ServiceMemory;

import org.springframework.stereotype.Component;

/**
 * The series of {@code metric_threshold}: per service and environment, the latest heap
 * live or goroutine figure (summed over the instances that reported within
 * {@code panicboard.alerts.metric-max-age}, as {@link LatestMemory} reads it) when it is
 * above the threshold.
 */
@Component
class MetricSeries implements AlertSeriesSource {

	private final LatestMemory memory;

	private final AlertProperties properties;

	MetricSeries(LatestMemory memory, AlertProperties properties) {
		this.memory = memory;
		this.properties = properties;
	}

	@Override
	public boolean supports(ConditionType type) {
		return type == ConditionType.METRIC_THRESHOLD;
	}

	@Override
	public List<AlertSeries> activeSeries(AlertRule rule, Instant now) {
		RuleCondition condition = rule.condition();
		List<AlertSeries> series = new ArrayList<>();
		for (ServiceMemory figures : this.memory.since(now.minus(this.properties.metricMaxAge()))) {
			// no goroutine figure when the service publishes none
			Double value = "goroutines".equals(condition.metric()) ? figures.goroutines()
					: Double.valueOf(figures.heapLiveBytes());
			if (value != null && value > condition.threshold()
					&& rule.matchers().matches(figures.service(), figures.environment(), null, null, null)) {
				series.add(new AlertSeries(Map.of("service", figures.service(), "environment", figures.environment(),
						"metric", condition.metric()), value, null, List.of()));
			}
		}
		return series;
	}

}
