package io.panicboard.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

/**
 * The gauges read from the database: open incidents, heap live and goal bytes and
 * goroutines per service. {@link DatabaseGaugesJob} reads them on a schedule and
 * {@link #update replaces} the snapshot; a scrape only writes the snapshot out, so it
 * costs the database nothing.
 * <p>
 * An open-incident label set seen once stays, at 0 when it is gone from the database, so
 * that a resolved incident's series drops to 0 instead of vanishing; the memory gauges
 * have no series for a service that stopped reporting (a 0 would read as an empty heap).
 */
class DatabaseGauges extends Collector {

	static final String OPEN_INCIDENTS = "panicboard_open_incidents";

	static final String HEAP_LIVE = "panicboard_heap_live_bytes";

	static final String HEAP_GOAL = "panicboard_heap_goal_bytes";

	static final String GOROUTINES = "panicboard_goroutines";

	private final Map<List<String>, Double> openIncidents = new LinkedHashMap<>();

	private final Map<List<String>, Double> heapLive = new LinkedHashMap<>();

	private final Map<List<String>, Double> heapGoal = new LinkedHashMap<>();

	private final Map<List<String>, Double> goroutines = new LinkedHashMap<>();

	private volatile List<MetricFamilySamples> snapshot = build();

	@Override
	public List<MetricFamilySamples> collect() {
		return this.snapshot;
	}

	/**
	 * Replaces the snapshot with what was just read.
	 * @param readings the database's current values
	 */
	synchronized void update(Readings readings) {
		keepAtZero(this.openIncidents, readings.openIncidents());
		replace(this.heapLive, readings.heapLive());
		replace(this.heapGoal, readings.heapGoal());
		replace(this.goroutines, readings.goroutines());
		this.snapshot = build();
	}

	/** A count: a label set gone from the database drops to 0. */
	private static void keepAtZero(Map<List<String>, Double> current, Map<List<String>, Double> read) {
		current.replaceAll((labels, value) -> 0.0);
		current.putAll(read);
	}

	/**
	 * A measurement: a service whose instances all fell silent has no series (a 0 would
	 * read as an empty heap).
	 */
	private static void replace(Map<List<String>, Double> current, Map<List<String>, Double> read) {
		current.clear();
		current.putAll(read);
	}

	private List<MetricFamilySamples> build() {
		List<MetricFamilySamples> families = new ArrayList<>();
		families.add(family(OPEN_INCIDENTS, "Open incidents (not acknowledged, resolved, muted or merged).",
				List.of("service", "severity", "kind"), this.openIncidents));
		families.add(family(HEAP_LIVE,
				"Live heap after the latest GC of each recently reporting instance, summed per service.",
				List.of("service", "environment"), this.heapLive));
		families.add(
				family(HEAP_GOAL, "Heap goal of the latest GC of each recently reporting instance, summed per service.",
						List.of("service", "environment"), this.heapGoal));
		families.add(family(GOROUTINES,
				"Goroutines in the latest memory sample of each recently reporting instance, " + "summed per service.",
				List.of("service", "environment"), this.goroutines));
		return List.copyOf(families);
	}

	private static GaugeMetricFamily family(String name, String help, List<String> labelNames,
			Map<List<String>, Double> values) {
		GaugeMetricFamily family = new GaugeMetricFamily(name, help, labelNames);
		values.forEach(family::addMetric);
		return family;
	}

	/**
	 * One reading of the database, each value keyed by its label values in the order of
	 * the metric's label names.
	 *
	 * @param openIncidents by service, severity and kind
	 * @param heapLive by service and environment
	 * @param heapGoal by service and environment
	 * @param goroutines by service and environment
	 */
	record Readings(Map<List<String>, Double> openIncidents, Map<List<String>, Double> heapLive,
			Map<List<String>, Double> heapGoal, Map<List<String>, Double> goroutines) {
	}

}
