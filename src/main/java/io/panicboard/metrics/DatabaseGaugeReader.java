package io.panicboard.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.incident.OpenIncidentCounts;
import io.panicboard.memory.LatestMemory;
import io.panicboard.metrics.DatabaseGauges.Readings;
import io.panicboard.system.MetricLabels;

import org.springframework.stereotype.Component;

/**
 * Reads the values of {@link DatabaseGauges} through the incident and memory modules:
 * open incidents, and per service the latest heap and goroutine figures of instances that
 * reported within {@code panicboard.metrics.sample-max-age}. Services and environments
 * without series of their own ({@link MetricLabels}) are summed under theirs.
 */
@Component
class DatabaseGaugeReader {

	private final OpenIncidentCounts openIncidents;

	private final LatestMemory latestMemory;

	private final MetricsProperties properties;

	private final MetricLabels labels;

	DatabaseGaugeReader(OpenIncidentCounts openIncidents, LatestMemory latestMemory, MetricsProperties properties,
			MetricLabels labels) {
		this.openIncidents = openIncidents;
		this.latestMemory = latestMemory;
		this.properties = properties;
		this.labels = labels;
	}

	Readings read(Instant now) {
		Map<List<String>, Double> open = new HashMap<>();
		for (OpenIncidentCounts.OpenCount count : this.openIncidents.current()) {
			open.merge(List.of(this.labels.service(count.service()), count.severity(), count.kind()),
					(double) count.count(), Double::sum);
		}
		Map<List<String>, Double> live = new HashMap<>();
		Map<List<String>, Double> goal = new HashMap<>();
		Map<List<String>, Double> goroutines = new HashMap<>();
		for (LatestMemory.ServiceMemory memory : this.latestMemory.since(now.minus(this.properties.sampleMaxAge()))) {
			List<String> labels = this.labels.of(memory.service(), memory.environment()).values();
			live.merge(labels, memory.heapLiveBytes(), Double::sum);
			goal.merge(labels, memory.heapGoalBytes(), Double::sum);
			if (memory.goroutines() != null) {
				goroutines.merge(labels, memory.goroutines(), Double::sum);
			}
		}
		return new Readings(open, live, goal, goroutines);
	}

}
