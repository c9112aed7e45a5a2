package io.panicboard.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender that invents environments creates at most
 * {@code panicboard.metrics.max-environments-per-service} (20) of them per service in
 * {@code /metrics}; the rest are counted under {@code environment="_other"}, while
 * ingestion and incidents keep every environment.
 */
@MetricsTest
class MetricLabelBoundTests {

	private static final int LIMIT = 20;

	private static final int ENVIRONMENTS = 25;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private CollectorRegistry registry;

	@Autowired
	private DatabaseGaugesJob gaugesJob;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void countsTheCrashesOfEnvironmentsBeyondTheLimitUnderOther() {
		String service = "bound-" + UUID.randomUUID().toString().substring(0, 8);
		double folded = overflow("environment");
		post(service, Events.NIL_MAP);
		Map<String, Double> crashes = byEnvironment("panicboard_crashes_ingested_total", service);
		assertThat(crashes).hasSize(LIMIT + 1);
		for (int i = 0; i < LIMIT; i++) {
			assertThat(crashes).containsEntry("env-" + i, 1.0);
		}
		assertThat(crashes).containsEntry("_other", (double) (ENVIRONMENTS - LIMIT));
		assertThat(byEnvironment("panicboard_incidents_opened_total", service)).hasSize(LIMIT + 1)
			.containsEntry("_other", (double) (ENVIRONMENTS - LIMIT));
		assertThat(overflow("environment")).isEqualTo(folded + ENVIRONMENTS - LIMIT);
		assertThat(this.jdbc.sql("SELECT count(DISTINCT environment) FROM incident WHERE service = ?")
			.param(service)
			.query(Integer.class)
			.single()).isEqualTo(ENVIRONMENTS);
	}

	@Test
	void boundsTheGcPauseHistogramAndTheHeapGaugesAlike() {
		String service = "bound-" + UUID.randomUUID().toString().substring(0, 8);
		post(service, Events.GCTRACE);
		assertThat(byEnvironment("panicboard_gc_pause_seconds_count", service)).hasSize(LIMIT + 1)
			.containsEntry("env-0", 1.0)
			.containsEntry("_other", (double) (ENVIRONMENTS - LIMIT));
		this.gaugesJob.refresh();
		assertThat(byEnvironment("panicboard_heap_live_bytes", service)).hasSize(LIMIT + 1)
			.containsEntry("env-19", 20.0 * 1024 * 1024)
			.containsEntry("_other", (ENVIRONMENTS - LIMIT) * 20.0 * 1024 * 1024);
	}

	@Test
	void keepsTheSeriesOfTheFirstEnvironmentsForTheirLaterCrashes() {
		String service = "bound-" + UUID.randomUUID().toString().substring(0, 8);
		post(service, Events.NIL_MAP);
		post(service, Events.NIL_MAP);
		Map<String, Double> crashes = byEnvironment("panicboard_crashes_ingested_total", service);
		assertThat(crashes).hasSize(LIMIT + 1)
			.containsEntry("env-0", 2.0)
			.containsEntry("_other", 2.0 * (ENVIRONMENTS - LIMIT));
	}

	/**
	 * Posts one event of each environment {@code env-0} … {@code env-24}, in that order.
	 */
	private void post(String service, String text) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < ENVIRONMENTS; i++) {
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("service", service);
			event.put("environment", "env-" + i);
			event.put("instance", "pod-1");
			event.put("text", text);
			events.add(event);
		}
		assertThat(this.mvc.post()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + MetricsTest.TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(JsonMapper.builder().build().writeValueAsString(events))).hasStatus(202);
	}

	/** The samples of a metric for one service, by environment. */
	private Map<String, Double> byEnvironment(String sampleName, String service) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (MetricFamilySamples family : Collections.list(this.registry.metricFamilySamples())) {
			for (Sample sample : family.samples) {
				if (sample.name.equals(sampleName) && service.equals(label(sample, "service"))) {
					values.merge(label(sample, "environment"), sample.value, Double::sum);
				}
			}
		}
		return values;
	}

	private static String label(Sample sample, String name) {
		int index = sample.labelNames.indexOf(name);
		return (index < 0) ? null : sample.labelValues.get(index);
	}

	private double overflow(String label) {
		Double value = this.registry.getSampleValue("panicboard_metrics_label_overflow_total", new String[] { "label" },
				new String[] { label });
		return Objects.requireNonNullElse(value, 0.0);
	}

}
