package io.panicboard.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus for tests: Debian's {@code /usr/bin/prometheus} (overridable with
 * {@code -Dprometheus.binary}) on a free loopback port, with its own temporary storage
 * directory and a one-second scrape of one target. Tests using it are skipped, with a
 * message saying why, where Prometheus is not installed; {@code .ci/run} installs it.
 */
final class PrometheusServer implements AutoCloseable {

	static final String BINARY = System.getProperty("prometheus.binary", "/usr/bin/prometheus");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path directory;

	private final Process process;

	private final URI uri;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PrometheusServer(Path directory, Process process, int port) {
		this.directory = directory;
		this.process = process;
		this.uri = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Starts Prometheus scraping {@code http://127.0.0.1:<targetPort>/metrics} every
	 * second and waits until it is ready, or skips the calling test when the binary is
	 * missing.
	 * @param targetPort the port of the application under test
	 * @param bearerToken the token to scrape with
	 * @return the running server; close it when done
	 */
	static PrometheusServer scraping(int targetPort, String bearerToken) throws IOException {
		assumeTrue(Files.isExecutable(Path.of(BINARY)), () -> "Prometheus test skipped: " + BINARY
				+ " is not installed; install Debian's prometheus package, as .ci/run does");
		Path directory = Files.createTempDirectory("panicboard-prometheus");
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: panicboard
				    metrics_path: /metrics
				    authorization:
				      credentials: '%s'
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(bearerToken, targetPort));
		int port = freePort();
		Process process = new ProcessBuilder(BINARY, "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		PrometheusServer server = new PrometheusServer(directory, process, port);
		try {
			await("Prometheus ready").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(server::ready);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	/**
	 * Evaluates an instant query.
	 * @param promql the query
	 * @return the {@code data.result} array
	 */
	JsonNode query(String promql) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(this.uri.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode body = json.readTree(response.body());
		if (!"success".equals(body.path("status").asString())) {
			throw new IllegalStateException("Query " + promql + " failed: " + response.body());
		}
		return body.path("data").path("result");
	}

	/**
	 * The health of the one scrape target, as Prometheus reports it.
	 * @return {@code up}, {@code down} or {@code unknown}
	 */
	String targetHealth() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(this.uri.resolve("/api/v1/targets")).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode targets = json.readTree(response.body()).path("data").path("activeTargets");
		return targets.isEmpty() ? "unknown" : targets.get(0).path("health").asString();
	}

	private boolean ready() throws IOException, InterruptedException {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Prometheus exited: " + log());
		}
		return this.http
			.send(HttpRequest.newBuilder(this.uri.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode() == 200;
	}

	String log() {
		try {
			return Files.readString(this.directory.resolve("prometheus.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
