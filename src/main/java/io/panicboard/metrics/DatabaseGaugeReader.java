package io.panicboard.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.incident.OpenIncidentCounts;
import io.panicboard.memory.LatestMemory;
import io.panicboard.metrics.DatabaseGauges.Readings;

import org.springframework.stereotype.Component;

/**
 * Reads the values of {@link DatabaseGauges} through the incident and memory modules:
 * open incidents, and per service the latest heap and goroutine figures of instances that
 * reported within {@code panicboard.metrics.sample-max-age}.
 */
@Component
class DatabaseGaugeReader {

	private final OpenIncidentCounts openIncidents;

	private final LatestMemory latestMemory;

	private final MetricsProperties properties;

	DatabaseGaugeReader(OpenIncidentCounts openIncidents, LatestMemory latestMemory, MetricsProperties properties) {
		this.openIncidents = openIncidents;
		this.latestMemory = latestMemory;
		this.properties = properties;
	}

	Readings read(Instant now) {
		Map<List<String>, Double> open = new HashMap<>();
		for (OpenIncidentCounts.OpenCount count : this.openIncidents.current()) {
			open.put(List.of(count.service(), count.severity(), count.kind()), (double) count.count());
		}
		Map<List<String>, Double> live = new HashMap<>();
		Map<List<String>, Double> goal = new HashMap<>();
		Map<List<String>, Double> goroutines = new HashMap<>();
		for (LatestMemory.ServiceMemory memory : this.latestMemory.since(now.minus(this.properties.sampleMaxAge()))) {
			List<String> labels = List.of(memory.service(), memory.environment());
			live.put(labels, memory.heapLiveBytes());
			goal.put(labels, memory.heapGoalBytes());
			if (memory.goroutines() != null) {
				goroutines.put(labels, memory.goroutines());
			}
		}
		return new Readings(open, live, goal, goroutines);
	}

}
