package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.panicboard.analysis.Severity;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code panicboard_alerts_firing{severity}}: the alerts firing now, read from the
 * database on every replica every {@code panicboard.alerts.evaluation-interval}, so all
 * replicas report the same values (take {@code max by (severity)}); and
 * {@code panicboard_alert_evaluation_duration_seconds{group}}, observed by the replica
 * that ran an evaluation.
 */
@Component
class AlertMetrics {

	static final String OCCURRENCE = "occurrence";

	static final String WINDOWED = "windowed";

	private final JdbcClient jdbc;

	private final Map<String, Long> firing = new ConcurrentHashMap<>();

	private final Histogram evaluations;

	AlertMetrics(JdbcClient jdbc, CollectorRegistry registry) {
		this.jdbc = jdbc;
		this.evaluations = Histogram.build("panicboard_alert_evaluation_duration_seconds",
				"How long one evaluation of the alert rules took, by group: occurrence conditions "
						+ "(every occurrence-interval) or windowed and metric conditions (every evaluation-interval).")
			.labelNames("group")
			.buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
			.register(registry);
		for (String group : new String[] { OCCURRENCE, WINDOWED }) {
			this.evaluations.labels(group);
		}
		for (Severity severity : Severity.values()) {
			this.firing.put(severity.id(), 0L);
		}
		registry.register(new Collector() {

			@Override
			public List<MetricFamilySamples> collect() {
				GaugeMetricFamily gauge = new GaugeMetricFamily("panicboard_alerts_firing",
						"Alerts firing now, by severity (silenced ones included).", List.of("severity"));
				for (Severity severity : Severity.values()) {
					gauge.addMetric(List.of(severity.id()), AlertMetrics.this.firing.get(severity.id()));
				}
				return new ArrayList<>(List.of(gauge));
			}

		});
	}

	/**
	 * Records one evaluation of a group of rules.
	 * @param group {@link #OCCURRENCE} or {@link #WINDOWED}
	 * @param nanos how long it took
	 */
	void evaluated(String group, long nanos) {
		this.evaluations.labels(group).observe(nanos / 1e9);
	}

	@Scheduled(fixedDelayString = "${panicboard.alerts.evaluation-interval:15s}")
	void refresh() {
		Map<String, Long> counts = new ConcurrentHashMap<>();
		this.jdbc.sql("""
				SELECT r.severity, count(*) FROM alert a JOIN alert_rule r ON r.id = a.rule_id
				WHERE a.state = 'firing' GROUP BY r.severity""")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		for (Severity severity : Severity.values()) {
			this.firing.put(severity.id(), counts.getOrDefault(severity.id(), 0L));
		}
	}

}
