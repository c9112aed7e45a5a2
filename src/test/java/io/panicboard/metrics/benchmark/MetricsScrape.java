package io.panicboard.metrics.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.panicboard.PanicboardApplication;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scrape-speed benchmark of {@code GET /metrics}: starts panicboard on a temporary
 * embedded PostgreSQL, sends crashes of twelve kinds, a data race and gctrace lines for
 * 50 services in two environments and three instances each through the ingestion API,
 * waits for the database gauges to be read, then times scrapes one at a time over
 * loopback in the text format and in OpenMetrics. See {@code docs/benchmarks.md}:
 * {@code ./mvnw -Pmetrics-scrape test-compile exec:exec}.
 */
public final class MetricsScrape {

	private static final String TOKEN = "pbt_metrics_scrape_benchmark_token";

	private static final List<String> CRASHES = List.of("nilmap-basic.txt", "concurrent-map-writes.txt",
			"concurrent-map-read-write.txt", "concurrent-map-iteration-write.txt", "concurrent-map-clone-go1.23.txt",
			"nil-pointer.txt", "index-out-of-range.txt", "divide-by-zero.txt", "close-closed-channel.txt",
			"deadlock.txt", "out-of-memory-huge.txt", "panic-goroutine.txt", "race-delete-range.txt",
			"gctrace-alloc-go1.23.txt");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private MetricsScrape(int port) {
		this.base = "http://localhost:" + port;
	}

	public static void main(String[] args) throws Exception {
		int services = Integer.getInteger("scrape.services", 50);
		int requests = Integer.getInteger("scrape.requests", 1000);
		int warmup = Integer.getInteger("scrape.warmup", 300);
		Path data = Files.createTempDirectory("panicboard-scrape");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("server.port=0", "panicboard.data-dir=" + data, "panicboard.bootstrap-token=" + TOKEN,
					"logging.level.root=warn", "panicboard.security.rate-limit.enabled=false",
					"panicboard.metrics.refresh-interval=1s")
			.run()) {
			MetricsScrape scrape = new MetricsScrape(
					Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
			scrape.seed(services);
			scrape.awaitGauges(services);
			StringBuilder report = new StringBuilder();
			report.append(String.format(Locale.ROOT, "%d services x 2 environments x 3 instances, %d warm-up and "
					+ "%d measured scrapes per format, one at a time%n%n", services, warmup, requests));
			report.append("| format | p50 ms | p95 ms | p99 ms | max ms | bytes | samples |\n");
			report.append("|---|---:|---:|---:|---:|---:|---:|\n");
			report.append(scrape.measure("text 0.0.4", "text/plain", warmup, requests));
			report.append(scrape.measure("OpenMetrics 1.0.0", "application/openmetrics-text; version=1.0.0", warmup,
					requests));
			System.out.println();
			System.out.println(report);
			Files.createDirectories(Path.of("target"));
			Files.writeString(Path.of("target", "metrics-scrape.md"), report);
		}
		finally {
			try (Stream<Path> paths = Files.walk(data)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	private void seed(int services) throws Exception {
		for (int s = 0; s < services; s++) {
			for (String environment : List.of("production", "staging")) {
				List<Map<String, Object>> events = new ArrayList<>();
				for (int instance = 0; instance < 3; instance++) {
					for (String file : CRASHES) {
						Map<String, Object> event = new LinkedHashMap<>();
						event.put("service", String.format(Locale.ROOT, "svc-%02d", s));
						event.put("environment", environment);
						event.put("instance", "pod-" + instance);
						event.put("text", corpus(file));
						events.add(event);
					}
				}
				HttpResponse<String> response = this.http
					.send(HttpRequest.newBuilder(URI.create(this.base + "/api/v1/events"))
						.header("Authorization", "Bearer " + TOKEN)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(events)))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 202) {
					throw new IllegalStateException("Seeding failed: " + response.statusCode() + " " + response.body());
				}
			}
		}
	}

	private void awaitGauges(int services) {
		String last = String.format(Locale.ROOT, "panicboard_heap_live_bytes{service=\"svc-%02d\"", services - 1);
		Awaitility.await("the database gauges")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> scrape("text/plain").body().contains(last));
	}

	private String measure(String name, String accept, int warmup, int requests) throws Exception {
		for (int i = 0; i < warmup; i++) {
			scrape(accept);
		}
		Histogram nanos = new Histogram(3);
		HttpResponse<String> response = null;
		for (int i = 0; i < requests; i++) {
			long t0 = System.nanoTime();
			response = scrape(accept);
			nanos.recordValue(System.nanoTime() - t0);
		}
		String body = response.body();
		long samples = body.lines().filter((line) -> !line.isEmpty() && !line.startsWith("#")).count();
		return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %,d | %,d |%n", name,
				nanos.getValueAtPercentile(50) / 1e6, nanos.getValueAtPercentile(95) / 1e6,
				nanos.getValueAtPercentile(99) / 1e6, nanos.getMaxValue() / 1e6,
				body.getBytes(StandardCharsets.UTF_8).length, samples);
	}

	private HttpResponse<String> scrape(String accept) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + "/metrics")).header("Accept", accept).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Scrape failed: " + response.statusCode());
		}
		return response;
	}

	private static String corpus(String name) {
		try (InputStream in = MetricsScrape.class.getResourceAsStream("/corpus/generated/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
