package io.panicboard.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.panicboard.PageCharts;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.system.LineChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class ServicePageTests {

	private static final RequestPostProcessor VIEWER = user("victor").roles("VIEWER");

	private static final long MIB = 1024 * 1024;

	/** Times of buckets shorter than an hour, in the pages' zone (UTC here). */
	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(UTC);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ServicePages pages;

	@Autowired
	private GcRollupQueries queries;

	private String service;

	private Instant now;

	@BeforeEach
	void newService() {
		this.service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
		this.now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
	}

	@Test
	void bucketsEachRangeSoThatAChartHasOnePointPerBucket() {
		minutesAtFourAges();
		assertThat(points("1h")).isEqualTo(new Counts(60, 1));
		assertThat(points("24h")).isEqualTo(new Counts(144, 2));
		assertThat(points("7d")).isEqualTo(new Counts(168, 3));
		assertThat(points("30d")).isEqualTo(new Counts(180, 4));
		assertThat(points("nonsense")).isEqualTo(new Counts(144, 2));
	}

	@Test
	void aggregatesInstancesSummingCyclesAndGoroutinesAndTakingTheLargestHeapPauseAndCpu() {
		minutesAtFourAges();
		Instant from = this.now.minus(Duration.ofHours(1));
		List<GcRollupQueries.GcBucket> buckets = this.queries.buckets(this.service, "production", from,
				this.now.plusSeconds(60), 60);
		assertThat(buckets).singleElement().satisfies((b) -> {
			assertThat(b.start()).isEqualTo(this.now.minus(Duration.ofMinutes(5)));
			assertThat(b.cycles()).isEqualTo(5);
			assertThat(b.heapLive()).isEqualTo(150.0 * MIB);
			assertThat(b.heapGoal()).isEqualTo(200.0 * MIB);
			assertThat(b.pauseP99()).isEqualTo(0.004);
			assertThat(b.gcCpuPercent()).isEqualTo(6.0);
			assertThat(b.goroutines()).isEqualTo(120.0);
			assertThat(b.instances()).isEqualTo(2);
		});
		// ten minutes of one instance in one 10-minute bucket: the newest goroutine
		// count,
		// the average GC CPU
		Instant bucket = Instant.ofEpochSecond(this.now.minus(Duration.ofHours(6)).getEpochSecond() / 600 * 600);
		for (int i = 0; i < 10; i++) {
			minute("pod-c", bucket.plusSeconds(60L * i), 1, 0.001, 10 * MIB, 20 * MIB, i, 100 + i);
		}
		List<GcRollupQueries.GcBucket> tens = this.queries.buckets(this.service, "production", bucket,
				bucket.plusSeconds(600), 600);
		assertThat(tens).singleElement().satisfies((b) -> {
			assertThat(b.cycles()).isEqualTo(10);
			assertThat(b.goroutines()).isEqualTo(109.0);
			assertThat(b.gcCpuPercent()).isEqualTo(4.5);
		});
	}

	@Test
	void showsTheChartsWithTheirValuesAndUnits() {
		minutesAtFourAges();
		String html = html("/services/" + this.service + "?range=1h");
		assertThat(html).contains("Heap: live vs goal", "GC pauses", "GC CPU", "Goroutines", "heap live", "heap goal",
				"p99", "150 MB", "200 MB", "4 ms", "6%", "120", "one point per 1 min");
		assertThat(html).doesNotContain("style=");
		List<JsonNode> charts = PageCharts.of(html, "lines");
		assertThat(charts).hasSize(4);
		// one minute with data: a lone point of each line, between gaps
		JsonNode heap = charts.get(0);
		assertThat(heap.at("/lines/0/values").valueStream().filter((v) -> !v.isNull()).map(JsonNode::asDouble))
			.containsExactly(150.0 * MIB);
		assertThat(heap.at("/lines/0/tooltips").valueStream().map(JsonNode::asString)).contains("heap live: 150 MB",
				"heap live: –");
		assertThat(charts.get(1).at("/lines/1/tooltips").valueStream().map(JsonNode::asString)).contains("p99: 4 ms");
		assertThat(charts.get(1).get("yTicks").valueStream().map((t) -> t.get("label").asString())).contains("4 ms");
		assertThat(html).contains("aria-current=\"page\" class=\"active\">1 h</a>");
	}

	@Test
	void marksCrashesByKindAndDeploysInsideTheRange() {
		minutesAtFourAges();
		long oom = incident("out_of_memory", this.now.minus(Duration.ofHours(3)));
		incident("nil_map_write", this.now.minus(Duration.ofDays(3)));
		deploy("v1.2.3", this.now.minus(Duration.ofHours(2)));
		deploy("v0.9.0", this.now.minus(Duration.ofDays(2)));
		String day = html("/services/" + this.service + "?range=24h");
		assertThat(day).contains("out_of_memory (#" + oom + ")", "Deploy of version v1.2.3")
			.doesNotContain("nil_map_write", "v0.9.0")
			.contains("1 crash and 1 deploy in this range.");
		// every chart has the crash and the deploy in their 10-minute buckets (the crash
		// at
		// the start of its hour, from the hourly rollups), named in those buckets'
		// tooltips
		Instant crashHour = this.now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
		Instant deployed = this.now.minus(Duration.ofHours(2));
		assertThat(PageCharts.of(day, "lines")).hasSize(4).allSatisfy((chart) -> {
			assertThat(chart.get("ticks")).singleElement().satisfies((t) -> {
				assertThat(t.get("colour").asInt()).isZero();
				assertThat(bucketTitle(chart, t)).isEqualTo(MINUTE.format(crashHour));
				assertThat(t.get("position").asDouble() % 1).isZero();
				assertThat(t.get("title").asString()).contains("out_of_memory (#" + oom + ")");
				assertThat(chart.at("/notes/" + t.get("position").asInt()).toString())
					.contains("out_of_memory (#" + oom + ")");
			});
			assertThat(chart.get("tickLegend")).singleElement()
				.satisfies((l) -> assertThat(l.get("label").asString()).isEqualTo("out_of_memory"));
			assertThat(chart.get("markers")).singleElement().satisfies((m) -> {
				assertThat(m.get("label").asString()).isEqualTo("v1.2.3");
				assertThat(bucketTitle(chart, m))
					.isEqualTo(MINUTE.format(deployed.minusSeconds(deployed.getEpochSecond() % 600)));
				assertThat(m.get("position").asDouble() % 1).isCloseTo(deployed.getEpochSecond() % 600 / 600.0,
						org.assertj.core.data.Offset.offset(1e-9));
			});
		});
		String week = html("/services/" + this.service + "?range=7d");
		assertThat(week).contains("nil_map_write", "out_of_memory", "v0.9.0", "v1.2.3");
		// kinds coloured in name order
		assertThat(PageCharts.of(week, "lines")
			.get(0)
			.get("tickLegend")
			.valueStream()
			.map((l) -> l.get("label").asString() + " " + l.get("colour").asInt()))
			.containsExactlyInAnyOrder("nil_map_write 0", "out_of_memory 1");
	}

	@Test
	void marksTheCrashesOfTheLastHourFromTheirOccurrences() {
		minutesAtFourAges();
		long id = incident("out_of_memory", this.now.minus(Duration.ofMinutes(20)));
		occurrence(id, "out_of_memory", this.now.minus(Duration.ofMinutes(20)), "pod-a", "fatal error");
		String hour = html("/services/" + this.service + "?range=1h");
		assertThat(hour).contains("1 × out_of_memory (#" + id + ")");
		// placed at its minute
		JsonNode chart = PageCharts.of(hour, "lines").get(0);
		assertThat(chart.get("ticks")).singleElement()
			.satisfies((t) -> assertThat(bucketTitle(chart, t))
				.isEqualTo(MINUTE.format(this.now.minus(Duration.ofMinutes(20)))));
	}

	@Test
	void marksInTheLastHourOnlyCrashesThatOccurredInIt() {
		minutesAtFourAges();
		// received a minute ago from a log shipper catching up: it occurred 3 days ago
		long late = incident("nil_map_write", this.now.minus(Duration.ofDays(3)));
		occurrence(late, "nil_map_write", this.now.minus(Duration.ofDays(3)), this.now.minus(Duration.ofMinutes(1)),
				"pod-a", "panic: assignment to entry in nil map\n");
		// received just before the hour, stamped a few seconds into it (clock skew)
		long early = incident("out_of_memory", this.now.minus(Duration.ofMinutes(59)));
		occurrence(early, "out_of_memory", this.now.minus(Duration.ofMinutes(59)),
				this.now.minus(Duration.ofSeconds(3601)), "pod-a", "fatal error");
		String hour = html("/services/" + this.service + "?range=1h");
		assertThat(hour).contains("1 × out_of_memory (#" + early + ")", "1 crash and no deploys in this range.")
			.doesNotContain("nil_map_write");
	}

	@Test
	void marksTheNewestCrashesAndCountsThemAllWhenARangeHasMoreGroupsThanAChartDraws() {
		minutesAtFourAges();
		long old = incident("nil_map_write", this.now.minus(Duration.ofDays(2)));
		Instant hour = this.now.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
		for (int i = 1; i <= GcRollupQueries.MAX_MARKERS + 100; i++) {
			this.jdbc.sql("INSERT INTO incident_hourly (incident_id, hour, count) VALUES (?, ?, 1)")
				.params(old, hour.minus(Duration.ofHours(i)).atOffset(UTC))
				.update();
		}
		long recent = incident("out_of_memory", this.now.minus(Duration.ofHours(1)));
		String month = html("/services/" + this.service + "?range=30d");
		assertThat(month).contains("1 × out_of_memory (#" + recent + ")", "602 crashes and no deploys in this range.");
		LineChart heap = this.pages.page(this.service, "30d", null, "http://localhost", Locale.ENGLISH)
			.orElseThrow()
			.heap();
		assertThat(heap.ticks()).hasSize(GcRollupQueries.MAX_MARKERS);
		assertThat(PageCharts.of(month, "lines").get(0).get("ticks")).hasSize(GcRollupQueries.MAX_MARKERS);
	}

	@Test
	void marksTheNewestDeploysAndCountsThemAllWhenARangeHasMoreThanAChartDraws() {
		minutesAtFourAges();
		Instant start = this.now.minus(Duration.ofDays(20));
		for (int i = 0; i < GcRollupQueries.MAX_MARKERS + 20; i++) {
			deploy("v0." + i, start.plus(Duration.ofMinutes(30L * i)));
		}
		deploy("v9.9.9", this.now.minus(Duration.ofHours(1)));
		String month = html("/services/" + this.service + "?range=30d");
		assertThat(month).contains("Deploy of version v9.9.9", "No crashes and 521 deploys in this range.")
			.doesNotContain("Deploy of version v0.0 ");
		assertThat(PageCharts.of(month, "lines").get(0).get("markers")).hasSize(GcRollupQueries.MAX_MARKERS);
	}

	@Test
	void switchesBetweenEnvironments() {
		minutesAtFourAges();
		minute("stage-1", "staging", this.now.minus(Duration.ofMinutes(3)), 1, 0.001, 900 * MIB, 950 * MIB, 1, 7);
		String production = html("/services/" + this.service);
		assertThat(production).contains("href=\"/services/" + this.service + "?range=24h&amp;environment=staging\"")
			.contains("150 MB")
			.doesNotContain("900 MB");
		String staging = html("/services/" + this.service + "?range=1h&environment=staging");
		assertThat(staging).contains("900 MB").doesNotContain("150 MB");
		assertThat(staging).contains("aria-current=\"page\" class=\"active\">staging</a>");
	}

	@Test
	void saysAnEnvironmentWithoutGcDataHasNoneAndLinksThoseWithData() {
		minutesAtFourAges();
		minute("stage-1", "staging", this.now.minus(Duration.ofMinutes(3)), 1, 0.001, 900 * MIB, 950 * MIB, 1, 7);
		String unknown = html("/services/" + this.service + "?environment=stagin");
		assertThat(unknown)
			.contains("No GC data from this service in stagin", "It has GC data in:",
					"Nothing from this service in environment stagin",
					"href=\"/services/" + this.service + "?range=24h&amp;environment=production\"",
					"href=\"/services/" + this.service + "?range=24h&amp;environment=staging\"")
			.doesNotContain("No GC data from this service yet");

		// one environment with data: the selector still leads back to it
		String single = "svc-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql(
				"INSERT INTO gc_minute (service, environment, instance, minute, cycles) VALUES (?, 'production', 'pod-1', ?, 1)")
			.params(single, this.now.minusSeconds(300).atOffset(UTC))
			.update();
		assertThat(html("/services/" + single + "?environment=staging"))
			.contains("No GC data from this service in staging", "Nothing from this service in environment staging",
					"href=\"/services/" + single + "?range=24h&amp;environment=production\"")
			.doesNotContain("No GC data from this service yet");
	}

	@Test
	void explainsHowToSendGcDataForAServiceWithout() {
		this.jdbc.sql("INSERT INTO service (name) VALUES (?)").param(this.service).update();
		String html = html("/services/" + this.service);
		assertThat(html)
			.contains("No GC data from this service yet", "GODEBUG=gctrace=1",
					"/api/v1/logs?service=" + this.service + "&amp;environment=production",
					"/api/v1/metrics/expvar?service=" + this.service)
			.doesNotContain("data-chart");
	}

	@Test
	void answersNotFoundForAnUnknownService() {
		MvcTestResult result = this.mvc.get()
			.uri("/services/{name}", "no-such-" + this.service)
			.with(VIEWER)
			.exchange();
		assertThat(result).hasStatus(404);
	}

	@Test
	void asksForSignInWithoutAUser() {
		minutesAtFourAges();
		assertThat(this.mvc.get().uri("/services/{name}", this.service)).hasStatus3xxRedirection();
	}

	@Test
	void escapesServiceNamesAndDeployVersions() throws IOException {
		this.service = "<b>svc<i>-" + UUID.randomUUID().toString().substring(0, 6);
		minutesAtFourAges();
		deploy("<script>alert(1)</script>", this.now.minus(Duration.ofMinutes(30)));
		MvcTestResult result = this.mvc.get().uri("/services/{name}", this.service).with(VIEWER).exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;svc&lt;i&gt;")
			.doesNotContain("<script>alert(1)", "<b>svc<i>");
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(PageCharts.attributes(html)).hasSize(4)
			.allSatisfy((attribute) -> assertThat(attribute).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
		assertThat(PageCharts.of(html, "lines").get(0).at("/markers/0/label").asString())
			.isEqualTo("<script>alert(1)</script>");
	}

	@Test
	void showsTheHeapOfTheThirtyMinutesBeforeAnOutOfMemoryCrash() throws IOException {
		Instant crash = this.now.minus(Duration.ofMinutes(10)).plusSeconds(25);
		for (int i = 0; i <= 40; i++) {
			Instant minute = crash.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40 - i));
			minute("pod-a", minute, 1, 0.001, (100 + 10L * i) * MIB, 900 * MIB, 2, 10);
			minute("pod-b", minute, 1, 0.001, 50 * MIB, 100 * MIB, 2, 10);
		}
		long id = incident("out_of_memory", crash);
		occurrence(id, "out_of_memory", crash, "pod-a", corpus("generated/out-of-memory-huge.txt"));
		String html = html("/incidents/" + id);
		assertThat(html).contains("Heap before the crash", "heap live of pod-a", "heap goal (largest instance)",
				"Crash at ", "href=\"/services/" + this.service + "?environment=production\"");
		JsonNode trend = PageCharts.of(html, "lines").get(0);
		assertThat(trend.get("lines").valueStream().map((l) -> l.get("name").asString() + " " + l.get("emphasised")))
			.containsExactly("heap live (largest instance) false", "heap goal (largest instance) false",
					"heap live of pod-a true");
		// 31 minutes: the crash's own and the 30 before it (the earliest at 100 + 10 × 10
		// MB), the crash a dashed line without a label
		assertThat(trend.get("titles")).hasSize(31);
		assertThat(trend.get("markers")).singleElement().satisfies((m) -> {
			assertThat(m.get("position").asDouble()).isEqualTo(30 + 25 / 60.0);
			assertThat(m.get("row").isNull()).isTrue();
			assertThat(m.get("title").asString()).startsWith("Crash at ");
		});
		assertThat(html).contains("live of pod-a: 200 MB")
			.contains("live of pod-a: 500 MB")
			.doesNotContain("live of pod-a: 190 MB", "live of pod-a: 510 MB");
	}

	@Test
	void showsNoHeapTrendOnAnIncidentOfAnotherKind() {
		minutesAtFourAges();
		long id = incident("nil_map_write", this.now.minus(Duration.ofMinutes(10)));
		occurrence(id, "nil_map_write", this.now.minus(Duration.ofMinutes(10)), "pod-a",
				"panic: assignment to entry in nil map\n");
		String html = html("/incidents/" + id);
		assertThat(html).doesNotContain("Heap before the crash", "line-chart")
			.contains("href=\"/services/" + this.service + "?environment=production\"");
	}

	@Test
	void linksEveryServiceTileOfTheOverviewToItsPage() {
		incident("out_of_memory", this.now.minus(Duration.ofMinutes(10)));
		assertThat(html("/")).contains("href=\"/services/" + this.service + "\"");
	}

	/** Two instances 5 minutes ago, one 5 hours, 3 days and 20 days ago. */
	private void minutesAtFourAges() {
		minute("pod-a", this.now.minus(Duration.ofMinutes(5)), 3, 0.002, 100 * MIB, 200 * MIB, 4, 50);
		minute("pod-b", this.now.minus(Duration.ofMinutes(5)), 2, 0.004, 150 * MIB, 180 * MIB, 6, 70);
		minute("pod-a", this.now.minus(Duration.ofHours(5)), 1, 0.001, 90 * MIB, 180 * MIB, 3, 40);
		minute("pod-a", this.now.minus(Duration.ofDays(3)), 1, 0.001, 80 * MIB, 160 * MIB, 2, 30);
		minute("pod-a", this.now.minus(Duration.ofDays(20)), 1, 0.001, 70 * MIB, 140 * MIB, 1, 20);
	}

	private void minute(String instance, Instant minute, int cycles, double p99, long live, long goal, double cpu,
			int goroutines) {
		minute(instance, "production", minute, cycles, p99, live, goal, cpu, goroutines);
	}

	private void minute(String instance, String environment, Instant minute, int cycles, double p99, long live,
			long goal, double cpu, int goroutines) {
		this.jdbc
			.sql("""
					INSERT INTO gc_minute (service, environment, instance, minute, cycles, pause_p50_seconds,
						pause_p99_seconds, pause_max_seconds, heap_live_max_bytes, heap_goal_bytes, gc_cpu_percent, goroutines)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(this.service, environment, instance, minute.atOffset(UTC), cycles, p99 / 2, p99, p99 * 2, live,
					goal, cpu, goroutines)
			.update();
	}

	private long incident(String kind, Instant at) {
		long id = this.jdbc.sql("""
				INSERT INTO incident (service, environment, fingerprint, type, kind, severity, title, first_seen,
					last_seen, event_count)
				VALUES (?, 'production', ?, 'fatal', ?, 'critical', ?, ?, ?, 1) RETURNING id""")
			.params(this.service, UUID.randomUUID().toString(), kind, kind + " in main.main", at.atOffset(UTC),
					at.atOffset(UTC))
			.query(Long.class)
			.single();
		this.jdbc.sql("INSERT INTO incident_hourly (incident_id, hour, count) VALUES (?, ?, 1)")
			.params(id, at.truncatedTo(ChronoUnit.HOURS).atOffset(UTC))
			.update();
		return id;
	}

	private void occurrence(long incidentId, String kind, Instant at, String instance, String text) {
		occurrence(incidentId, kind, at, at, instance, text);
	}

	private void occurrence(long incidentId, String kind, Instant occurredAt, Instant receivedAt, String instance,
			String text) {
		String fingerprint = this.jdbc.sql("SELECT fingerprint FROM incident WHERE id = ?")
			.param(incidentId)
			.query(String.class)
			.single();
		this.jdbc.sql("""
				INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
					version, instance, text, finding)
				VALUES (?, ?, 'production', ?, ?, ?, '1.0.0', ?, ?, ?::jsonb)""")
			.params(incidentId, this.service, fingerprint, receivedAt.atOffset(UTC), occurredAt.atOffset(UTC), instance,
					text, "{\"kind\": \"" + kind + "\"}")
			.update();
	}

	private void deploy(String version, Instant at) {
		this.jdbc.sql("INSERT INTO deploy (service, environment, version, deployed_at) VALUES (?, 'production', ?, ?)")
			.params(this.service, version, at.atOffset(UTC))
			.update();
	}

	private Counts points(String range) {
		JsonNode heap = PageCharts.of(html("/services/" + this.service + "?range=" + range), "lines").get(0);
		LineChart chart = this.pages.page(this.service, range, null, "http://localhost", Locale.ENGLISH)
			.orElseThrow()
			.heap();
		int points = (int) chart.lines().get(0).values().stream().filter(java.util.Objects::nonNull).count();
		assertThat(heap.get("titles")).hasSize(chart.titles().size());
		assertThat(heap.at("/lines/0/values").valueStream().filter((v) -> !v.isNull())).hasSize(points);
		return new Counts(chart.titles().size(), points);
	}

	/** The time of the bucket that holds a marker or tick, as its tooltip names it. */
	private static String bucketTitle(JsonNode chart, JsonNode marker) {
		return chart.at("/titles/" + marker.get("position").asInt()).asString();
	}

	private String html(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).with(VIEWER).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String corpus(String file) throws IOException {
		try (InputStream in = ServicePageTests.class.getResourceAsStream("/corpus/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private record Counts(int buckets, int points) {

	}

}
