package io.panicboard.alert;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Alertmanager for tests: Debian's {@code /usr/bin/prometheus-alertmanager}
 * (overridable with {@code -Dalertmanager.binary}) on a free loopback port, clustering
 * off, with its own temporary storage and a route to a receiver that sends nothing. Tests
 * using it are skipped, with a message saying why, where it is not installed;
 * {@code .ci/run} installs it.
 */
final class AlertmanagerServer implements AutoCloseable {

	static final String BINARY = System.getProperty("alertmanager.binary", "/usr/bin/prometheus-alertmanager");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path directory;

	private final Process process;

	private final URI uri;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private AlertmanagerServer(Path directory, Process process, int port) {
		this.directory = directory;
		this.process = process;
		this.uri = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Starts Alertmanager and waits until it is ready, or skips the calling test when the
	 * binary is missing.
	 * @return the running server; close it when done
	 */
	static AlertmanagerServer start() throws IOException {
		assumeTrue(Files.isExecutable(Path.of(BINARY)), () -> "Alertmanager test skipped: " + BINARY
				+ " is not installed; install Debian's prometheus-alertmanager package, as .ci/run does");
		Path directory = Files.createTempDirectory("panicboard-alertmanager");
		Path config = directory.resolve("alertmanager.yml");
		Files.writeString(config, """
				route:
				  receiver: discard
				  group_wait: 1s
				receivers:
				  - name: discard
				""");
		int port = freePort();
		Process process = new ProcessBuilder(BINARY, "--config.file=" + config,
				"--storage.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--cluster.listen-address=")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("alertmanager.log").toFile())
			.start();
		AlertmanagerServer server = new AlertmanagerServer(directory, process, port);
		try {
			await("Alertmanager ready").atMost(Duration.ofSeconds(60))
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

	String url() {
		return this.uri.toString();
	}

	/**
	 * The alerts Alertmanager holds as not resolved, as {@code GET /api/v2/alerts} lists
	 * them, filtered by one label.
	 * @param label the label's name
	 * @param value its value
	 * @return the JSON array of alerts
	 */
	JsonNode alerts(String label, String value) throws IOException, InterruptedException {
		String filter = URLEncoder.encode(label + "=\"" + value + "\"", StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.uri.resolve("/api/v2/alerts?filter=" + filter))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET /api/v2/alerts answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private boolean ready() throws IOException, InterruptedException {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Alertmanager exited: " + log());
		}
		return this.http
			.send(HttpRequest.newBuilder(this.uri.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode() == 200;
	}

	String log() {
		try {
			return Files.readString(this.directory.resolve("alertmanager.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
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
