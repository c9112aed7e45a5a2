package io.panicboard.metrics;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@MetricsTest
class MetricsEndpointTests {

	private static final String[] REQUEST_LABELS = { "endpoint", "result", "reason" };

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private CollectorRegistry registry;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DatabaseGaugesJob gaugesJob;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void hasNoMetricsRegistryBesideThePrometheusOne() {
		assertThat(this.context.getBeanNamesForType(MeterRegistry.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(CollectorRegistry.class)).hasSize(1);
	}

	@Test
	void writesThePrometheusTextFormatWithJvmAndIngestMetrics() {
		MvcTestResult result = this.mvc.get().uri("/metrics").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("text/plain; version=0.0.4");
		assertThat(result).bodyText()
			.contains("# TYPE jvm_memory_bytes_used gauge", "# TYPE jvm_gc_collection_seconds summary",
					"# TYPE panicboard_ingest_requests_total counter",
					"# TYPE panicboard_ingest_request_duration_seconds histogram", "panicboard_ingest_queue_depth 0.0",
					"# TYPE panicboard_open_incidents gauge")
			.doesNotContain("# EOF");
	}

	@Test
	void writesOpenMetricsWhenTheScraperAsksForIt() {
		MvcTestResult result = this.mvc.get()
			.uri("/metrics")
			.header(HttpHeaders.ACCEPT, "application/openmetrics-text; version=1.0.0; charset=utf-8")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("application/openmetrics-text; version=1.0.0");
		assertThat(result).bodyText().endsWith("# EOF\n").contains("# TYPE panicboard_ingest_requests counter");
	}

	@Test
	void writesOnlyTheNamedMetricsWhenAsked() {
		MvcTestResult result = this.mvc.get()
			.uri("/metrics?name[]=panicboard_ingest_queue_depth&name[]=process_open_fds")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyText()
			.contains("panicboard_ingest_queue_depth", "process_open_fds")
			.doesNotContain("jvm_memory_bytes_used", "panicboard_ingest_requests_total");
	}

	@Test
	void countsStoredCrashesAndRacesButNotDuplicates() {
		String service = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> texts = List.of(Events.NIL_MAP, Events.NIL_MAP, Events.corpus("race-delete-range.txt"));
		double accepted = requests("events", "accepted", "");
		double duplicate = requests("events", "duplicate", "");
		assertThat(post(Events.of(service, "e", texts))).hasStatus(202);
		assertThat(post(Events.of(service, "e", texts))).hasStatus(202);
		assertThat(crashes(service, "nil_map_write")).isEqualTo(2.0);
		assertThat(this.registry.getSampleValue("panicboard_data_races_total",
				new String[] { "service", "environment", "map_related" },
				new String[] { service, "production", "true" }))
			.isEqualTo(1.0);
		assertThat(requests("events", "accepted", "")).isEqualTo(accepted + 1);
		assertThat(requests("events", "duplicate", "")).isEqualTo(duplicate + 1);
		assertThat(this.registry.getSampleValue("panicboard_ingest_request_duration_seconds_count",
				new String[] { "endpoint" }, new String[] { "events" }))
			.isGreaterThanOrEqualTo(2.0);
	}

	@Test
	void countsEachOpenedIncidentOnceAndEachRegression() {
		String service = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> texts = List.of(Events.NIL_MAP, Events.NIL_MAP, Events.corpus("race-delete-range.txt"));
		assertThat(post(Events.of(service, null, texts))).hasStatus(202);
		assertThat(incidentCounter("panicboard_incidents_opened_total", service, "nil_map_write")).isEqualTo(1.0);
		assertThat(incidentCounter("panicboard_incidents_opened_total", service, "data_race")).isEqualTo(1.0);
		assertThat(incidentCounter("panicboard_regressions_total", service, "nil_map_write")).isNull();
		assertThat(post(Events.of(service, null, List.of(Events.NIL_MAP)))).hasStatus(202);
		assertThat(incidentCounter("panicboard_incidents_opened_total", service, "nil_map_write")).isEqualTo(1.0);
		assertThat(incidentCounter("panicboard_regressions_total", service, "nil_map_write")).isNull();
		this.jdbc.sql("UPDATE incident SET status = 'resolved', resolved_at = now() WHERE service = ? AND kind = ?")
			.params(service, "nil_map_write")
			.update();
		assertThat(post(Events.of(service, null, List.of(Events.NIL_MAP, Events.NIL_MAP)))).hasStatus(202);
		assertThat(incidentCounter("panicboard_regressions_total", service, "nil_map_write")).isEqualTo(1.0);
		assertThat(incidentCounter("panicboard_incidents_opened_total", service, "nil_map_write")).isEqualTo(1.0);
		assertThat(crashes(service, "nil_map_write")).isEqualTo(5.0);
	}

	@Test
	void countsRejectedRequestsByReason() {
		String body = Events.of("metrics-rejected", null, List.of(Events.NIL_MAP));
		double unauthorized = requests("events", "rejected", "unauthorized");
		double invalid = requests("events", "rejected", "invalid");
		assertThat(this.mvc.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(401);
		assertThat(post("[{\"service\": \"Not A Name\", \"text\": \"x\"}]")).hasStatus(400);
		assertThat(requests("events", "rejected", "unauthorized")).isEqualTo(unauthorized + 1);
		assertThat(requests("events", "rejected", "invalid")).isEqualTo(invalid + 1);
		assertThat(crashes("metrics-rejected", "nil_map_write")).isNull();
	}

	@Test
	void readsOpenIncidentsAndHeapFromTheDatabaseOnRefresh() {
		String service = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(post(Events.of(service, null, List.of(Events.NIL_MAP, Events.GCTRACE)))).hasStatus(202);
		assertThat(openIncidents(service)).isNull();
		this.gaugesJob.refresh();
		assertThat(openIncidents(service)).isEqualTo(1.0);
		String[] serviceLabels = { "service", "environment" };
		String[] values = { service, "production" };
		assertThat(this.registry.getSampleValue("panicboard_heap_live_bytes", serviceLabels, values))
			.isEqualTo(20.0 * 1024 * 1024);
		assertThat(this.registry.getSampleValue("panicboard_heap_goal_bytes", serviceLabels, values))
			.isEqualTo(48.0 * 1024 * 1024);
		// gctrace has no goroutine count: no gauge rather than 0
		assertThat(this.registry.getSampleValue("panicboard_goroutines", serviceLabels, values)).isNull();
		assertThat(this.registry.getSampleValue("panicboard_gc_pause_seconds_count", serviceLabels, values))
			.isEqualTo(1.0);
		assertThat(this.registry.getSampleValue("panicboard_gc_pause_seconds_sum", serviceLabels, values))
			.isCloseTo(0.001, within(1e-9));
	}

	@Test
	void observesThePausesDerivedFromAnExpvarSampleInTheGcPauseHistogram() {
		String service = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.mvc.post()
			.uri("/api/v1/metrics/expvar?service={s}&instance=pod-a", service)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + MetricsTest.TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(expvar(Instant.now(), 10_000, 20_000, 300_000))).hasStatus(202);
		String[] serviceLabels = { "service", "environment" };
		String[] values = { service, "production" };
		assertThat(this.registry.getSampleValue("panicboard_gc_pause_seconds_count", serviceLabels, values))
			.isEqualTo(3.0);
		assertThat(this.registry.getSampleValue("panicboard_gc_pause_seconds_sum", serviceLabels, values))
			.isCloseTo(0.00033, within(1e-12));
		assertThat(this.registry.getSampleValue("panicboard_gc_pause_seconds_bucket",
				new String[] { "service", "environment", "le" }, new String[] { service, "production", "5.0E-5" }))
			.isEqualTo(2.0);
		assertThat(this.mvc.get().uri("/metrics?name[]=panicboard_gc_pause_seconds_count").exchange()).bodyText()
			.contains("panicboard_gc_pause_seconds_count{service=\"" + service + "\",environment=\"production\",} 3.0");
	}

	/**
	 * A {@code /debug/vars} document whose ring holds one pause of each length, ended a
	 * second apart before {@code now}.
	 */
	private static String expvar(Instant now, long... pauseNanos) {
		long[] pauseNs = new long[256];
		long[] pauseEnd = new long[256];
		for (int i = 0; i < pauseNanos.length; i++) {
			Instant end = now.minusSeconds(pauseNanos.length - i);
			pauseNs[i] = pauseNanos[i];
			pauseEnd[i] = end.getEpochSecond() * 1_000_000_000L + end.getNano();
		}
		return "{\"memstats\":{\"HeapAlloc\":1,\"HeapInuse\":1,\"HeapSys\":1,\"NextGC\":1,\"NumGC\":"
				+ pauseNanos.length + ",\"PauseTotalNs\":" + LongStream.of(pauseNanos).sum()
				+ ",\"GCCPUFraction\":0.001,\"PauseNs\":" + Arrays.toString(pauseNs).replace(" ", "") + ",\"PauseEnd\":"
				+ Arrays.toString(pauseEnd).replace(" ", "") + "}}";
	}

	private MvcTestResult post(String body) {
		return this.mvc.post()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + MetricsTest.TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private double requests(String endpoint, String result, String reason) {
		return Objects.requireNonNull(this.registry.getSampleValue("panicboard_ingest_requests_total", REQUEST_LABELS,
				new String[] { endpoint, result, reason }));
	}

	private Double crashes(String service, String kind) {
		return this.registry.getSampleValue("panicboard_crashes_ingested_total",
				new String[] { "service", "environment", "kind" }, new String[] { service, "production", kind });
	}

	private Double incidentCounter(String name, String service, String kind) {
		return this.registry.getSampleValue(name, new String[] { "service", "environment", "kind" },
				new String[] { service, "production", kind });
	}

	private Double openIncidents(String service) {
		return this.registry.getSampleValue("panicboard_open_incidents", new String[] { "service", "severity", "kind" },
				new String[] { service, "critical", "nil_map_write" });
	}

}
