package io.panicboard.review.benchmark;

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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.panicboard.PanicboardApplication;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.HdrHistogram.Histogram;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Speed of the weekly review: seeds 52 weeks of 50 services (incidents, hourly rollups
 * per incident and per service and kind, instances, timelines, decisions) into
 * panicboard's embedded PostgreSQL, signs in and measures the server time of the report
 * page and its exports. See {@code docs/benchmarks.md}.
 */
public final class ReviewLoad {

	private static final String PASSWORD = "review-load-benchmark-password";

	private static final String TOKEN = "pbt_review_load_benchmark_token";

	private static final String BENCH_HEADER = "X-Review-Load";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final BlockingQueue<Long> SERVER_NANOS = new LinkedBlockingQueue<>();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private ReviewLoad(int port) {
		this.base = "http://localhost:" + port;
	}

	public static void main(String[] args) throws Exception {
		int services = Integer.getInteger("review.services", 50);
		int incidentsPerService = Integer.getInteger("review.incidentsPerService", 60);
		int weeks = Integer.getInteger("review.weeks", 52);
		int requests = Integer.getInteger("review.requests", 100);
		int warmup = Integer.getInteger("review.warmup", 20);
		String keep = System.getProperty("review.dataDir", "");
		Path data = keep.isBlank() ? Files.createTempDirectory("panicboard-review") : Path.of(keep);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("server.port=0", "panicboard.data-dir=" + data, "panicboard.bootstrap-token=" + TOKEN,
					"panicboard.admin-password=" + PASSWORD, "logging.level.root=warn",
					"panicboard.security.rate-limit.enabled=false")
			.initializers(timingFilter())
			.run()) {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
			ReviewLoad load = new ReviewLoad(port);
			LocalDate lastMonday = LocalDate.now(ZoneOffset.UTC)
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
				.minusWeeks(1);
			Instant end = lastMonday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			StringBuilder report = new StringBuilder();
			report.append(seed(jdbc, services, incidentsPerService, weeks, end));
			load.signIn();
			String middle = week(lastMonday.minusWeeks(weeks / 2));
			List<String[]> variants = List.of(new String[] { "/reports/weekly", "page, last week, all services" },
					new String[] { "/reports/weekly?week=" + middle, "page, a week half a year back" },
					new String[] { "/reports/weekly?team=team-3", "page, one team (5 services)" },
					new String[] { "/reports/weekly?service=rv-07", "page, one service" },
					new String[] { "/api/v1/reports/weekly?format=json", "JSON export, all services" },
					new String[] { "/api/v1/reports/weekly?format=csv", "CSV export, all services" },
					new String[] { "/api/v1/reports/weekly?format=md", "Markdown export, all services" });
			for (int i = 0; i < warmup; i++) {
				for (String[] variant : variants) {
					load.get(variant[0], false);
				}
			}
			report.append(String.format(Locale.ROOT,
					"%nwarm-up: %d rounds of every request; then %d requests per row, one at a time%n%n", warmup,
					requests));
			report.append("| request | what | server p50 ms | p95 ms | p99 ms | max ms | bytes |\n");
			report.append("|---|---|---:|---:|---:|---:|---:|\n");
			for (String[] variant : variants) {
				report.append(load.measure(variant[0], variant[1], requests));
			}
			report.append(String.format(Locale.ROOT, "%nload average after the run: %s%n", loadAverage()));
			System.out.println();
			System.out.println(report);
			Files.createDirectories(Path.of("target"));
			Files.writeString(Path.of("target", "review-load.md"), report);
		}
		finally {
			if (keep.isBlank()) {
				deleteRecursively(data);
			}
		}
	}

	private static String week(LocalDate monday) {
		return String.format(Locale.ROOT, "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
				monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	private static ApplicationContextInitializer<GenericApplicationContext> timingFilter() {
		Filter filter = (request, response, chain) -> {
			long t0 = System.nanoTime();
			try {
				chain.doFilter(request, response);
				response.flushBuffer();
			}
			finally {
				if (((HttpServletRequest) request).getHeader(BENCH_HEADER) != null) {
					SERVER_NANOS.add(System.nanoTime() - t0);
				}
			}
		};
		return (context) -> context.registerBean("reviewLoadTimingFilter", FilterRegistrationBean.class, () -> {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		});
	}

	/**
	 * Seeds the data unless a kept data directory already holds it. All in SQL with a
	 * fixed random seed; the rollups per service and kind are the sums of those per
	 * incident, as ingestion keeps them.
	 */
	private static String seed(JdbcTemplate jdbc, int services, int perService, int weeks, Instant end) {
		if (jdbc.queryForObject("SELECT to_regclass('review_load_seed') IS NOT NULL", Boolean.class)) {
			return jdbc.queryForObject("SELECT report FROM review_load_seed", String.class)
					+ "(reused from the kept data directory)\n";
		}
		long t0 = System.nanoTime();
		Instant start = end.minus(Duration.ofDays(7L * weeks));
		int incidents = services * perService;
		jdbc.execute("SELECT setseed(0.52)");
		jdbc.update("INSERT INTO service (name, team) SELECT 'rv-' || lpad(s::text, 2, '0'), 'team-' || (s % 10) "
				+ "FROM generate_series(0, ?) s ON CONFLICT (name) DO NOTHING", services - 1);
		// kinds in turn; a fifth outside production (staging, ci); culprits shared by
		// several incidents and services so that hotspots aggregate
		jdbc.update(
				"""
						INSERT INTO incident (service, environment, fingerprint, type, kind, severity, status, title,
							culprit_function, culprit_file, map_related, first_seen, last_seen)
						SELECT 'rv-' || lpad((g % ?)::text, 2, '0'),
							CASE g % 10 WHEN 0 THEN 'staging' WHEN 1 THEN 'ci' ELSE 'production' END,
							md5('review-load-' || g), CASE WHEN k.kind = 'data_race' THEN 'race'
								WHEN k.kind IN ('concurrent_map_writes', 'concurrent_map_read_write', 'out_of_memory') THEN 'fatal'
								ELSE 'panic' END,
							k.kind, 'high', 'open', k.kind || ' in github.com/acme/rv/pkg' || (g % 37) || '.F' || (g % 13),
							'github.com/acme/rv/pkg' || (g % 37) || '.F' || (g % 13), 'pkg' || (g % 37) || '/f.go',
							k.kind LIKE '%map%' OR (k.kind = 'data_race' AND g % 2 = 0), f.at, f.at
						FROM generate_series(1, ?) g
						CROSS JOIN LATERAL (SELECT (ARRAY['nil_map_write', 'concurrent_map_writes', 'concurrent_map_read_write',
							'nil_pointer_dereference', 'data_race', 'out_of_memory', 'index_out_of_range', 'user_panic'])[1 + g % 8]
							AS kind) k
						CROSS JOIN LATERAL (SELECT ?::timestamptz + random() * (?::timestamptz - ?::timestamptz) AS at
							WHERE g > 0) f""",
				services, incidents, start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC),
				start.atOffset(ZoneOffset.UTC));
		// crashes every 6 hours from first seen for up to 20 weeks, 1 to 5 per hour
		jdbc.update("""
				INSERT INTO incident_hourly (incident_id, hour, count)
				SELECT i.id, h, 1 + floor(random() * 5)::int
				FROM incident i
				CROSS JOIN LATERAL generate_series(date_trunc('hour', i.first_seen),
					least(i.first_seen + random() * interval '140 days', ?::timestamptz - interval '1 hour'),
					interval '6 hours') h
				WHERE i.service LIKE 'rv-%'""", end.atOffset(ZoneOffset.UTC));
		jdbc.execute(
				"""
						INSERT INTO crash_hourly (service, environment, kind, hour, count)
						SELECT i.service, i.environment, i.kind, h.hour, sum(h.count)
						FROM incident_hourly h JOIN incident i ON i.id = h.incident_id
						WHERE i.service LIKE 'rv-%' GROUP BY 1, 2, 3, 4
						ON CONFLICT (service, environment, kind, hour) DO UPDATE SET count = crash_hourly.count + EXCLUDED.count""");
		jdbc.execute("""
				UPDATE incident i SET last_seen = s.last, event_count = s.n
				FROM (SELECT incident_id, max(hour) AS last, sum(count) AS n FROM incident_hourly GROUP BY 1) s
				WHERE s.incident_id = i.id AND i.service LIKE 'rv-%'""");
		jdbc.execute("""
				INSERT INTO incident_version_instance (incident_id, version, instance, count, first_seen, last_seen)
				SELECT i.id, '', 'pod-' || n, 1, i.first_seen, i.first_seen + random() * (i.last_seen - i.first_seen)
				FROM incident i CROSS JOIN generate_series(1, 1 + (i.id % 8)::int) n WHERE i.service LIKE 'rv-%'""");
		jdbc.execute("""
				INSERT INTO timeline_entry (incident_id, at, type) SELECT id, first_seen, 'first_seen'
				FROM incident WHERE service LIKE 'rv-%'""");
		jdbc.execute("""
				INSERT INTO timeline_entry (incident_id, at, type, actor)
				SELECT id, first_seen + random() * interval '48 hours', 'acknowledged', 'oncall'
				FROM incident WHERE service LIKE 'rv-%' AND id % 10 < 6""");
		jdbc.execute(
				"""
						WITH r AS (UPDATE incident SET status = 'resolved',
								resolved_at = last_seen + random() * interval '3 days'
							WHERE service LIKE 'rv-%' AND id % 2 = 0 RETURNING id, resolved_at)
						INSERT INTO timeline_entry (incident_id, at, type, actor) SELECT id, resolved_at, 'resolved', 'oncall' FROM r""");
		jdbc.execute("""
				WITH g AS (UPDATE incident SET status = 'open'
					WHERE service LIKE 'rv-%' AND id % 10 = 4 RETURNING id, resolved_at)
				INSERT INTO timeline_entry (incident_id, at, type)
				SELECT id, resolved_at + random() * interval '14 days', 'regression' FROM g""");
		jdbc.execute("""
				INSERT INTO incident_decision (incident_id, decision, owner, due_date, ticket_url, reason, decided_by,
					decided_at)
				SELECT id, CASE WHEN id % 100 < 4 THEN 'tech_debt' ELSE 'wont_fix' END,
					CASE WHEN id % 100 < 4 THEN 'owner-' || (id % 7) END,
					CASE WHEN id % 100 < 4 THEN (first_seen + interval '30 days')::date END,
					CASE WHEN id % 100 < 4 THEN 'https://tickets.example/RV-' || id END,
					CASE WHEN id % 100 >= 4 THEN 'accepted risk' END, 'lead', first_seen + interval '7 days'
				FROM incident WHERE service LIKE 'rv-%' AND id % 100 < 5""");
		jdbc.execute("VACUUM ANALYZE");
		String counts = jdbc.queryForObject(
				"""
						SELECT format('%s services, %s incidents, %s incident_hourly rows, %s crash_hourly rows, %s instances, '
							|| '%s timeline entries, %s decisions, %s crashes',
							(SELECT count(*) FROM service WHERE name LIKE 'rv-%'),
							(SELECT count(*) FROM incident WHERE service LIKE 'rv-%'),
							(SELECT count(*) FROM incident_hourly h JOIN incident i ON i.id = h.incident_id WHERE i.service LIKE 'rv-%'),
							(SELECT count(*) FROM crash_hourly WHERE service LIKE 'rv-%'),
							(SELECT count(*) FROM incident_version_instance v JOIN incident i ON i.id = v.incident_id WHERE i.service LIKE 'rv-%'),
							(SELECT count(*) FROM timeline_entry t JOIN incident i ON i.id = t.incident_id WHERE i.service LIKE 'rv-%'),
							(SELECT count(*) FROM incident_decision),
							(SELECT sum(count) FROM crash_hourly WHERE service LIKE 'rv-%'))""",
				String.class);
		String seeded = String.format(Locale.ROOT, "seed: %d weeks up to %s: %s (%.0f s)%n", weeks, end, counts,
				(System.nanoTime() - t0) / 1e9);
		jdbc.execute("CREATE TABLE review_load_seed (report text)");
		jdbc.update("INSERT INTO review_load_seed VALUES (?)", seeded);
		return seeded;
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

	private String measure(String path, String what, int requests) throws Exception {
		Histogram server = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		long bytes = 0;
		for (int i = 0; i < requests; i++) {
			long[] response = get(path, true);
			server.recordValue(response[0]);
			bytes += response[1];
		}
		return String.format(Locale.ROOT, "| `%s` | %s | %.1f | %.1f | %.1f | %.1f | %,d |%n", path, what,
				ms(server.getValueAtPercentile(50)), ms(server.getValueAtPercentile(95)),
				ms(server.getValueAtPercentile(99)), ms(server.getMaxValue()), bytes / requests);
	}

	private long[] get(String path, boolean timed) throws IOException, InterruptedException {
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
		return new long[] { serverNanos, response.body().length };
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

}
