package io.panicboard.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.panicboard.PanicboardApplication;
import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.TraceAnalyzer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load and fault harness (docs/reliability.md): runs panicboard as a separate process on
 * a PostgreSQL the harness owns, drives it at a fixed rate with mixed input (crash and
 * race traces, gctrace lines, expvar samples), injects one fault, and checks afterwards
 * that every event that received a 202 is stored exactly once.
 * <p>
 * Scenarios ({@code -Dreliability.scenario}):
 * <ul>
 * <li>{@code sustained}: load only; heap and latency sampled every 10 s;</li>
 * <li>{@code kill}: {@code kill -9} of the application in the middle of the run, then a
 * restart on the same database;</li>
 * <li>{@code db-restart}: PostgreSQL stopped in the middle of the run for
 * {@code reliability.outage} and started again; answers during the outage and the time to
 * the first 202 after its return are recorded;</li>
 * <li>{@code slow-receivers}: half-way, a webhook channel to a server that accepts
 * connections and never answers and an Alertmanager channel to an address that cannot be
 * reached are added, and new alerts start to fire every second; ingestion latency and the
 * alert evaluations' durations are compared before and after.</li>
 * </ul>
 */
public final class ReliabilityHarness {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern HEAP = Pattern.compile("^jvm_memory_bytes_used\\{area=\"heap\",?}\\s+(\\S+)$",
			Pattern.MULTILINE);

	private final String token = "pbt_reliability_" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<String> texts;

	private final List<Integer> occurrencesPerText;

	private final int appPort;

	private final int dbPort;

	private final Path dataDirectory;

	private final Path logDirectory;

	/** Acknowledged event id → occurrences its text holds. */
	private final ConcurrentMap<String, Integer> acknowledged = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AtomicLong> answers = new ConcurrentHashMap<>();

	private final AtomicLong missingRetryAfter = new AtomicLong();

	private final AtomicReference<Instant> firstAcceptedAfter = new AtomicReference<>();

	private volatile Instant watchAcceptedFrom;

	/**
	 * From when on one event in 50 is for a new service (one per second), so that new
	 * alerts keep firing; {@code null} before.
	 */
	private volatile Instant burstFrom;

	private final List<java.net.Socket> hangingConnections = java.util.Collections.synchronizedList(new ArrayList<>());

	/**
	 * When the load stops; a restart after a kill moves it, so load runs on both sides.
	 */
	private volatile Instant stopAt;

	private final List<String> samples = new ArrayList<>();

	private Process app;

	private EmbeddedPostgres postgres;

	private ReliabilityHarness(List<String> texts, Path work) throws IOException {
		this.texts = texts;
		TraceAnalyzer analyzer = new TraceAnalyzer();
		this.occurrencesPerText = texts.stream()
			.map((text) -> (int) analyzer.analyze(text)
				.stream()
				.map(Finding::type)
				.filter((type) -> type != FindingType.GC)
				.count())
			.toList();
		this.appPort = freePort();
		this.dbPort = freePort();
		this.dataDirectory = work.resolve("postgres");
		this.logDirectory = work;
	}

	public static void main(String[] args) throws Exception {
		String scenario = System.getProperty("reliability.scenario", "kill");
		Duration duration = Duration.parse(System.getProperty("reliability.duration", "PT2M"));
		int rate = Integer.parseInt(System.getProperty("reliability.rate", "1000"));
		Duration outage = Duration.parse(System.getProperty("reliability.outage", "PT20S"));
		Path work = Files.createTempDirectory("panicboard-reliability");
		ReliabilityHarness harness = new ReliabilityHarness(
				texts(Path.of(System.getProperty("reliability.corpus", "src/test/resources/corpus"))), work);
		String report;
		try {
			report = harness.run(scenario, duration, rate, outage);
		}
		finally {
			harness.shutdown();
		}
		System.out.println();
		System.out.println(report);
		Path out = Path.of("target", "reliability-" + scenario + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println("Report: " + out.toAbsolutePath() + "; application logs in " + work + ", PostgreSQL's in "
				+ work.resolve("postgres").resolve("log"));
	}

	private String run(String scenario, Duration duration, int rate, Duration outage) throws Exception {
		startPostgres();
		startApp();
		Instant start = Instant.now();
		this.stopAt = start.plus(duration);
		Instant faultAt = start.plus(duration.dividedBy(2));
		Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		Histogram before = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		Map<Long, Histogram> latencyPerMinute = new ConcurrentHashMap<>();
		Thread load = new Thread(() -> drive(rate, latency, latencyPerMinute, start), "load");
		load.start();
		Thread sampler = new Thread(this::sample, "sampler");
		sampler.setDaemon(true);
		sampler.start();
		String fault = switch (scenario) {
			case "sustained" -> "none";
			case "kill" -> kill(faultAt, duration.dividedBy(2));
			case "db-restart" -> restartDatabase(faultAt, outage);
			case "slow-receivers" -> slowReceivers(faultAt, start, latency, before);
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		};
		load.join();
		sampler.interrupt();
		if (scenario.equals("slow-receivers")) {
			fault += receiversReport(faultAt, latency);
		}
		// every answer is in; what was acknowledged must now be in the database
		return report(scenario, duration, rate, fault, latency, latencyPerMinute, start);
	}

	private String kill(Instant at, Duration after) throws Exception {
		sleepUntil(at);
		this.stopAt = Instant.MAX;
		Instant killed = Instant.now();
		this.app.destroyForcibly().waitFor();
		Instant restarted = Instant.now();
		startApp();
		Instant ready = Instant.now();
		this.stopAt = ready.plus(after);
		return String.format(Locale.ROOT,
				"kill -9 at %s; restarted at once, ready again after %.1f s; load went on "
						+ "during the restart and for %d s after it",
				killed, Duration.between(restarted, ready).toMillis() / 1000.0, after.toSeconds());
	}

	private String restartDatabase(Instant at, Duration outage) throws Exception {
		sleepUntil(at);
		Instant stopped = Instant.now();
		this.postgres.close();
		sleepUntil(stopped.plus(outage));
		startPostgres();
		Instant back = Instant.now();
		this.firstAcceptedAfter.set(null);
		this.watchAcceptedFrom = back;
		Instant deadline = back.plusSeconds(60);
		while (this.firstAcceptedAfter.get() == null && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		Instant accepted = this.firstAcceptedAfter.get();
		return String.format(Locale.ROOT, "PostgreSQL stopped at %s for %d s; first 202 %s after it was back", stopped,
				outage.toSeconds(),
				(accepted != null)
						? String.format(Locale.ROOT, "%.1f s", Duration.between(back, accepted).toMillis() / 1000.0)
						: "not within 60 s");
	}

	/**
	 * Half-way: copies the latency so far, notes the evaluations so far, adds the two bad
	 * channels and starts the new services.
	 */
	private String slowReceivers(Instant at, Instant start, Histogram latency, Histogram before) throws Exception {
		// new services from the start, so that both halves have the same alert churn
		this.burstFrom = start;
		ServerSocket hanging = new ServerSocket(0);
		Thread acceptor = new Thread(() -> {
			while (!hanging.isClosed()) {
				try {
					// read nothing, answer nothing, keep the connection open
					this.hangingConnections.add(hanging.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "hanging-webhook");
		acceptor.setDaemon(true);
		acceptor.start();
		// the first minute is the application's warm-up; "before" starts after it
		Instant warm = start.plusSeconds(60);
		sleepUntil(warm);
		Histogram warmUp;
		synchronized (latency) {
			warmUp = latency.copy();
		}
		Map<String, double[]> evaluationsWarm = evaluations();
		sleepUntil(at);
		synchronized (latency) {
			before.add(latency);
		}
		before.subtract(warmUp);
		this.evaluationsAtFault = evaluations();
		this.evaluationsWarm = evaluationsWarm;
		this.latencyWarmUp = warmUp;
		boolean control = "none".equals(System.getProperty("reliability.receivers"));
		if (!control) {
			channel("{\"name\":\"hanging-webhook\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:"
					+ hanging.getLocalPort() + "/hook\",\"sendByDefault\":true}");
			// TEST-NET-1 (RFC 5737): routed nowhere
			channel("{\"name\":\"unreachable-alertmanager\",\"type\":\"alertmanager\",\"url\":\"http://192.0.2.1:9093\","
					+ "\"sendByDefault\":true}");
		}
		this.latencyBefore = before;
		return String.format(Locale.ROOT,
				"one event in 50 from a new service each second throughout, so that new alerts keep firing; at %s a "
						+ "webhook channel to a server that accepts connections and never answers (port %d) and an "
						+ "Alertmanager channel to http://192.0.2.1:9093 (unreachable) were added. \"Before\" is from "
						+ "minute 1 (after the warm-up) to then, \"after\" from then to the end%s",
				at, hanging.getLocalPort(),
				control ? ". CONTROL RUN (-Dreliability.receivers=none): the channels were NOT added" : "");
	}

	private Histogram latencyWarmUp;

	private Map<String, double[]> evaluationsWarm;

	private Histogram latencyBefore;

	private Map<String, double[]> evaluationsAtFault;

	private void channel(String body) throws Exception {
		HttpResponse<String> created = this.http
			.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/notification-channels"))
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("channel not created: " + created.statusCode() + " " + created.body());
		}
	}

	/** Count and sum of {@code panicboard_alert_evaluation_duration_seconds} by group. */
	private Map<String, double[]> evaluations() throws Exception {
		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create(base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Map<String, double[]> byGroup = new java.util.TreeMap<>();
		Matcher m = Pattern
			.compile("^panicboard_alert_evaluation_duration_seconds_(count|sum)\\{group=\"(\\w+)\",?}\\s+(\\S+)$",
					Pattern.MULTILINE)
			.matcher(metrics);
		while (m.find()) {
			byGroup.computeIfAbsent(m.group(2), (g) -> new double[2])[m.group(1).equals("count") ? 0 : 1] = Double
				.parseDouble(m.group(3));
		}
		return byGroup;
	}

	/** Latency and evaluations before and after the channels were added; deliveries. */
	private String receiversReport(Instant faultAt, Histogram latency) throws Exception {
		StringBuilder out = new StringBuilder();
		Map<String, double[]> atEnd = evaluations();
		Histogram after = latency.copy();
		after.subtract(this.latencyBefore);
		after.subtract(this.latencyWarmUp);
		out.append(String.format(Locale.ROOT,
				"%n%n| ingestion latency | requests | p50 ms | p99 ms | p99.9 ms | max ms |%n|---|---:|---:|---:|---:|---:|%n"));
		out.append(latencyRow("before the channels", this.latencyBefore));
		out.append(latencyRow("after the channels", after));
		out.append("\n| alert evaluations | group | evaluations | mean ms |\n|---|---|---:|---:|\n");
		for (String group : atEnd.keySet()) {
			double[] warm = this.evaluationsWarm.getOrDefault(group, new double[2]);
			double[] start = this.evaluationsAtFault.getOrDefault(group, new double[2]);
			double[] end = atEnd.get(group);
			double m = start[0] - warm[0];
			out.append(String.format(Locale.ROOT, "| before | %s | %.0f | %.1f |%n", group, m,
					(m > 0) ? (start[1] - warm[1]) / m * 1000 : Double.NaN));
			double n = end[0] - start[0];
			out.append(String.format(Locale.ROOT, "| after | %s | %.0f | %.1f |%n", group, n,
					(n > 0) ? (end[1] - start[1]) / n * 1000 : Double.NaN));
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			out.append("\n| channel | delivery | notifications | attempts |\n|---|---|---:|---:|\n");
			try (ResultSet rows = statement.executeQuery("SELECT channel, delivery, count(*), sum(attempts) "
					+ "FROM notification GROUP BY channel, delivery ORDER BY channel, delivery")) {
				while (rows.next()) {
					out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d |%n", rows.getString(1),
							rows.getString(2), rows.getLong(3), rows.getLong(4)));
				}
			}
			try (ResultSet rows = statement.executeQuery(
					"SELECT count(*) FROM alert WHERE fired_at >= '" + java.sql.Timestamp.from(faultAt) + "'")) {
				rows.next();
				out.append(String.format(Locale.ROOT,
						"%nalerts fired after the channels were added: %d; "
								+ "connections the hanging server holds open: %d%n",
						rows.getLong(1), this.hangingConnections.size()));
			}
		}
		return out.toString();
	}

	private static String latencyRow(String name, Histogram h) {
		return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, h.getTotalCount(),
				h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
				h.getMaxValue() / 1e6);
	}

	/** Sends at a fixed rate; latency from each request's intended start. */
	private void drive(int rate, Histogram latency, Map<Long, Histogram> perMinute, Instant start) {
		ExecutorService pool = Executors.newFixedThreadPool(128);
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long t0 = System.nanoTime();
		Instant t0Instant = Instant.now();
		Random random = new Random(7);
		for (long i = 0;; i++) {
			long intended = t0 + i * interval;
			if (t0Instant.plusNanos(intended - t0).isAfter(this.stopAt)) {
				break;
			}
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				try {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			long seed = random.nextLong();
			long minute = Duration.between(start, Instant.now()).toMinutes();
			pool.execute(() -> {
				send(new Random(seed));
				long took = Math.min(System.nanoTime() - intended, latency.getHighestTrackableValue());
				synchronized (latency) {
					latency.recordValue(took);
					perMinute.computeIfAbsent(minute, (m) -> new Histogram(TimeUnit.SECONDS.toNanos(60), 3))
						.recordValue(took);
				}
			});
		}
		pool.shutdown();
		try {
			pool.awaitTermination(120, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One request: nine in ten an event (crash, race or gctrace text), one an expvar
	 * sample.
	 */
	private void send(Random random) {
		Instant burst = this.burstFrom;
		String service = (burst != null && random.nextInt(50) == 0)
				? "rel-new-" + Duration.between(burst, Instant.now()).toSeconds() : "rel-" + random.nextInt(20);
		String instance = "pod-" + random.nextInt(50);
		HttpRequest.Builder request;
		String eventId = null;
		int occurrences = 0;
		if (random.nextInt(10) == 0) {
			ObjectNode vars = JSON.createObjectNode();
			ObjectNode memstats = vars.putObject("memstats");
			memstats.put("HeapAlloc", 50_000_000L + random.nextInt(10_000_000));
			memstats.put("HeapInuse", 60_000_000L);
			memstats.put("HeapSys", 80_000_000L);
			memstats.put("NextGC", 90_000_000L);
			memstats.put("NumGC", random.nextInt(1000));
			memstats.put("PauseTotalNs", 1_000_000L);
			memstats.put("GCCPUFraction", 0.01);
			tools.jackson.databind.node.ArrayNode pauseNs = memstats.putArray("PauseNs");
			tools.jackson.databind.node.ArrayNode pauseEnd = memstats.putArray("PauseEnd");
			for (int i = 0; i < 256; i++) {
				pauseNs.add(0);
				pauseEnd.add(0);
			}
			vars.put("goroutines", 100 + random.nextInt(50));
			request = HttpRequest
				.newBuilder(URI.create(base() + "/api/v1/metrics/expvar?service=" + service + "&instance=" + instance))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(vars.toString()));
		}
		else {
			int pick = random.nextInt(this.texts.size());
			eventId = UUID.randomUUID().toString();
			occurrences = this.occurrencesPerText.get(pick);
			ObjectNode event = JSON.createObjectNode();
			event.put("eventId", eventId);
			event.put("service", service);
			event.put("environment", "production");
			event.put("version", "1." + random.nextInt(5) + ".0");
			event.put("instance", instance);
			event.put("timestamp", Instant.now().toString());
			event.put("text", this.texts.get(pick));
			request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(event.toString()));
		}
		String outcome;
		try {
			HttpResponse<String> response = this.http.send(
					request.header("Authorization", "Bearer " + this.token).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			outcome = String.valueOf(status);
			if (status == 202) {
				if (eventId != null) {
					this.acknowledged.put(eventId, occurrences);
				}
				Instant watch = this.watchAcceptedFrom;
				if (watch != null && this.firstAcceptedAfter.get() == null) {
					this.firstAcceptedAfter.compareAndSet(null, Instant.now());
				}
			}
			else if ((status == 503 || status == 429) && response.headers().firstValue("Retry-After").isEmpty()) {
				this.missingRetryAfter.incrementAndGet();
			}
		}
		catch (IOException ex) {
			outcome = "connection failed";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = "interrupted";
		}
		this.answers.computeIfAbsent(outcome, (o) -> new AtomicLong()).incrementAndGet();
	}

	/** Every 10 s: the application's heap after its last GC cycle, from /metrics. */
	private void sample() {
		while (Instant.now().isBefore(this.stopAt)) {
			try {
				Thread.sleep(10_000);
				HttpResponse<String> metrics = this.http.send(
						HttpRequest.newBuilder(URI.create(base() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				Matcher heap = HEAP.matcher(metrics.body());
				if (heap.find()) {
					synchronized (this.samples) {
						this.samples.add(String.format(Locale.ROOT, "%s %.0f", Instant.now(),
								Double.parseDouble(heap.group(1)) / (1024 * 1024)));
					}
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (IOException | RuntimeException ex) {
				// the application may be down on purpose
			}
		}
	}

	private String report(String scenario, Duration duration, int rate, String fault, Histogram latency,
			Map<Long, Histogram> perMinute, Instant start) throws Exception {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"scenario %s, %d s at %d requests/s (9 in 10 events, 1 in 10 expvar), " + "started %s%nfault: %s%n%n",
				scenario, duration.toSeconds(), rate, start, fault));
		out.append("answers:");
		new java.util.TreeMap<>(this.answers).forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
		out.append(String.format(Locale.ROOT, "; 503/429 without Retry-After: %d%n", this.missingRetryAfter.get()));
		out.append(String.format(Locale.ROOT, "latency ms: p50 %.1f, p99 %.1f, p99.9 %.1f, max %.1f%n",
				latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
				latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6));
		out.append("\n| minute | requests | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|\n");
		new java.util.TreeMap<>(perMinute).forEach((minute,
				h) -> out.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f |%n", minute,
						h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
						h.getMaxValue() / 1e6)));
		synchronized (this.samples) {
			double maxHeap = this.samples.stream()
				.mapToDouble((s) -> Double.parseDouble(s.substring(s.indexOf(' ') + 1)))
				.max()
				.orElse(Double.NaN);
			out.append(String.format(Locale.ROOT, "%nheap used (MiB, every 10 s, %d samples): max %.0f%n",
					this.samples.size(), maxHeap));
		}
		out.append(verify());
		return out.toString();
	}

	/**
	 * Every acknowledged event id is stored once, with exactly its text's occurrences.
	 */
	private String verify() throws Exception {
		Map<String, Integer> storedEvents = new HashMap<>();
		Map<String, Integer> storedOccurrences = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery(
					"SELECT event_id, count(*) FROM ingested_event WHERE service LIKE 'rel-%' GROUP BY event_id")) {
				while (rows.next()) {
					storedEvents.put(rows.getString(1), rows.getInt(2));
				}
			}
			try (ResultSet rows = statement.executeQuery(
					"SELECT event_id, count(*) FROM occurrence WHERE service LIKE 'rel-%' GROUP BY event_id")) {
				while (rows.next()) {
					storedOccurrences.put(rows.getString(1), rows.getInt(2));
				}
			}
		}
		long lost = 0;
		long doubled = 0;
		long wrongOccurrences = 0;
		for (Map.Entry<String, Integer> ack : this.acknowledged.entrySet()) {
			Integer events = storedEvents.get(ack.getKey());
			if (events == null) {
				lost++;
			}
			else if (events > 1) {
				doubled++;
			}
			if (storedOccurrences.getOrDefault(ack.getKey(), 0).intValue() != ack.getValue()) {
				wrongOccurrences++;
			}
		}
		return String.format(Locale.ROOT,
				"%nacknowledged events: %d; stored events: %d (unacknowledged but stored: %d); lost: %d; "
						+ "stored twice: %d; events whose occurrences differ from their text's findings: %d; %s%n",
				this.acknowledged.size(), storedEvents.size(), storedEvents.size() - this.acknowledged.size(), lost,
				doubled, wrongOccurrences, (lost == 0 && doubled == 0 && wrongOccurrences == 0) ? "EXACT" : "MISMATCH");
	}

	private void startPostgres() throws IOException {
		Files.createDirectories(this.dataDirectory);
		this.postgres = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(this.dbPort)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			// checkpoints spaced like the application's own embedded server
			// (EmbeddedPostgresServer)
			.setServerConfig("max_wal_size", "4GB")
			.setServerConfig("checkpoint_timeout", "15min")
			.setServerConfig("max_connections", "100")
			// PostgreSQL's own log, in the data directory's log/ folder: checkpoints,
			// autovacuum runs and statements over a second, and lock waits over
			// deadlock_timeout (1 s), to explain a stall afterwards
			.setServerConfig("logging_collector", "on")
			.setServerConfig("log_directory", "log")
			.setServerConfig("log_checkpoints", "on")
			.setServerConfig("log_autovacuum_min_duration", "1000")
			.setServerConfig("log_min_duration_statement", "1000")
			.setServerConfig("log_lock_waits", "on")
			.start();
	}

	private void startApp() throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				System.getProperty("reliability.appHeap", "-Xmx1g"), "-cp", System.getProperty("java.class.path"),
				PanicboardApplication.class.getName(), "--server.port=" + this.appPort,
				"--spring.datasource.url=" + jdbcUrl(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--panicboard.bootstrap-token=" + this.token,
				"--panicboard.security.rate-limit.enabled=false", "--logging.level.root=warn",
				// the test classpath's application.properties switches these off for
				// tests;
				// here the application runs as in production
				"--panicboard.alerts.evaluation-enabled=true", "--panicboard.alerts.sender.enabled=true"));
		Path log = this.logDirectory.resolve("app-" + Instant.now().toEpochMilli() + ".log");
		this.app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Instant deadline = Instant.now().plusSeconds(180);
		while (Instant.now().isBefore(deadline)) {
			try {
				HttpResponse<String> ready = this.http.send(
						HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (!this.app.isAlive()) {
				throw new IllegalStateException("panicboard exited while starting; see " + log);
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("panicboard did not become ready within 180 s; see " + log);
	}

	private void shutdown() throws IOException {
		if (this.app != null) {
			this.app.destroy();
			try {
				this.app.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.app.destroyForcibly();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	private String base() {
		return "http://localhost:" + this.appPort;
	}

	private String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.dbPort + "/postgres";
	}

	private static void sleepUntil(Instant at) throws InterruptedException {
		long millis = Duration.between(Instant.now(), at).toMillis();
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Corpus crash and race samples, and each gctrace sample's lines one by one. */
	private static List<String> texts(Path corpus) throws IOException {
		List<String> texts = new ArrayList<>();
		for (String dir : List.of("generated", "public")) {
			try (Stream<Path> files = Files.list(corpus.resolve(dir))) {
				for (Path file : files.sorted().toList()) {
					String text = Files.readString(file, StandardCharsets.UTF_8);
					if (file.getFileName().toString().startsWith("gctrace")) {
						text.lines().filter((line) -> line.startsWith("gc ")).limit(20).forEach(texts::add);
					}
					else {
						texts.add(text);
					}
				}
			}
		}
		return texts;
	}

}
