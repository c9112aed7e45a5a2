package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.panicboard.analysis.Severity;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code panicboard_alerts_firing{severity}}: the alerts firing now, read from the
 * database on every replica every {@code panicboard.alerts.evaluation-interval}, so all
 * replicas report the same values (take {@code max by (severity)}).
 */
@Component
class AlertMetrics {

	private final JdbcClient jdbc;

	private final Map<String, Long> firing = new ConcurrentHashMap<>();

	AlertMetrics(JdbcClient jdbc, CollectorRegistry registry) {
		this.jdbc = jdbc;
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
