package io.panicboard.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.RecordedOccurrence;
import io.panicboard.system.MetricLabels;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;

import org.springframework.stereotype.Component;

/**
 * The ingestion metrics (see {@code docs/metrics.md}): requests by endpoint and result,
 * their latency, the write queue's depth, the crashes and data races stored, and the
 * incidents they opened or reopened.
 * <p>
 * The label children of the request metrics are resolved once at start-up for every
 * endpoint and result, and those of the crash counters once per label set, so that the
 * hot path only adds to a counter it already holds. Services and environments are
 * labelled through {@link MetricLabels}, so that their label sets, and these maps, stay
 * bounded whatever names senders invent.
 */
@Component
class IngestMetrics {

	/**
	 * The request attribute an endpoint sets when every event of the request was stored
	 * before.
	 */
	static final String ALL_DUPLICATES = IngestMetrics.class.getName() + ".allDuplicates";

	private final Counter requests;

	private final Histogram duration;

	private final Counter crashes;

	private final Counter races;

	private final Counter incidentsOpened;

	private final Counter regressions;

	private final CollectorRegistry registry;

	private final MetricLabels labels;

	private final Map<String, EndpointMetrics> endpoints = new ConcurrentHashMap<>();

	private final Map<CrashKey, Counter.Child> crashChildren = new ConcurrentHashMap<>();

	private final Map<RaceKey, Counter.Child> raceChildren = new ConcurrentHashMap<>();

	private final Map<CrashKey, Counter.Child> openedChildren = new ConcurrentHashMap<>();

	private final Map<CrashKey, Counter.Child> regressionChildren = new ConcurrentHashMap<>();

	IngestMetrics(CollectorRegistry registry, MetricLabels labels) {
		this.registry = registry;
		this.labels = labels;
		this.requests = Counter.build("panicboard_ingest_requests_total", "Ingestion requests by endpoint and result.")
			.labelNames("endpoint", "result", "reason")
			.register(registry);
		this.duration = Histogram
			.build("panicboard_ingest_request_duration_seconds",
					"Time from receiving an ingestion request to its answer, storage included.")
			.labelNames("endpoint")
			.buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
			.register(registry);
		this.crashes = Counter
			.build("panicboard_crashes_ingested_total",
					"Crashes (panics and fatal errors) stored, duplicates excluded.")
			.labelNames("service", "environment", "kind")
			.register(registry);
		this.races = Counter.build("panicboard_data_races_total", "Data race reports stored, duplicates excluded.")
			.labelNames("service", "environment", "map_related")
			.register(registry);
		this.incidentsOpened = Counter
			.build("panicboard_incidents_opened_total", "Incidents opened by a stored crash or race, once each.")
			.labelNames("service", "environment", "kind")
			.register(registry);
		this.regressions = Counter
			.build("panicboard_regressions_total", "Resolved incidents reopened by a stored occurrence, once each.")
			.labelNames("service", "environment", "kind")
			.register(registry);
		for (String endpoint : IngestEndpoint.NAMES) {
			this.endpoints.put(endpoint, new EndpointMetrics(endpoint));
		}
	}

	/**
	 * Exposes the depth of the write queue as {@code panicboard_ingest_queue_depth}.
	 * @param depth reads the queue's length at scrape time
	 */
	void watchQueue(IntSupplier depth) {
		this.registry.register(new Collector() {

			@Override
			public List<MetricFamilySamples> collect() {
				return List.of(new GaugeMetricFamily("panicboard_ingest_queue_depth",
						"Ingestion requests waiting for the batched writer.", depth.getAsInt()));
			}

		});
	}

	/**
	 * Counts one finished request.
	 * @param endpoint the endpoint's name (see {@link IngestEndpoint})
	 * @param result what became of it
	 * @param nanos how long it took
	 */
	void requestFinished(String endpoint, IngestResult result, long nanos) {
		EndpointMetrics metrics = this.endpoints.get(endpoint);
		if (metrics != null) {
			metrics.results[result.ordinal()].inc();
			metrics.duration.observe(nanos / 1e9);
		}
	}

	/**
	 * Counts the crashes and races of a committed batch, once per label set, and the
	 * incidents the batch opened and reopened, once per incident.
	 * @param occurrences the stored occurrences
	 * @param recorded where each was stored, in the same order
	 */
	void stored(List<NewOccurrence> occurrences, List<RecordedOccurrence> recorded) {
		if (occurrences.isEmpty()) {
			return;
		}
		Map<Object, int[]> counts = new HashMap<>();
		Map<CrashKey, int[]> opened = new HashMap<>();
		Map<CrashKey, int[]> reopened = new HashMap<>();
		Set<Long> openedIncidents = new HashSet<>();
		for (int i = 0; i < occurrences.size(); i++) {
			NewOccurrence occurrence = occurrences.get(i);
			Finding finding = occurrence.finding();
			MetricLabels.Labels labels = this.labels.of(occurrence.service(), occurrence.environment());
			this.labels.countFolded(labels, 1);
			Object key = (finding.type() == FindingType.RACE)
					? new RaceKey(labels.service(), labels.environment(), finding.mapRelated())
					: new CrashKey(labels.service(), labels.environment(), finding.kind().id());
			counts.computeIfAbsent(key, (k) -> new int[1])[0]++;
			RecordedOccurrence where = recorded.get(i);
			CrashKey incidentKey = new CrashKey(labels.service(), labels.environment(), finding.kind().id());
			// every occurrence of the batch in a new incident says newIncident: count the
			// incident once
			if (where.newIncident() && openedIncidents.add(where.incidentId())) {
				opened.computeIfAbsent(incidentKey, (k) -> new int[1])[0]++;
			}
			if (where.regression()) {
				reopened.computeIfAbsent(incidentKey, (k) -> new int[1])[0]++;
			}
		}
		counts.forEach((key, count) -> child(key).inc(count[0]));
		opened.forEach((key, count) -> child(this.openedChildren, this.incidentsOpened, key).inc(count[0]));
		reopened.forEach((key, count) -> child(this.regressionChildren, this.regressions, key).inc(count[0]));
	}

	private static Counter.Child child(Map<CrashKey, Counter.Child> children, Counter counter, CrashKey key) {
		return children.computeIfAbsent(key, (k) -> counter.labels(k.service(), k.environment(), k.kind()));
	}

	private Counter.Child child(Object key) {
		if (key instanceof RaceKey race) {
			return this.raceChildren.computeIfAbsent(race,
					(k) -> this.races.labels(k.service(), k.environment(), Boolean.toString(k.mapRelated())));
		}
		CrashKey crash = (CrashKey) key;
		return this.crashChildren.computeIfAbsent(crash,
				(k) -> this.crashes.labels(k.service(), k.environment(), k.kind()));
	}

	private final class EndpointMetrics {

		private final Counter.Child[] results;

		private final Histogram.Child duration;

		EndpointMetrics(String endpoint) {
			IngestResult[] values = IngestResult.values();
			this.results = new Counter.Child[values.length];
			for (IngestResult result : values) {
				this.results[result.ordinal()] = IngestMetrics.this.requests.labels(endpoint, result.result(),
						result.reason());
			}
			this.duration = IngestMetrics.this.duration.labels(endpoint);
		}

	}

	private record CrashKey(String service, String environment, String kind) {
	}

	private record RaceKey(String service, String environment, boolean mapRelated) {
	}

}
