package io.panicboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The charts in real headless Chromium: on every page with charts, Chart.js has drawn
 * each canvas with the server's data (labels, values, gaps), deploys are dashed lines in
 * their bucket, crashes ticks, tooltips show the server's texts, a deploy version that
 * looks like markup is drawn as text, and the console shows no error and no
 * Content-Security-Policy violation. Screenshots go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "panicboard.bootstrap-token=" + ChartsBrowserTests.TOKEN)
@Import(TestDatabaseConfiguration.class)
class ChartsBrowserTests {

	static final String TOKEN = "charts-browser-test-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long MIB = 1024 * 1024;

	/** Times on the charts of one-minute buckets, in the pages' zone (UTC here). */
	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	/** A version that would be markup if a chart wrote it as HTML. */
	private static final String VERSION = "v2<img src=x onerror=alert(1)>";

	/**
	 * Every chart of the page as Chart.js holds it, beside the JSON the server sent: its
	 * type, labels, values, the annotations it drew and the pixel range of every bucket.
	 */
	private static final String CHARTS = """
			const annotation = Chart.registry.getPlugin('annotation');
			return JSON.stringify(Array.from(document.querySelectorAll('canvas[data-chart]')).map((canvas) => {
				const server = JSON.parse(canvas.getAttribute('data-chart'));
				const chart = Chart.getChart(canvas);
				if (!chart) {
					return { server: server, drawn: false };
				}
				const x = chart.scales.x;
				return {
					server: server, drawn: true, type: chart.config.type, width: chart.width,
					labels: chart.data.labels, values: chart.data.datasets.map((d) => d.data),
					skipped: chart.data.datasets.map((d, i) => chart.getDatasetMeta(i).data.map((p) => p.skip === true)),
					segments: chart.data.datasets.map((d, i) => (chart.getDatasetMeta(i).dataset
						? chart.getDatasetMeta(i).dataset.segments.length : 0)),
					axis: (x && x.ticks) ? x.ticks.map((t) => t.label).filter((l) => l) : [],
					buckets: x ? chart.data.labels.map((l, i) => [x.getPixelForValue(i - 0.5), x.getPixelForValue(i + 0.5)]) : [],
					annotations: annotation.getAnnotations(chart).map((a) => ({
						x: a.x, dashed: a.options.borderDash.length > 0, colour: a.options.borderColor,
						label: a.options.label.display ? a.options.label.content : null, height: Math.abs(a.y2 - a.y)
					}))
				};
			}));""";

	/** The tooltip Chart.js shows for a bucket of a chart. */
	private static final String TOOLTIP = """
			const chart = Chart.getChart(document.querySelectorAll('canvas[data-chart]')[arguments[0]]);
			const active = chart.data.datasets.map((d, i) => ({ datasetIndex: i, index: arguments[1] }));
			chart.tooltip.setActiveElements(active, { x: 0, y: 0 });
			return JSON.stringify({ title: chart.tooltip.title, lines: chart.tooltip.body.flatMap((b) => b.lines),
				footer: chart.tooltip.footer });""";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ChromeDriver browser;

	private final String service = "charts-" + UUID.randomUUID().toString().substring(0, 8);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

	private long oom;

	@BeforeEach
	void startBrowserWithAServiceThatCrashedAndDeployed() throws Exception {
		this.browser = Chromium.start();
		Chromium.watchContentSecurityPolicy(this.browser);
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "charts-viewer", "viewer", "a long viewer password");
		// 40 minutes of GC data of pod-a, the 15th before now missing
		for (int i = 40; i >= 1; i--) {
			if (i != 15) {
				minute(this.now.minus(Duration.ofMinutes(i)), (500 - 5L * i) * MIB);
			}
		}
		post("/api/v1/deploys", Map.of("service", this.service, "version", VERSION, "timestamp",
				this.now.minus(Duration.ofMinutes(10)).toString()));
		this.oom = send(corpus("generated/out-of-memory-huge.txt"));
		send(corpus("generated/nilmap-basic-go1.23.txt"));
		signIn();
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aDeployInABucketWithoutValuesStillHasItsTooltip() throws Exception {
		// 50 minutes ago: before the 40 minutes of GC data, so every line is empty there
		Instant quiet = this.now.minus(Duration.ofMinutes(50));
		post("/api/v1/deploys", Map.of("service", this.service, "version", "v-quiet", "timestamp", quiet.toString()));
		List<JsonNode> charts = open("/services/" + this.service + "?range=1h", "service-quiet-deploy");
		int bucket = bucket(charts.get(0), quiet);
		assertThat(charts.get(0).at("/server/lines/0/values/" + bucket).isNull()).isTrue();
		JsonNode tooltip = tooltip(0, bucket);
		assertThat(tooltip.get("title").get(0).asString()).isEqualTo(MINUTE.format(quiet));
		assertThat(tooltip.get("footer").valueStream().map(JsonNode::asString))
			.anySatisfy((note) -> assertThat(note).startsWith("Deploy of version v-quiet"));
	}

	@Test
	void servicePageDrawsFourLineChartsWithGapsDeploysAndCrashes() {
		List<JsonNode> charts = open("/services/" + this.service + "?range=1h", "service-charts");
		int deployed = bucket(charts.get(0), this.now.minus(Duration.ofMinutes(10)));
		int missing = bucket(charts.get(0), this.now.minus(Duration.ofMinutes(15)));
		assertThat(charts).hasSize(4).allSatisfy((chart) -> {
			assertDrawnWithTheServersData(chart, "line");
			// the deploy, a dashed line labelled with its version in its minute's bucket
			assertThat(chart.get("annotations").valueStream().filter((a) -> a.get("dashed").asBoolean()))
				.singleElement()
				.satisfies((deploy) -> {
					assertThat(deploy.get("label").asString()).isEqualTo(VERSION);
					assertThat(deploy.get("x").asDouble()).isBetween(chart.at("/buckets/" + deployed + "/0").asDouble(),
							chart.at("/buckets/" + deployed + "/1").asDouble());
				});
			// the two crashes, short solid ticks on the time axis, one colour per kind
			assertThat(chart.get("annotations").valueStream().filter((a) -> !a.get("dashed").asBoolean())).hasSize(2)
				.allSatisfy((tick) -> assertThat(tick.get("height").asDouble()).isPositive().isLessThan(20));
			assertThat(chart.at("/server/tickLegend")).hasSize(2);
		});
		// the minute without data breaks the lines
		JsonNode heap = charts.get(0);
		assertThat(heap.at("/values/0/" + missing).isNull()).isTrue();
		assertThat(heap.at("/skipped/0/" + missing).asBoolean()).isTrue();
		assertThat(heap.at("/skipped/0/" + (missing - 1)).asBoolean()).isFalse();
		assertThat(heap.at("/segments/0").asInt()).isEqualTo(2);
		JsonNode tooltip = tooltip(0, deployed);
		assertThat(tooltip.get("title").get(0).asString()).isEqualTo(heap.at("/server/titles/" + deployed).asString())
			.isEqualTo(MINUTE.format(this.now.minus(Duration.ofMinutes(10))));
		assertThat(tooltip.get("lines").valueStream().map(JsonNode::asString)).containsExactly("heap live: 450 MB",
				"heap goal: 900 MB");
		assertThat(tooltip.get("footer").get(0).asString()).startsWith("Deploy of version " + VERSION);
		assertThat(tooltip(1, deployed).get("lines").valueStream().map(JsonNode::asString)).containsExactly("p50: 1 ms",
				"p99: 2 ms", "max: 4 ms");
		assertDrawnAsText();
	}

	@Test
	void incidentPageDrawsTheOccurrencesWithTheDeployAndTheHeapBeforeTheCrash() {
		List<JsonNode> charts = open("/incidents/" + this.oom, "incident");
		assertThat(charts).hasSize(2);
		JsonNode occurrences = charts.get(0);
		assertDrawnWithTheServersData(occurrences, "bar");
		int last = occurrences.get("labels").size() - 1;
		assertThat(occurrences.at("/values/0/" + last).asInt()).isEqualTo(1);
		assertThat(occurrences.get("annotations")).singleElement()
			.satisfies((deploy) -> assertThat(deploy.get("label").asString()).isEqualTo(VERSION));
		JsonNode tooltip = tooltip(0, last);
		assertThat(tooltip.get("lines").valueStream().map(JsonNode::asString)).containsExactly("Occurrences: 1");
		assertThat(tooltip.get("title").get(0).asString())
			.isEqualTo(occurrences.at("/server/titles/" + last).asString());

		JsonNode trend = charts.get(1);
		assertDrawnWithTheServersData(trend, "line");
		assertThat(trend.at("/server/lines")).hasSize(3);
		// the crash: a dashed line without a label in the last minute
		assertThat(trend.get("annotations")).singleElement().satisfies((crash) -> {
			assertThat(crash.get("dashed").asBoolean()).isTrue();
			assertThat(crash.get("label").isNull()).isTrue();
			int minute = trend.at("/server/markers/0/position").asInt();
			assertThat(minute).isEqualTo(30);
			assertThat(crash.get("x").asDouble()).isBetween(trend.at("/buckets/30/0").asDouble(),
					trend.at("/buckets/30/1").asDouble());
		});
		assertDrawnAsText();
	}

	@Test
	void overviewAndIncidentListDrawTheCrashChartAndSparklines() {
		List<JsonNode> overview = open("/", "overview");
		JsonNode crashes = overview.get(0);
		assertDrawnWithTheServersData(crashes, "bar");
		assertThat(crashes.get("labels")).hasSize(24);
		// the axis shows the server's labels, every four hours
		assertThat(crashes.get("axis").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(crashes.at("/server/labels")
				.valueStream()
				.map(JsonNode::asString)
				.filter((l) -> !l.isEmpty())
				.toList());
		// the deploy, a dashed line in its hour's bucket, named in its tooltip
		Instant deployed = this.now.minus(Duration.ofMinutes(10));
		int hour = crashes.at("/server/titles")
			.valueStream()
			.map(JsonNode::asString)
			.toList()
			.indexOf(MINUTE.format(deployed.truncatedTo(ChronoUnit.HOURS)));
		assertThat(crashes.get("annotations")
			.valueStream()
			.filter((a) -> a.get("x").asDouble() >= crashes.at("/buckets/" + hour + "/0").asDouble()
					&& a.get("x").asDouble() <= crashes.at("/buckets/" + hour + "/1").asDouble()))
			.singleElement()
			.satisfies((a) -> assertThat(a.get("dashed").asBoolean()).isTrue());
		assertThat(tooltip(0, hour).get("footer").get(0).asString()).contains(this.service + " " + VERSION);
		JsonNode tooltip = tooltip(0, 23);
		// the crashes of the hour by kind (other tests' services crash too)
		assertThat(tooltip.get("lines").valueStream().map(JsonNode::asString))
			.anySatisfy((line) -> assertThat(line).matches("out_of_memory: [1-9][0-9]*"))
			.anySatisfy((line) -> assertThat(line).matches("nil_map_write: [1-9][0-9]*"));
		assertThat(overview.subList(1, overview.size())).isNotEmpty()
			.allSatisfy((sparkline) -> assertDrawnWithTheServersData(sparkline, "line"));
		assertDrawnAsText();

		List<JsonNode> list = open("/incidents?service=" + this.service, "incidents");
		assertThat(list).hasSize(2).allSatisfy((sparkline) -> {
			assertDrawnWithTheServersData(sparkline, "line");
			assertThat(sparkline.get("width").asInt()).isEqualTo(120);
			assertThat(sparkline.at("/values/0/23").asInt()).isEqualTo(1);
		});
	}

	@Test
	void sloAndWeeklyReviewPagesDrawTheGaugeTheirLinesAndBars() throws Exception {
		HttpResponse<String> created = post("/api/v1/slos",
				Map.of("apiVersion", "openslo/v1", "kind", "SLO", "metadata", Map.of("name", this.service + "-crashes"),
						"spec",
						Map.of("service", this.service, "indicator",
								Map.of("metadata", Map.of("name", "crashes"), "spec",
										Map.of("type", "crash_budget", "environment", "production")),
								"timeWindow", List.of(Map.of("duration", "7d", "isRolling", true)), "budgetingMethod",
								"Occurrences", "objectives", List.of(Map.of("op", "lte", "value", 5)))));
		long slo = JSON.readTree(created.body()).get("id").asLong();
		List<JsonNode> charts = open("/slos/" + slo, "slo");
		assertThat(charts).hasSize(3);
		JsonNode gauge = charts.get(0);
		assertDrawnWithTheServersData(gauge, "doughnut");
		long left = gauge.at("/server/percent").asLong();
		assertThat(gauge.at("/values/0").toString()).isEqualTo("[" + left + "," + (100 - left) + "]");
		assertDrawnWithTheServersData(charts.get(1), "line");
		assertDrawnWithTheServersData(charts.get(2), "line");

		String week = String.format("%d-W%02d", this.now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_BASED_YEAR),
				this.now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		List<JsonNode> review = open("/reports/weekly?week=" + week + "&service=" + this.service, "weekly");
		assertThat(review).isNotEmpty()
			.allSatisfy((chart) -> assertDrawnWithTheServersData(chart,
					chart.at("/server/type").asString().equals("bars") ? "bar" : "line"));
		assertThat(review).filteredOn((chart) -> chart.at("/server/type").asString().equals("bars")).hasSize(1);
	}

	/**
	 * Opens a page, waits for its charts, saves a screenshot and checks the console.
	 */
	private List<JsonNode> open(String path, String screenshot) {
		this.browser.get("http://localhost:" + this.port + path);
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until((driver) -> (Boolean) this.browser.executeScript("return document.readyState === 'complete'"));
		Chromium.screenshot(this.browser, "charts-" + screenshot);
		List<JsonNode> charts = JSON.readTree((String) this.browser.executeScript(CHARTS)).valueStream().toList();
		assertThat(Chromium.problems(this.browser)).as("console errors and CSP violations on " + path).isEmpty();
		return charts;
	}

	private void assertDrawnWithTheServersData(JsonNode chart, String type) {
		JsonNode server = chart.get("server");
		assertThat(chart.get("drawn").asBoolean()).as(server.toString()).isTrue();
		assertThat(chart.get("type").asString()).isEqualTo(type);
		switch (server.get("type").asString()) {
			case "bars" -> {
				assertThat(chart.get("labels")).isEqualTo(server.get("titles"));
				assertThat(chart.get("values").valueStream().toList())
					.isEqualTo(server.get("series").valueStream().map((s) -> s.get("values")).toList());
			}
			case "lines" -> {
				assertThat(chart.get("labels")).isEqualTo(server.get("titles"));
				assertThat(chart.get("values").valueStream().toList())
					.isEqualTo(server.get("lines").valueStream().map((l) -> l.get("values")).toList());
			}
			case "sparkline" -> assertThat(chart.at("/values/0")).isEqualTo(server.get("values"));
			case "gauge" -> assertThat(chart.at("/values/0/0").asLong()).isEqualTo(server.get("percent").asLong());
			default -> throw new AssertionError(server.get("type"));
		}
	}

	/** The version drawn on the canvas ran no script and added no element. */
	private void assertDrawnAsText() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
		assertThat(this.browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
	}

	/** The bucket of a line chart of one-minute buckets that holds a time. */
	private static int bucket(JsonNode chart, Instant at) {
		List<String> titles = chart.at("/server/titles").valueStream().map(JsonNode::asString).toList();
		assertThat(titles).contains(MINUTE.format(at));
		return titles.indexOf(MINUTE.format(at));
	}

	private JsonNode tooltip(int canvas, int bucket) {
		return JSON.readTree((String) this.browser.executeScript(TOOLTIP, canvas, bucket));
	}

	private void signIn() {
		Chromium.signIn(this.browser, this.port, "charts-viewer", "a long viewer password");
	}

	private void minute(Instant minute, long live) {
		this.jdbc
			.sql("""
					INSERT INTO gc_minute (service, environment, instance, minute, cycles, pause_p50_seconds,
						pause_p99_seconds, pause_max_seconds, heap_live_max_bytes, heap_goal_bytes, gc_cpu_percent, goroutines)
					VALUES (?, 'production', 'pod-a', ?, 2, 0.001, 0.002, 0.004, ?, ?, 3, 40)""")
			.params(this.service, minute.atOffset(ZoneOffset.UTC), live, 900 * MIB)
			.update();
	}

	private long send(String text) throws IOException, InterruptedException {
		HttpResponse<String> response = post("/api/v1/events", Map.of("service", this.service, "environment",
				"production", "version", "v1", "instance", "pod-a", "text", text));
		return JSON.readTree(response.body()).get("incidents").get(0).get("id").asLong();
	}

	private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return response;
	}

	private static String corpus(String name) throws IOException {
		return Files.readString(Path.of("src/test/resources/corpus", name), StandardCharsets.UTF_8);
	}

}
