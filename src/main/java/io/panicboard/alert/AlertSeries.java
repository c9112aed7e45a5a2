package io.panicboard.alert;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One active series of a rule in one evaluation: a label set whose condition holds now.
 *
 * @param labels the series' own labels ({@code service}, {@code incident}, ...); the
 * evaluator adds {@code alertname}, {@code severity} and the rule's labels
 * @param value the value that made it active (a count, bytes), or {@code null}
 * @param incidentId the incident it is about, or {@code null}
 * @param incidentIds the incidents whose timelines get the alert's entries
 */
public record AlertSeries(Map<String, String> labels, Double value, Long incidentId, List<Long> incidentIds) {

	public AlertSeries {
		labels = Collections.unmodifiableMap(new TreeMap<>(labels));
		incidentIds = (incidentIds != null) ? List.copyOf(incidentIds) : List.of();
	}

}
