package io.panicboard.ingest.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.panicboard.PanicboardApplication;
import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.TraceAnalyzer;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Load generator for the ingestion path: starts panicboard (embedded PostgreSQL with its
 * production durability settings, in a temporary data directory), replays corpus traces
 * against {@code POST /api/v1/events}, measures the floor (a raw {@code COPY} of the same
 * occurrence rows) in the same run, and checks afterwards that the database holds exactly
 * what was acknowledged. See {@code docs/benchmarks.md} for the command.
 */
public final class IngestLoad {

	/** Every column of {@code occurrence} but its generated id. */
	private static final String FLOOR_COLUMNS = "incident_id, service, environment, fingerprint, received_at, "
			+ "occurred_at, version, instance, event_id, text, finding";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Named so that {@link CpuAccounting} counts them as the load generator's. */
	private static final ThreadFactory CLIENT_THREADS = new ThreadFactory() {

		private final AtomicInteger next = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			return new Thread(task, "load-client-" + this.next.getAndIncrement());
		}

	};

	private static final String TOKEN = "pbt_load_" + UUID.randomUUID();

	/**
	 * Blocking HTTP/1.1 with kept-alive pooled connections: a client thread sends and
	 * reads itself, without the hand-offs of the JDK's asynchronous client, which took
	 * about a sixth of the machine at 2,000 requests/s.
	 */
	private final CloseableHttpClient http = HttpClients.custom()
		.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(256)
			.setMaxConnPerRoute(256)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.ofSeconds(5))
				.setSocketTimeout(Timeout.ofSeconds(30))
				.build())
			.build())
		.disableAutomaticRetries()
		.build();

	private final List<String> traces;

	/** The traces as JSON string literals, escaped once rather than for every request. */
	private final List<String> quotedTraces = new ArrayList<>();

	private final List<Integer> occurrencesPerTrace = new ArrayList<>();

	private final URI events;

	private final AtomicLong acknowledgedEvents = new AtomicLong();

	private final AtomicLong expectedOccurrences = new AtomicLong();

	private final AtomicLong failedRequests = new AtomicLong();

	private IngestLoad(List<String> traces, int port) {
		this.traces = traces;
		this.events = URI.create("http://localhost:" + port + "/api/v1/events");
		TraceAnalyzer analyzer = new TraceAnalyzer();
		for (String trace : traces) {
			this.quotedTraces.add(JSON.writeValueAsString(trace));
			List<Finding> findings = analyzer.analyze(trace);
			this.occurrencesPerTrace.add((int) findings.stream().filter((f) -> f.type() != FindingType.GC).count());
		}
	}

	public static void main(String[] args) throws Exception {
		int seconds = Integer.parseInt(System.getProperty("load.seconds", "20"));
		int warmup = Integer.parseInt(System.getProperty("load.warmup", "30"));
		int batchClients = Integer.parseInt(System.getProperty("load.batchClients", "16"));
		int singleClients = Integer.parseInt(System.getProperty("load.singleClients", "64"));
		Path data = Files.createTempDirectory("panicboard-load");
		List<String> traces = corpusTraces(Path.of(System.getProperty("load.corpus", "src/test/resources/corpus")));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("server.port=0", "panicboard.data-dir=" + data, "panicboard.bootstrap-token=" + TOKEN,
					"logging.level.root=warn", "panicboard.security.rate-limit.enabled=false")
			// the test classpath's application.properties turns these off for the tests,
			// and
			// it wins over the defaults above; the benchmark runs the application as
			// deployed
			.run("--panicboard.alerts.evaluation-enabled=true", "--panicboard.alerts.sender.enabled=true")) {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			DataSource dataSource = app.getBean(DataSource.class);
			IngestLoad load = new IngestLoad(traces, port);
			StringBuilder report = new StringBuilder();
			report.append(String.format(Locale.ROOT,
					"corpus traces: %d, mean %d bytes; %d s per phase, %d s per warm-up phase%n%n", traces.size(),
					traces.stream().mapToInt(String::length).sum() / traces.size(), seconds, warmup));
			// warm both request shapes up, so the JIT has compiled what the phases
			// measure
			load.closedLoop("warm-up (batches of 100)", 100, batchClients, warmup);
			load.closedLoop("warm-up (single events)", 1, singleClients, warmup);
			double floor = CopyFloor.bestOfThree(dataSource, "occurrence", FLOOR_COLUMNS, 2_000, 50_000);
			report.append(String.format(Locale.ROOT,
					"| phase | events/s | occurrence rows/s | rows vs floor | p50 ms | p99 ms | max ms | "
							+ "cores: app | load generator | JVM GC + JIT | PostgreSQL | whole machine |%n"));
			report.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			report.append(String.format(Locale.ROOT,
					"| floor: COPY of the same occurrence rows | | %.0f | 1.00 | | | | | | | | |%n", floor));
			Result batched = load.closedLoop("batches of 100 events, " + batchClients + " clients", 100, batchClients,
					seconds);
			report.append(batched.row(floor));
			Result single = load.closedLoop("single events, " + singleClients + " clients", 1, singleClients, seconds);
			report.append(single.row(floor));
			Result paced = load.openLoop("single events at 1,000/s", 1_000, seconds, dataSource);
			report.append(paced.row(floor));
			report.append(load.verify(dataSource));
			report.append(writeStatistics(dataSource));
			System.out.println();
			System.out.println(report);
			Files.writeString(Path.of("target", "ingest-load.md"), report);
		}
		finally {
			deleteRecursively(data);
		}
	}

	/** Corpus crash and race samples (gctrace-only samples are left out). */
	private static List<String> corpusTraces(Path corpus) throws IOException {
		List<String> traces = new ArrayList<>();
		for (String dir : List.of("generated", "public")) {
			try (Stream<Path> files = Files.list(corpus.resolve(dir))) {
				for (Path file : files.sorted().toList()) {
					if (!file.getFileName().toString().startsWith("gctrace")) {
						traces.add(Files.readString(file, StandardCharsets.UTF_8));
					}
				}
			}
		}
		return traces;
	}

	/**
	 * A phase where each client sends its next request as soon as the last one answered.
	 */
	private Result closedLoop(String name, int batch, int clients, int seconds) throws InterruptedException {
		Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
		AtomicLong events = new AtomicLong();
		AtomicLong rows = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(clients, CLIENT_THREADS);
		Map<String, Double> cpu = CpuAccounting.snapshot();
		long started = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			Random random = new Random(c);
			pool.execute(() -> {
				while (System.nanoTime() < end) {
					long t0 = System.nanoTime();
					Sent sent = send(batch, random);
					synchronized (latency) {
						latency.recordValue(Math.min(System.nanoTime() - t0, latency.getHighestTrackableValue()));
					}
					events.addAndGet(sent.events());
					rows.addAndGet(sent.occurrences());
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
		double elapsed = (System.nanoTime() - started) / 1e9;
		System.out.printf(Locale.ROOT, "%s: %d events in %.1f s%n", name, events.get(), elapsed);
		return new Result(name, events.get() / elapsed, rows.get() / elapsed, latency,
				CpuAccounting.cores(cpu, CpuAccounting.snapshot(), elapsed));
	}

	/**
	 * A phase at a fixed rate; latency is measured from each request's intended start, so
	 * a stall is not hidden (no coordinated omission).
	 */
	private Result openLoop(String name, int perSecond, int seconds, DataSource dataSource)
			throws InterruptedException {
		Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
		AtomicLong events = new AtomicLong();
		AtomicLong rows = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(64, CLIENT_THREADS);
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
		Map<String, Double> cpu = CpuAccounting.snapshot();
		long started = System.nanoTime();
		long total = (long) perSecond * seconds;
		// the slowest request of each second (by intended start): one stall or many
		long[] worstPerSecond = new long[seconds];
		// and what PostgreSQL's background workers were doing in that second
		List<Set<String>> maintenance = new ArrayList<>();
		for (int i = 0; i < seconds; i++) {
			maintenance.add(new ConcurrentSkipListSet<>());
		}
		Thread sampler = new Thread(() -> sampleMaintenance(dataSource, maintenance, System.nanoTime()),
				"load-sampler");
		sampler.start();
		Random random = new Random(42);
		for (long i = 0; i < total; i++) {
			long intended = started + i * intervalNanos;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			long seed = random.nextLong();
			pool.execute(() -> {
				Sent sent = send(1, new Random(seed));
				long took = Math.min(System.nanoTime() - intended, latency.getHighestTrackableValue());
				int second = (int) Math.min(seconds - 1, (intended - started) / 1_000_000_000L);
				synchronized (latency) {
					latency.recordValue(took);
					worstPerSecond[second] = Math.max(worstPerSecond[second], took);
				}
				events.addAndGet(sent.events());
				rows.addAndGet(sent.occurrences());
			});
		}
		pool.shutdown();
		pool.awaitTermination(60, TimeUnit.SECONDS);
		sampler.interrupt();
		sampler.join();
		double elapsed = (System.nanoTime() - started) / 1e9;
		for (int i = 0; i < seconds; i++) {
			if (!maintenance.get(i).isEmpty()) {
				System.out.printf(Locale.ROOT, "  second %d (slowest %d ms): %s%n", i, worstPerSecond[i] / 1_000_000,
						String.join(", ", maintenance.get(i)));
			}
		}
		System.out.printf(Locale.ROOT, "%s: %d events in %.1f s; slowest request of each second (ms): %s%n", name,
				events.get(), elapsed,
				Arrays.stream(worstPerSecond)
					.mapToObj((nanos) -> Long.toString(nanos / 1_000_000))
					.collect(Collectors.joining(" ")));
		return new Result(name, events.get() / elapsed, rows.get() / elapsed, latency,
				CpuAccounting.cores(cpu, CpuAccounting.snapshot(), elapsed));
	}

	/**
	 * Every 100 ms until interrupted: the tables autovacuum is working on, and whether a
	 * checkpoint is running, by second of the phase.
	 */
	private static void sampleMaintenance(DataSource dataSource, List<Set<String>> bySecond, long started) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		while (!Thread.currentThread().isInterrupted()) {
			int second = (int) ((System.nanoTime() - started) / 1_000_000_000L);
			if (second >= bySecond.size()) {
				return;
			}
			try {
				jdbc.query(
						"""
								SELECT 'autovacuum ' || p.relid::regclass || ' (' || p.phase || ')'
								FROM pg_stat_progress_vacuum p
								UNION ALL
								SELECT 'checkpoint (' || coalesce(wait_event, 'running') || ')' FROM pg_stat_activity
								WHERE backend_type = 'checkpointer' AND wait_event IS DISTINCT FROM 'CheckpointerMain'
								UNION ALL
								SELECT 'statement running over 200 ms: ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 60)
								FROM pg_stat_activity
								WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
									AND now() - query_start > interval '200 milliseconds'""",
						(ResultSet rs) -> {
							bySecond.get(second).add(rs.getString(1));
						});
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				bySecond.get(second).add("sampling failed: " + ex.getMessage());
			}
		}
	}

	/** Sends one request; returns what the server acknowledged. */
	private Sent send(int batch, Random random) {
		// built as text: the generator should spend its CPU on sending, not on a JSON
		// tree
		StringBuilder body = new StringBuilder((batch == 1) ? 2_048 : batch * 2_048).append((batch == 1) ? "" : "[");
		int expected = 0;
		for (int i = 0; i < batch; i++) {
			int pick = random.nextInt(this.traces.size());
			body.append((i > 0) ? "," : "")
				.append("{\"eventId\":\"")
				.append(UUID.randomUUID())
				.append("\",\"service\":\"svc-")
				.append(random.nextInt(20))
				.append("\",\"environment\":\"production\",\"version\":\"1.")
				.append(random.nextInt(5))
				.append(".0\",\"instance\":\"pod-")
				.append(random.nextInt(50))
				.append("\",\"timestamp\":\"")
				.append(Instant.now())
				.append("\",\"text\":")
				.append(this.quotedTraces.get(pick))
				.append('}');
			expected += this.occurrencesPerTrace.get(pick);
		}
		byte[] payload = body.append((batch == 1) ? "" : "]").toString().getBytes(StandardCharsets.UTF_8);
		HttpPost request = new HttpPost(this.events);
		request.setHeader("Authorization", "Bearer " + TOKEN);
		request.setEntity(new ByteArrayEntity(payload, ContentType.APPLICATION_JSON));
		try {
			Answer response = this.http.execute(request,
					(answer) -> new Answer(answer.getCode(), EntityUtils.toString(answer.getEntity())));
			if (response.status() != 202) {
				this.failedRequests.incrementAndGet();
				return Sent.NOTHING;
			}
			int accepted = JSON.readTree(response.body()).get("accepted").asInt();
			this.acknowledgedEvents.addAndGet(accepted);
			if (accepted != batch) {
				throw new IllegalStateException("a fresh event id was not accepted: " + response.body());
			}
			this.expectedOccurrences.addAndGet(expected);
			return new Sent(accepted, expected);
		}
		catch (IOException ex) {
			this.failedRequests.incrementAndGet();
			return Sent.NOTHING;
		}
	}

	private String verify(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Long storedEvents = jdbc.queryForObject("SELECT count(*) FROM ingested_event", Long.class);
		Long storedOccurrences = jdbc.queryForObject("SELECT count(*) FROM occurrence", Long.class);
		Long incidentCount = jdbc.queryForObject("SELECT coalesce(sum(event_count), 0) FROM incident", Long.class);
		return String.format(Locale.ROOT,
				"%nacknowledged events: %d, stored events: %d; expected occurrences: %d, stored: %d, "
						+ "sum of incident counts: %d; failed requests: %d; %s%n",
				this.acknowledgedEvents.get(), storedEvents, this.expectedOccurrences.get(), storedOccurrences,
				incidentCount, this.failedRequests.get(),
				(storedEvents == this.acknowledgedEvents.get() && storedOccurrences == this.expectedOccurrences.get()
						&& incidentCount.longValue() == storedOccurrences.longValue()) ? "EXACT" : "MISMATCH");
	}

	/**
	 * How PostgreSQL wrote the run: per table, the rows updated and how many of those
	 * were heap-only (HOT: no index entries added); checkpoints and WAL volume.
	 */
	private static String writeStatistics(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
				"%n| table | rows inserted | rows updated | of those HOT | autovacuum runs | autoanalyze runs |%n"
						+ "|---|---:|---:|---:|---:|---:|%n"));
		jdbc.query("""
				SELECT relname, sum(n_tup_ins) AS ins, sum(n_tup_upd) AS upd, sum(n_tup_hot_upd) AS hot,
					sum(autovacuum_count) AS vacuums, sum(autoanalyze_count) AS analyzes
				FROM pg_stat_user_tables
				WHERE relname IN ('incident', 'incident_hourly', 'incident_minute', 'incident_version_instance',
					'crash_hourly', 'ingested_event', 'alert') OR relname LIKE 'occurrence%'
				GROUP BY relname ORDER BY relname""", (ResultSet rs) -> {
			text.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", rs.getString(1), rs.getLong(2),
					rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
		});
		text.append(jdbc.queryForObject("""
				SELECT format(E'\ncheckpoints: %s timed, %s requested; write %s s, sync %s s; WAL written: %s; '
					'deadlocks: %s\n',
					c.num_timed, c.num_requested, round(c.write_time::numeric / 1000, 1),
					round(c.sync_time::numeric / 1000, 1), pg_size_pretty(w.wal_bytes), d.deadlocks)
				FROM pg_stat_checkpointer c, pg_stat_wal w, pg_stat_database d
				WHERE d.datname = current_database()""", String.class));
		return text.toString();
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	private record Answer(int status, String body) {
	}

	private record Sent(int events, int occurrences) {

		static final Sent NOTHING = new Sent(0, 0);

	}

	private record Result(String name, double eventsPerSecond, double rowsPerSecond, Histogram latency,
			Map<String, Double> cores) {

		String row(double floor) {
			return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.1f | %.1f | %.1f |%s%n", this.name,
					this.eventsPerSecond, this.rowsPerSecond, this.rowsPerSecond / floor,
					this.latency.getValueAtPercentile(50) / 1e6, this.latency.getValueAtPercentile(99) / 1e6,
					this.latency.getMaxValue() / 1e6, CpuAccounting.format(this.cores));
		}

	}

}
