package io.panicboard.incident.benchmark;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.panicboard.PanicboardApplication;
import jakarta.servlet.Filter;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Page-speed benchmark of the dashboard: seeds 10,000 incidents and 1,000,000 occurrences
 * (with hourly, version and instance rollups, counters and timelines consistent with
 * them) into panicboard's embedded PostgreSQL, signs in, and measures the server time of
 * the incident list (several filter and sort variants), the overview and an incident (the
 * page {@code /incidents/{id}} when this build has it, else the JSON
 * {@code /api/v1/incidents/{id}} as a stand-in). See {@code docs/benchmarks.md}.
 * <p>
 * Server time is measured by a servlet filter ahead of every other filter (Spring
 * Security included), from the request's arrival to the end of its response; requests are
 * sent one at a time over loopback, after a warm-up.
 */
public final class PageLoad {

	private static final String PASSWORD = "page-load-benchmark-password";

	private static final String TOKEN = "pbt_page_load_benchmark_token";

	private static final String BENCH_HEADER = "X-Page-Load";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** Server times (nanoseconds) of the requests marked with {@link #BENCH_HEADER}. */
	private static final BlockingQueue<Long> SERVER_NANOS = new LinkedBlockingQueue<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private PageLoad(int port) {
		this.base = "http://localhost:" + port;
	}

	public static void main(String[] args) throws Exception {
		int incidents = Integer.getInteger("pages.incidents", 10_000);
		int occurrences = Integer.getInteger("pages.occurrences", 1_000_000);
		int requests = Integer.getInteger("pages.requests", 300);
		int warmup = Integer.getInteger("pages.warmup", 100);
		String keep = System.getProperty("pages.dataDir", "");
		Path data = keep.isBlank() ? Files.createTempDirectory("panicboard-pages") : Path.of(keep);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("server.port=0", "panicboard.data-dir=" + data, "panicboard.bootstrap-token=" + TOKEN,
					"panicboard.admin-password=" + PASSWORD, "logging.level.root=warn",
					"panicboard.security.rate-limit.enabled=false")
			.initializers(timingFilter())
			.run()) {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
			PageLoad load = new PageLoad(port);
			StringBuilder report = new StringBuilder();
			String seeded = load.seed(jdbc, incidents, occurrences);
			report.append(seeded);
			load.signIn();
			String incidentPath = load.incidentPath();
			List<Variant> variants = List.of(new Variant("/incidents", "default: all, by last seen"),
					new Variant("/incidents?range=24h&sort=count", "last 24 h by count"),
					new Variant("/incidents?service=svc-07&status=open&severity=critical", "service, status, severity"),
					new Variant("/incidents?kind=data_race&range=7d&sort=firstSeen", "kind, 7 d, by first seen"),
					new Variant("/incidents?q=(*Basket7)", "free text, a frame (8 matches)"),
					new Variant("/incidents?q=assignment+to+entry", "free text, a message (many matches)"),
					new Variant("/incidents?page=150", "page 150 of 200"), new Variant("/", "overview, 24 h"),
					new Variant("/?range=7d", "overview, 7 d"), new Variant(incidentPath, "one incident (random id)"));
			Random ids = new Random(7);
			for (int i = 0; i < warmup; i++) {
				for (Variant variant : variants) {
					load.get(variant.path(ids, incidents), false);
				}
			}
			report.append(String.format(Locale.ROOT,
					"%nwarm-up: %d rounds of every request; then %d requests per row, one at a time%n%n", warmup,
					requests));
			report.append("| request | what | server p50 ms | p95 ms | p99 ms | max ms | client p95 ms | bytes |\n");
			report.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
			for (Variant variant : variants) {
				report.append(load.measure(variant, requests, ids, incidents));
			}
			report.append(String.format(Locale.ROOT, "%nload average after the run: %s%n", loadAverage()));
			System.out.println();
			System.out.println(report);
			Files.createDirectories(Path.of("target"));
			Files.writeString(Path.of("target", "page-load.md"), report);
		}
		finally {
			if (keep.isBlank()) {
				deleteRecursively(data);
			}
		}
	}

	/**
	 * Registers the filter that times each marked request, ahead of every other filter.
	 */
	private static ApplicationContextInitializer<GenericApplicationContext> timingFilter() {
		Filter filter = (request, response, chain) -> {
			long t0 = System.nanoTime();
			try {
				chain.doFilter(request, response);
				response.flushBuffer();
			}
			finally {
				if (((jakarta.servlet.http.HttpServletRequest) request).getHeader(BENCH_HEADER) != null) {
					SERVER_NANOS.add(System.nanoTime() - t0);
				}
			}
		};
		return (context) -> context.registerBean("pageLoadTimingFilter", FilterRegistrationBean.class, () -> {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		});
	}

	/**
	 * Seeds the database unless it already holds the seed (a kept data directory).
	 * Templates are real: every corpus crash and race sample is posted once through the
	 * API, and the generated incidents and occurrences copy their kinds, titles,
	 * messages, fingerprint frames, trace texts and stored findings.
	 */
	private String seed(JdbcTemplate jdbc, int incidents, int occurrences) throws Exception {
		if (jdbc.queryForObject("SELECT to_regclass('page_load_seed') IS NOT NULL", Boolean.class)) {
			return jdbc.queryForObject("SELECT report FROM page_load_seed", String.class)
					+ "(reused from the kept data directory)\n";
		}
		long t0 = System.nanoTime();
		postTemplates();
		jdbc.execute("DROP TABLE IF EXISTS seed_template");
		jdbc.execute("""
				CREATE TABLE seed_template AS
				SELECT (row_number() OVER (ORDER BY i.id) - 1)::int AS n, i.type, i.kind, i.severity, i.message,
					i.culprit_function, i.culprit_file, i.culprit_line, i.map_related, i.fingerprint_components,
					o.text, o.finding
				FROM incident i
				JOIN LATERAL (SELECT text, finding FROM occurrence WHERE incident_id = i.id LIMIT 1) o ON true""");
		int templates = jdbc.queryForObject("SELECT count(*) FROM seed_template", Integer.class);
		jdbc.execute("TRUNCATE incident, deploy RESTART IDENTITY CASCADE");
		jdbc.execute("TRUNCATE occurrence RESTART IDENTITY");
		jdbc.execute("TRUNCATE crash_hourly");
		createMonthlyPartitions(jdbc, Instant.now().minus(Duration.ofDays(31)), Instant.now());
		jdbc.execute("SELECT setseed(0.42)");
		// 20 services, a fifth in staging; statuses 60% open, 10% acknowledged, 25%
		// resolved, 5% muted; culprits and fingerprint frames unique per incident
		jdbc.update(
				"""
						INSERT INTO incident (id, service, environment, fingerprint, type, kind, severity, status, title,
							message, culprit_function, culprit_file, culprit_line, map_related, fingerprint_components,
							first_seen, last_seen, event_count, last_version, resolved_at, muted_until)
						SELECT g, s.service, s.environment, md5('incident-' || g), t.type, t.kind, t.severity, s.status,
							t.kind || ' in ' || s.culprit, t.message, s.culprit, t.culprit_file, t.culprit_line, t.map_related,
							t.fingerprint_components || jsonb_build_array('frame:' || s.culprit),
							now(), now(), 0, '1.4.0',
							CASE WHEN s.status = 'resolved' THEN now() END,
							CASE WHEN s.status = 'muted' THEN now() + interval '7 days' END
						FROM generate_series(1, ?) g
						CROSS JOIN LATERAL (SELECT
							'svc-' || lpad((g % 20)::text, 2, '0') AS service,
							CASE WHEN g % 5 = 0 THEN 'staging' ELSE 'production' END AS environment,
							CASE WHEN g % 20 < 12 THEN 'open' WHEN g % 20 < 14 THEN 'acknowledged'
								WHEN g % 20 < 19 THEN 'resolved' ELSE 'muted' END AS status,
							'github.com/acme/svc-' || lpad((g % 20)::text, 2, '0') || '/internal/'
								|| (ARRAY['cart', 'orders', 'index', 'cache', 'billing', 'auth', 'search', 'ledger'])[g % 8 + 1]
								|| '.(*' || (ARRAY['Basket', 'Store', 'Index', 'Worker', 'Ledger', 'Session', 'Query',
									'Batch', 'Router', 'Pool', 'Queue', 'Shard'])[(g / 8) % 12 + 1]
								|| (g / 96) || ').' || (ARRAY['Add', 'Merge', 'Get', 'Flush', 'Serve', 'Apply', 'Run'])[g % 7 + 1]
								AS culprit) s
						JOIN seed_template t ON t.n = g % ?""",
				incidents, templates);
		jdbc.execute("SELECT setval('incident_id_seq', " + incidents + ")");
		step("incidents", t0);
		// occurrences skewed to low ids (a few noisy incidents) and to recent times
		jdbc.update("""
				INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
					version, instance, text, finding)
				SELECT i.id, i.service, i.environment, i.fingerprint, s.at, s.at, '1.' || (k % 5) || '.0',
					'pod-' || (k % 50), t.text, t.finding
				FROM (SELECT k, 1 + least(floor(? * power(random(), 3))::int, ? - 1) AS incident,
						now() - power(random(), 2) * interval '30 days' AS at
					FROM generate_series(1, ?) k) s
				JOIN incident i ON i.id = s.incident
				JOIN seed_template t ON t.n = i.id % ?""", incidents, incidents, occurrences, templates);
		step("occurrences", t0);
		jdbc.execute("""
				UPDATE incident i SET event_count = a.n, first_seen = a.first, last_seen = a.last,
					last_version = a.version,
					resolved_at = CASE WHEN i.status = 'resolved' THEN a.last + interval '1 hour' END
				FROM (SELECT incident_id, count(*) AS n, min(occurred_at) AS first, max(occurred_at) AS last,
						max(version) AS version FROM occurrence GROUP BY incident_id) a
				WHERE a.incident_id = i.id""");
		jdbc.execute("""
				UPDATE incident SET first_seen = now() - interval '30 days', last_seen = now() - interval '30 days'
				WHERE event_count = 0""");
		jdbc.execute("""
				INSERT INTO incident_hourly (incident_id, hour, count)
				SELECT incident_id, date_trunc('hour', occurred_at, 'UTC'), count(*) FROM occurrence GROUP BY 1, 2""");
		jdbc.execute("""
				INSERT INTO crash_hourly (service, environment, kind, hour, count)
				SELECT o.service, o.environment, i.kind, date_trunc('hour', o.occurred_at, 'UTC'), count(*)
				FROM occurrence o JOIN incident i ON i.id = o.incident_id GROUP BY 1, 2, 3, 4""");
		for (String column : List.of("version", "instance")) {
			jdbc.execute("INSERT INTO incident_" + column + " (incident_id, " + column
					+ ", count, first_seen, last_seen) " + "SELECT incident_id, " + column
					+ ", count(*), min(occurred_at), max(occurred_at) " + "FROM occurrence GROUP BY 1, 2");
		}
		jdbc.execute("""
				INSERT INTO timeline_entry (incident_id, at, type, detail)
				SELECT id, first_seen, 'first_seen', '{}'::jsonb FROM incident
				UNION ALL
				SELECT id, resolved_at, 'resolved', '{}'::jsonb FROM incident WHERE status = 'resolved'""");
		jdbc.execute(
				"""
						INSERT INTO deploy (service, environment, version, deployed_at)
						SELECT 'svc-' || lpad(s::text, 2, '0'), e, '1.4.' || d, now() - d * interval '1 day' - s * interval '37 minutes'
						FROM generate_series(0, 19) s, unnest(ARRAY['production', 'staging']) e, generate_series(0, 29) d""");
		step("rollups, timelines, deploys", t0);
		jdbc.execute("DROP TABLE seed_template");
		jdbc.execute("DELETE FROM service WHERE name = 'seed-templates'");
		jdbc.execute("VACUUM ANALYZE");
		step("vacuum", t0);
		// Measure from a checkpoint, not with the seed's gigabytes of WAL behind the last
		// one: three runs without it had the incident page at 304-394 ms p95, the run
		// with
		// it at 27.6 ms (docs/benchmarks.md, "Dashboard pages").
		jdbc.execute("CHECKPOINT");
		step("checkpoint", t0);
		double seconds = (System.nanoTime() - t0) / 1e9;
		String report = String.format(Locale.ROOT, """
				seeded in %.0f s from %d corpus templates: %,d incidents, %,d occurrences, %,d hourly rollup rows, \
				%,d deploys; database %s
				""", seconds, templates, jdbc.queryForObject("SELECT count(*) FROM incident", Long.class),
				jdbc.queryForObject("SELECT count(*) FROM occurrence", Long.class),
				jdbc.queryForObject("SELECT count(*) FROM incident_hourly", Long.class),
				jdbc.queryForObject("SELECT count(*) FROM deploy", Long.class),
				jdbc.queryForObject("SELECT pg_size_pretty(pg_database_size(current_database()))", String.class));
		jdbc.update("CREATE TABLE page_load_seed AS SELECT ?::text AS report", report);
		return report;
	}

	private static void step(String name, long t0) {
		System.out.printf(Locale.ROOT, "seeding: %s done after %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
	}

	/** Posts every corpus crash and race sample once, as one event each. */
	private void postTemplates() throws IOException, InterruptedException {
		ArrayNode events = JSON.createArrayNode();
		Path corpus = Path.of(System.getProperty("pages.corpus", "src/test/resources/corpus"));
		for (String dir : List.of("generated", "public")) {
			try (Stream<Path> files = Files.list(corpus.resolve(dir))) {
				for (Path file : files.sorted().toList()) {
					if (!file.getFileName().toString().startsWith("gctrace")) {
						ObjectNode event = events.addObject();
						event.put("service", "seed-templates");
						event.put("text", Files.readString(file, StandardCharsets.UTF_8));
					}
				}
			}
		}
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/api/v1/events"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(events.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException("posting the templates failed: " + response.body());
		}
	}

	private static void createMonthlyPartitions(JdbcTemplate jdbc, Instant from, Instant to) {
		LocalDate month = from.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
		LocalDate last = to.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
		for (; !month.isAfter(last); month = month.plusMonths(1)) {
			jdbc.execute(String.format(Locale.ROOT,
					"CREATE TABLE IF NOT EXISTS occurrence_p%s PARTITION OF occurrence "
							+ "FOR VALUES FROM ('%s 00:00:00+00') TO ('%s 00:00:00+00')",
					month.format(DateTimeFormatter.ofPattern("yyyy_MM")), month, month.plusMonths(1)));
		}
	}

	private void signIn() throws IOException, InterruptedException {
		String login = this.http
			.send(HttpRequest.newBuilder(URI.create(this.base + "/login")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = CSRF.matcher(login);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the sign-in page");
		}
		String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + location);
		}
	}

	/**
	 * The incident page when this build has it, else the JSON API's incident as a
	 * stand-in.
	 */
	private String incidentPath() throws IOException, InterruptedException {
		int status = this.http
			.send(HttpRequest.newBuilder(URI.create(this.base + "/incidents/1")).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
		if (status == 200) {
			return "/incidents/{id}";
		}
		System.out.println("GET /incidents/1 answered " + status + ": measuring /api/v1/incidents/{id} instead");
		return "/api/v1/incidents/{id}";
	}

	private String measure(Variant variant, int requests, Random ids, int incidents) throws Exception {
		Histogram server = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		Histogram client = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		long bytes = 0;
		for (int i = 0; i < requests; i++) {
			long t0 = System.nanoTime();
			Response response = get(variant.path(ids, incidents), true);
			client.recordValue(System.nanoTime() - t0);
			server.recordValue(response.serverNanos());
			bytes += response.bytes();
		}
		return String.format(Locale.ROOT, "| `%s` | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %,d |%n", variant.path,
				variant.what, ms(server.getValueAtPercentile(50)), ms(server.getValueAtPercentile(95)),
				ms(server.getValueAtPercentile(99)), ms(server.getMaxValue()), ms(client.getValueAtPercentile(95)),
				bytes / requests);
	}

	private Response get(String path, boolean timed) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60));
		if (path.startsWith("/api/")) {
			request.header("Authorization", "Bearer " + TOKEN);
		}
		if (timed) {
			request.header(BENCH_HEADER, "1");
		}
		HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode());
		}
		long serverNanos = -1;
		if (timed) {
			Long nanos = SERVER_NANOS.poll(10, TimeUnit.SECONDS);
			if (nanos == null) {
				throw new IllegalStateException("no server time recorded for " + path);
			}
			serverNanos = nanos;
		}
		return new Response(serverNanos, response.body().length);
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	private record Variant(String path, String what) {

		String path(Random ids, int incidents) {
			return this.path.replace("{id}", Integer.toString(1 + ids.nextInt(incidents)));
		}

	}

	private record Response(long serverNanos, int bytes) {

	}

}
