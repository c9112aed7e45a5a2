package io.panicboard.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.panicboard.ingest.EventsControllerTests.corpus;
import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The bad-input catalogue of docs/reliability.md, over HTTP: every hostile body gets a
 * 4xx problem+json or a parsed result (with truncation flags where something was cut),
 * never a 5xx, and each case finishes within its time bound. Random inputs come from
 * fixed seeds, so a failure is reproduced by running the same seed again.
 */
@IngestTest
class BadInputCatalogueTests {

	/**
	 * Log lines after a crash: a crash at the very end of a stream is held as the
	 * stream's pending tail until the next request (or the flush) shows it is complete.
	 */
	private static final String AFTER = "2026/11/21 10:00:02 restarting\r\n2026/11/21 10:00:03 listening on :8080\n2026/11/21 10:00:04 GET /\n2026/11/21 10:00:05 GET /health\n";

	/** Generous for a 2-core machine running other tests; a hang would exceed it. */
	private static final Duration BOUND = Duration.ofSeconds(30);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void randomBytesAsJsonEventsAreRejectedAsBadRequests(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < 25; i++) {
			byte[] body = new byte[random.nextInt(4096)];
			random.nextBytes(body);
			if (body.length > 0) {
				body[0] = (byte) "[{\"n".charAt(random.nextInt(4)); // past the first byte
																	// now and then
			}
			MvcTestResult result = bounded(() -> post("/api/v1/events", MediaType.APPLICATION_JSON, body));
			assertProblem(result, 400);
		}
	}

	@ParameterizedTest
	@ValueSource(longs = { 11, 12, 13, 14, 15, 16 })
	void randomBytesAsALogStreamAreAcceptedWithoutFindings(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < 10; i++) {
			byte[] body = new byte[random.nextInt(64 * 1024)];
			random.nextBytes(body);
			JsonNode answer = accepted(bounded(() -> logs(body)));
			assertThat(answer.get("findings").asInt()).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(longs = { 21, 22, 23, 24 })
	void corpusTracesWithRandomDamageNeverFailTheLogEndpoint(long seed) {
		Random random = new Random(seed);
		String[] samples = { "nilmap-basic.txt", "concurrent-map-writes.txt", "race-delete-range.txt" };
		for (int i = 0; i < 8; i++) {
			byte[] trace = corpus(samples[random.nextInt(samples.length)]).getBytes(StandardCharsets.UTF_8);
			for (int flips = random.nextInt(20); flips >= 0; flips--) {
				trace[random.nextInt(trace.length)] = (byte) random.nextInt(256);
			}
			int cut = random.nextInt(trace.length);
			byte[] damaged = java.util.Arrays.copyOf(trace, random.nextBoolean() ? cut : trace.length);
			accepted(bounded(() -> logs(damaged)));
		}
	}

	@Test
	void invalidUtf8InsideAJsonStringIsABadRequest() {
		byte[] body = concat("{\"service\":\"bad-utf8\",\"text\":\"panic: ".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF }, "\"}".getBytes(StandardCharsets.UTF_8));
		assertProblem(bounded(() -> post("/api/v1/events", MediaType.APPLICATION_JSON, body)), 400);
	}

	@Test
	void invalidUtf8InALogStreamIsReplacedAndTheCrashStillFound() {
		byte[] body = concat(new byte[] { (byte) 0xFF, (byte) 0xFE, '\n' },
				(corpus("nilmap-basic.txt") + AFTER).getBytes(StandardCharsets.UTF_8));
		assertThat(accepted(bounded(() -> logs(body))).get("findings").asInt()).isOne();
	}

	@Test
	void deeplyNestedJsonIsABadRequest() {
		String body = "[".repeat(100_000) + "]".repeat(100_000);
		assertProblem(bounded(
				() -> post("/api/v1/events", MediaType.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8))), 400);
	}

	@Test
	void deeplyNestedObjectInsideAnEventIsABadRequest() {
		String body = "{\"service\":\"nested\",\"x\":" + "{\"a\":".repeat(30_000) + "1" + "}".repeat(30_000) + "}";
		assertProblem(bounded(
				() -> post("/api/v1/events", MediaType.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8))), 400);
	}

	@Test
	void hugeNumbersAreBadRequestsNamingTheField() throws Exception {
		String body = "{\"service\":\"huge\",\"timestamp\":1" + "0".repeat(400) + ",\"text\":\"x\"}";
		MvcTestResult result = bounded(
				() -> post("/api/v1/events", MediaType.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8)));
		assertProblem(result, 400);
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("timestamp");
	}

	@Test
	void aNumberWithTwoHundredThousandDigitsIsABadRequest() {
		String body = "{\"service\":\"huge\",\"eventId\":" + "9".repeat(200_000) + "}";
		assertProblem(bounded(
				() -> post("/api/v1/events", MediaType.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8))), 400);
	}

	@Test
	void nulBytesInALogStreamDoNotHideTheCrash() {
		String text = "\u0000\u0000start\u0000\n" + corpus("nilmap-basic.txt").replace("\n\n", "\n\u0000\n") + AFTER;
		assertThat(accepted(bounded(() -> logs(text.getBytes(StandardCharsets.UTF_8)))).get("findings").asInt())
			.isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "version", "instance", "eventId", "environment", "service" })
	void aNulCharacterInAnEventFieldIsABadRequestNamingIt(String field) {
		ObjectNode event = this.json.createObjectNode()
			.put("service", "nul-fields")
			.put("text", corpus("nilmap-basic.txt"))
			.put(field, "a\0b");
		assertNamed(
				bounded(() -> post("/api/v1/events", MediaType.APPLICATION_JSON, this.json.writeValueAsBytes(event))),
				field, "must not contain NUL characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "version", "instance", "stream", "environment", "service", "final" })
	void aNulCharacterInALogsParameterIsABadRequestNamingIt(String parameter) {
		String query = (parameter.equals("service") ? "" : "service=nul-logs&") + parameter + "=a%00b";
		assertNamed(bounded(() -> this.mvc.post()
			.uri(URI.create("/api/v1/logs?" + query))
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content(corpus("nilmap-basic.txt"))
			.exchange()), parameter, "must not contain NUL characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"log\":\"x\",\"stream\":\"std\\u0000err\"}",
			"{\"log\":\"x\",\"kubernetes\":{\"pod_name\":\"pod\\u0000a\"}}" })
	void aNulCharacterInAShipperRecordIsABadRequestNamingIt(String record) {
		MvcTestResult result = bounded(() -> post("/api/v1/logs?service=nul-records", MediaType.APPLICATION_JSON,
				("[" + record + "]").getBytes(StandardCharsets.UTF_8)));
		assertNamed(result, record.contains("stream") ? "[0].stream" : "[0].instance",
				"must not contain NUL characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/deploys:version", "/api/v1/deploys:url", "/api/v1/deploys:environment",
			"/api/v1/heartbeats:instance", "/api/v1/heartbeats:version" })
	void aNulCharacterInADeployOrHeartbeatIsABadRequestNamingIt(String endpointAndField) {
		String endpoint = endpointAndField.substring(0, endpointAndField.indexOf(':'));
		String field = endpointAndField.substring(endpoint.length() + 1);
		ObjectNode body = this.json.createObjectNode()
			.put("service", "nul-meta")
			.put("version", "1.0")
			.put("instance", "pod-a")
			.put(field, "http://a\0b");
		assertNamed(bounded(() -> post(endpoint, MediaType.APPLICATION_JSON, this.json.writeValueAsBytes(body))), field,
				"must not contain NUL characters");
	}

	@Test
	void aNulCharacterInTheExpvarInstanceIsABadRequestNamingIt() {
		assertNamed(bounded(() -> this.mvc.post()
			.uri(URI.create("/api/v1/metrics/expvar?service=nul-expvar&instance=a%00b"))
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange()), "instance", "must not contain NUL characters");
	}

	@Test
	void crlfAndMixedLineEndingsAreParsed() {
		String trace = corpus("nilmap-basic.txt");
		String mixed = trace.replace("\n", "\r\n").replaceFirst("\r\n", "\n");
		JsonNode answer = accepted(bounded(() -> logs((mixed + AFTER).getBytes(StandardCharsets.UTF_8))));
		assertThat(answer.get("findings").asInt()).isOne();
		JsonNode analysed = analyze(mixed);
		assertThat(analysed.get("findings").get(0).get("kind").asString()).isEqualTo("nil_map_write");
		assertThat(analysed.get("findings").get(0).get("topInAppFrame").get("function").asString())
			.isEqualTo(analyze(trace).get("findings").get(0).get("topInAppFrame").get("function").asString());
	}

	@Test
	void aTraceCutMidFrameIsMarkedIncomplete() {
		String trace = corpus("concurrent-map-writes.txt");
		String cut = trace.substring(0, trace.indexOf(".go:") + 2);
		JsonNode finding = analyze(cut).get("findings").get(0);
		assertThat(finding.get("kind").asString()).isEqualTo("concurrent_map_writes");
		assertThat(finding.get("truncation").get("incomplete").asBoolean()).isTrue();
	}

	@Test
	void aTenMegabyteSingleLineIsAnalysedWithinTheBound() {
		byte[] line = new byte[10 * 1024 * 1024 - 64];
		java.util.Arrays.fill(line, (byte) 'x');
		JsonNode answer = analyzeBytes(concat(line, "\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(answer.get("findings")).isEmpty();
	}

	@Test
	void aTenMegabyteSingleLineOverTheLogLimitIs413() {
		byte[] line = new byte[10 * 1024 * 1024];
		java.util.Arrays.fill(line, (byte) 'x');
		MvcTestResult result = bounded(() -> logs(line));
		assertProblem(result, 413);
	}

	@Test
	void aHundredThousandGoroutinesAreCountedAndTheKeptOnesBounded() {
		StringBuilder dump = new StringBuilder(8 * 1024 * 1024);
		dump.append("panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n")
			.append("\t/src/app/main.go:9 +0x1d\n");
		for (int id = 2; id <= 100_001; id++) {
			dump.append("\ngoroutine ").append(id).append(" [select]:\nmain.worker()\n\t/src/app/w.go:5 +0x1\n");
		}
		JsonNode finding = analyzeBytes(dump.toString().getBytes(StandardCharsets.UTF_8)).get("findings").get(0);
		assertThat(finding.get("kind").asString()).isEqualTo("nil_map_write");
		assertThat(finding.get("goroutineCount").asInt()).isEqualTo(100_001);
		assertThat(finding.get("truncation").get("goroutines").asBoolean()).isTrue();
	}

	@Test
	void aGzipBombStopsAtTheDecompressedLimit() throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 100; i++) {
				gzip.write(zeros);
			}
		}
		MvcTestResult result = bounded(() -> this.mvc.post()
			.uri("/api/v1/logs?service=bomb-" + UUID.randomUUID().toString().substring(0, 8))
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(compressed.toByteArray())
			.exchange());
		assertProblem(result, 413);
	}

	@Test
	void aBrokenGzipBodyIsABadRequest() {
		byte[] notGzip = "this is not gzip".getBytes(StandardCharsets.UTF_8);
		MvcTestResult result = bounded(() -> this.mvc.post()
			.uri("/api/v1/logs?service=broken-gzip")
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(notGzip)
			.exchange());
		assertProblem(result, 400);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("The body is not valid gzip: Not in GZIP format.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/analyze", "/api/v1/logs?service=cut-gzip", "/api/v1/events" })
	void aCutOffGzipBodyIsABadRequestSayingWhere(String uri) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(("{\"service\":\"cut-gzip\",\"text\":" + this.json.writeValueAsString(corpus("nilmap-basic.txt"))
					+ "}")
				.getBytes(StandardCharsets.UTF_8));
		}
		byte[] whole = compressed.toByteArray();
		for (int length : new int[] { 0, 1, 5, whole.length / 2 }) {
			MvcTestResult result = bounded(() -> this.mvc.post()
				.uri(uri)
				.with(ingestAll())
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CONTENT_ENCODING, "gzip")
				.content(java.util.Arrays.copyOf(whole, length))
				.exchange());
			assertProblem(result, 400);
			assertThat(result).bodyJson().satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/unreadable-body");
				assertThat(json).extractingPath("$.detail")
					.isEqualTo("The body is not valid gzip: it ends before its "
							+ ((length < 10) ? "header" : "compressed data")
							+ " is complete. Send the complete gzip data, or the body uncompressed without "
							+ "Content-Encoding: gzip.");
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/events", "/api/v1/deploys", "/api/v1/heartbeats" })
	void aWrongOrMissingContentTypeIs415WithAProblemTypeAndWhatToSend(String uri) {
		MvcTestResult wrong = bounded(() -> post(uri, MediaType.TEXT_PLAIN, "{}".getBytes(StandardCharsets.UTF_8)));
		assertProblem(wrong, 415);
		assertThat(wrong).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.type").isEqualTo("/problems/unsupported-media-type");
			assertThat(json).extractingPath("$.title").isEqualTo("Unsupported media type");
			assertThat(json).extractingPath("$.detail")
				.asString()
				.startsWith("Content-Type 'text/plain")
				.contains("' is not supported; send Content-Type: application/json");
		});
		MvcTestResult missing = bounded(() -> this.mvc.post()
			.uri(uri)
			.with(ingestAll())
			.content("{}".getBytes(StandardCharsets.UTF_8))
			.exchange());
		assertProblem(missing, 415);
		assertThat(missing).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.type").isEqualTo("/problems/unsupported-media-type");
			assertThat(json).extractingPath("$.detail")
				.asString()
				.startsWith("The request has no Content-Type; send Content-Type: application/json");
		});
	}

	private MvcTestResult post(String uri, MediaType type, byte[] body) {
		return this.mvc.post().uri(uri).with(ingestAll()).contentType(type).content(body).exchange();
	}

	private MvcTestResult logs(byte[] body) {
		return post("/api/v1/logs?service=catalogue&instance=i-" + UUID.randomUUID().toString().substring(0, 8),
				MediaType.TEXT_PLAIN, body);
	}

	private JsonNode analyze(String text) {
		return analyzeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private JsonNode analyzeBytes(byte[] body) {
		MvcTestResult result = bounded(() -> post("/api/v1/analyze", MediaType.TEXT_PLAIN, body));
		assertThat(result).hasStatus(200);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private JsonNode accepted(MvcTestResult result) {
		assertThat(result).hasStatus(202);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	/** A 400 naming the field first, with the message. */
	private static void assertNamed(MvcTestResult result, String field, String message) {
		assertProblem(result, 400);
		assertThat(result).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-fields");
			assertThat(json).extractingPath("$.errors[0].field").isEqualTo(field);
			assertThat(json).extractingPath("$.errors[0].message").isEqualTo(message);
		});
	}

	private static void assertProblem(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	private static MvcTestResult bounded(java.util.function.Supplier<MvcTestResult> request) {
		return assertTimeoutPreemptively(BOUND, request::get);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
