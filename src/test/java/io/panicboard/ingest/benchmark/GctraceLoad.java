package io.panicboard.ingest.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.panicboard.PanicboardApplication;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.TraceAnalyzer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * gctrace throughput through {@code POST /api/v1/logs} (raw text bodies of generated
 * gctrace lines in both grammars), against two baselines measured in the same run: the
 * engine alone over the same bytes (no HTTP, no database) and a raw {@code COPY} of the
 * same {@code gc_cycle} rows. Afterwards checks that {@code gc_cycle} holds exactly one
 * row per acknowledged line. See {@code docs/benchmarks.md} for the command.
 */
public final class GctraceLoad {

	private static final String TOKEN = "pbt_gctrace_" + UUID.randomUUID();

	private static final String COLUMNS = "service, environment, instance, received_at, number, at_seconds, "
			+ "cpu_percent, clock_sweep_termination_ms, clock_mark_ms, clock_mark_termination_ms, "
			+ "cpu_sweep_termination_ms, cpu_assist_ms, cpu_background_ms, cpu_idle_ms, cpu_mark_termination_ms, "
			+ "heap_before_mb, heap_after_mb, heap_live_mb, goal_mb, stacks_mb, globals_mb, procs, forced";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final AtomicLong acknowledgedLines = new AtomicLong();

	private final AtomicLong failedRequests = new AtomicLong();

	private GctraceLoad(int port) {
		this.base = "http://localhost:" + port + "/api/v1/logs";
	}

	public static void main(String[] args) throws Exception {
		int seconds = Integer.parseInt(System.getProperty("gctrace.seconds", "15"));
		int linesPerBody = Integer.parseInt(System.getProperty("gctrace.lines", "20000"));
		byte[] body = lines(linesPerBody, new Random(7)).getBytes(StandardCharsets.UTF_8);
		Path data = Files.createTempDirectory("panicboard-gctrace");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("server.port=0", "panicboard.data-dir=" + data, "panicboard.bootstrap-token=" + TOKEN,
					"logging.level.root=warn", "panicboard.security.rate-limit.enabled=false")
			.run()) {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			DataSource dataSource = app.getBean(DataSource.class);
			GctraceLoad load = new GctraceLoad(port);
			StringBuilder report = new StringBuilder();
			report.append(String.format(Locale.ROOT,
					"bodies of %d gctrace lines (%d bytes, %.0f bytes/line); "
							+ "%d s per phase; %d processors; load average at start %s%n%n",
					linesPerBody, body.length, (double) body.length / linesPerBody, seconds,
					Runtime.getRuntime().availableProcessors(), loadAverage()));
			load.closedLoop("warm-up", body, linesPerBody, 2, Math.max(5, seconds / 2));
			double engine = engineBaseline(body, linesPerBody, seconds);
			double copy = CopyFloor.rowsPerSecond(dataSource, "gc_cycle", COLUMNS, 20_000, 200_000);
			report.append("| phase | lines/s | vs engine alone | vs COPY of the rows |\n|---|---:|---:|---:|\n");
			report.append(String.format(Locale.ROOT, "| baseline: engine alone over the same bytes | %.0f | 1.00 | |%n",
					engine));
			report.append(
					String.format(Locale.ROOT, "| baseline: COPY of the same gc_cycle rows | %.0f | | 1.00 |%n", copy));
			for (int clients : new int[] { 1, 2 }) {
				double rate = load.closedLoop("POST /api/v1/logs, " + clients + " client(s)", body, linesPerBody,
						clients, seconds);
				report.append(String.format(Locale.ROOT, "| POST /api/v1/logs, %d client(s) | %.0f | %.2f | %.2f |%n",
						clients, rate, rate / engine, rate / copy));
			}
			report.append(load.verify(dataSource));
			report.append(String.format(Locale.ROOT, "load average at end %s%n", loadAverage()));
			System.out.println();
			System.out.println(report);
			Files.writeString(Path.of("target", "gctrace-load.md"), report);
		}
		finally {
			try (Stream<Path> walk = Files.walk(data)) {
				for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

	/**
	 * Realistic gctrace lines: one process's cycles, in the Go 1.18+ grammar (stacks and
	 * globals, now and then forced) and, for every fourth body line, the pre-1.18 one.
	 */
	static String lines(int count, Random random) {
		StringBuilder out = new StringBuilder(count * 140);
		double at = 0.001;
		long heap = 4;
		for (int n = 1; n <= count; n++) {
			at += random.nextDouble() * 2;
			long before = heap + random.nextInt(20);
			long after = before + random.nextInt(4);
			long live = Math.max(1, before / 2 + random.nextInt(3));
			heap = live;
			out.append("gc ").append(n).append(" @").append(String.format(Locale.ROOT, "%.3f", at)).append("s ");
			out.append(random.nextInt(12)).append("%: ");
			out.append(ms(random, 0.2)).append('+').append(ms(random, 30)).append('+').append(ms(random, 0.3));
			out.append(" ms clock, ").append(ms(random, 0.5)).append('+').append(ms(random, 3)).append('/');
			out.append(ms(random, 20)).append('/').append(ms(random, 10)).append('+').append(ms(random, 1));
			out.append(" ms cpu, ").append(before).append("->").append(after).append("->").append(live);
			out.append(" MB, ").append(live * 2).append(" MB goal, ");
			if (n % 4 != 0) {
				out.append(random.nextInt(3)).append(" MB stacks, ").append(random.nextInt(2)).append(" MB globals, ");
			}
			out.append((n % 4 != 0) ? 8 : 40).append(" P");
			out.append((random.nextInt(50) == 0) ? " (forced)\n" : "\n");
		}
		return out.toString();
	}

	private static String ms(Random random, double scale) {
		double value = random.nextDouble() * scale;
		return (value < 1) ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	/** The engine alone, single-threaded, over the same bytes. */
	private static double engineBaseline(byte[] body, int linesPerBody, int seconds) {
		TraceAnalyzer analyzer = new TraceAnalyzer();
		long lines = 0;
		long gc = 0;
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long started = System.nanoTime();
		AtomicLong found = new AtomicLong();
		while (System.nanoTime() < end) {
			analyzer.analyze(new ByteArrayInputStream(body), (finding) -> {
				if (finding.type() == FindingType.GC) {
					found.incrementAndGet();
				}
			});
			lines += linesPerBody;
		}
		gc = found.get();
		double elapsed = (System.nanoTime() - started) / 1e9;
		if (gc != lines) {
			throw new IllegalStateException("the engine found " + gc + " cycles in " + lines + " lines");
		}
		System.out.printf(Locale.ROOT, "engine: %d lines in %.1f s%n", lines, elapsed);
		return lines / elapsed;
	}

	/** Clients each posting the body again as soon as the last post answered. */
	private double closedLoop(String name, byte[] body, int linesPerBody, int clients, int seconds)
			throws InterruptedException {
		AtomicLong lines = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long started = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			String instance = "pod-" + c;
			pool.execute(() -> {
				while (System.nanoTime() < end) {
					if (post(body, instance)) {
						lines.addAndGet(linesPerBody);
						this.acknowledgedLines.addAndGet(linesPerBody);
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
		double elapsed = (System.nanoTime() - started) / 1e9;
		System.out.printf(Locale.ROOT, "%s: %d lines in %.1f s%n", name, lines.get(), elapsed);
		return lines.get() / elapsed;
	}

	private boolean post(byte[] body, String instance) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.base + "?service=gctrace-load&instance=" + instance + "&final=true"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "text/plain")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 202) {
				this.failedRequests.incrementAndGet();
				System.out.println(response.statusCode() + " " + response.body());
				return false;
			}
			return true;
		}
		catch (IOException ex) {
			this.failedRequests.incrementAndGet();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private String verify(DataSource dataSource) {
		Long stored = new JdbcTemplate(dataSource)
			.queryForObject("SELECT count(*) FROM gc_cycle WHERE service = 'gctrace-load'", Long.class);
		return String.format(Locale.ROOT,
				"%nacknowledged lines: %d, stored gc_cycle rows: %d; failed requests: %d; %s%n",
				this.acknowledgedLines.get(), stored, this.failedRequests.get(),
				(stored == this.acknowledgedLines.get()) ? "EXACT" : "MISMATCH");
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
