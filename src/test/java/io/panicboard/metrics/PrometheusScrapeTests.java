package io.panicboard.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus scrapes the running application, with the bearer token that protects
 * {@code /metrics}, and reports exactly the crashes and races that were sent, duplicates
 * left out.
 */
@ProtectedMetricsTest
class PrometheusScrapeTests {

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void prometheusScrapesExactlyTheCrashesThatWereSent() throws Exception {
		String service = "scraped-" + UUID.randomUUID().toString().substring(0, 8);
		try (PrometheusServer prometheus = PrometheusServer.scraping(this.port, ProtectedMetricsTest.SCRAPE_TOKEN)) {
			List<String> first = List.of(Events.NIL_MAP, Events.NIL_MAP, Events.NIL_MAP,
					Events.corpus("concurrent-map-writes-traceback-all.txt"), Events.corpus("race-delete-range.txt"));
			assertThat(post(Events.of(service, "a", first))).isEqualTo(202);
			assertThat(post(Events.of(service, "a", first))).as("the same events again").isEqualTo(202);
			assertThat(post(Events.of(service, "b", List.of(Events.NIL_MAP)))).isEqualTo(202);
			Map<String, Double> expected = Map.of("nil_map_write", 4.0, "concurrent_map_writes", 1.0);
			await("Prometheus to see the crashes").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(byKind(prometheus
					.query("sum by (kind) (panicboard_crashes_ingested_total{service=\"" + service + "\"})")))
					.as(prometheus::log)
					.isEqualTo(expected));
			JsonNode races = prometheus.query("sum(panicboard_data_races_total{service=\"" + service + "\"})");
			assertThat(races.get(0).path("value").get(1).asString()).isEqualTo("1");
			assertThat(prometheus.targetHealth()).isEqualTo("up");
		}
	}

	private int post(String body) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events"))
				.header("Authorization", "Bearer " + ProtectedMetricsTest.API_TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static Map<String, Double> byKind(JsonNode result) {
		Map<String, Double> counts = new HashMap<>();
		for (JsonNode series : result) {
			counts.put(series.path("metric").path("kind").asString(),
					Double.valueOf(series.path("value").get(1).asString()));
		}
		return counts;
	}

}
