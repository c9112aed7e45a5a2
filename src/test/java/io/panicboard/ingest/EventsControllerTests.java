package io.panicboard.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import io.panicboard.ingest.IngestTestConfiguration.FlakyDataSource;
import io.panicboard.ingest.IngestTestConfiguration.TestClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.ErrorResponseException;

import static io.panicboard.ingest.IngestTestConfiguration.admin;
import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static io.panicboard.ingest.IngestTestConfiguration.ingestOnly;
import static io.panicboard.ingest.IngestTestConfiguration.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@IngestTest
class EventsControllerTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Autowired
	private FlakyDataSource dataSource;

	@Autowired
	private BatchedWriter writer;

	@Test
	void storesOneEventWithACrash() {
		String body = event("events-single", null, corpus("nilmap-basic.txt"));
		JsonNode answer = accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(answer.get("accepted").asInt()).isEqualTo(1);
		assertThat(answer.get("duplicates").asInt()).isZero();
		assertThat(answer.get("findings").asInt()).isEqualTo(1);
		assertThat(answer.get("incidents")).hasSize(1);
		assertThat(answer.get("incidents").get(0).get("new").asBoolean()).isTrue();
		JsonNode again = accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(again.get("incidents").get(0).get("id").asLong())
			.isEqualTo(answer.get("incidents").get(0).get("id").asLong());
		assertThat(again.get("incidents").get(0).get("new").asBoolean()).isFalse();
		// the finding's kind, also in its own column for the jobs that count by kind
		assertThat(this.jdbc.sql("SELECT kind || ' ' || (finding->>'kind') FROM occurrence WHERE incident_id = ?")
			.param(answer.get("incidents").get(0).get("id").asLong())
			.query(String.class)
			.list()).containsOnly("nil_map_write nil_map_write");
	}

	@Test
	void storesTheCrashOfACrashOutputFileGroupedWithTheSameCrashFromStderr() throws IOException {
		String file;
		String stderr;
		try (InputStream a = getClass().getResourceAsStream("/crash-output/writes-system.crash");
				InputStream b = getClass().getResourceAsStream("/crash-output/writes-system.stderr")) {
			file = new String(a.readAllBytes(), StandardCharsets.UTF_8);
			stderr = new String(b.readAllBytes(), StandardCharsets.UTF_8);
		}
		JsonNode fromFile = accepted(
				post(event("events-crash-file", null, file), MediaType.APPLICATION_JSON, ingestAll()));
		JsonNode fromStderr = accepted(
				post(event("events-crash-file", null, stderr), MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(fromFile.get("findings").asInt()).isEqualTo(1);
		long incident = fromFile.get("incidents").get(0).get("id").asLong();
		assertThat(fromStderr.get("incidents").get(0).get("id").asLong()).isEqualTo(incident);
		assertThat(this.jdbc.sql("""
				SELECT kind || ' ' || (finding->>'message') || ' ' || coalesce(finding->>'messageInferred', '-')
				FROM occurrence WHERE incident_id = ? ORDER BY id""").param(incident).query(String.class).list())
			.containsExactly("concurrent_map_writes concurrent map writes true",
					"concurrent_map_writes concurrent map writes -");
	}

	@Test
	void storesACrashWhoseTextHoldsNulAndControlCharacters() {
		String text = "panic: bad \u0000 value\twith\\backslash\r\n\ngoroutine 1 [running]:\nmain.main()\n"
				+ "\t/app/main.go:9 +0x1d\n";
		JsonNode answer = accepted(post(event("events-nul", null, text), MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(answer.get("accepted").asInt()).isEqualTo(1);
		assertThat(answer.get("incidents")).hasSize(1);
		long incident = answer.get("incidents").get(0).get("id").asLong();
		String stored = this.jdbc.sql("SELECT text FROM occurrence WHERE incident_id = ?")
			.param(incident)
			.query(String.class)
			.single();
		assertThat(stored).startsWith("panic: bad \uFFFD value\twith\\backslash\n\ngoroutine 1 [running]:\n");
		String message = this.jdbc.sql("SELECT finding->>'message' FROM occurrence WHERE incident_id = ?")
			.param(incident)
			.query(String.class)
			.single();
		assertThat(message).isEqualTo("bad \uFFFD value\twith\\backslash");
	}

	@Test
	void storesABlankVersionOrInstanceAsNotGiven() {
		String crash = quote(corpus("nilmap-basic.txt"));
		long incident = accepted(post(
				"{\"service\":\"events-blank\",\"version\":\"1.0\",\"instance\":\"pod-a\"," + "\"text\":" + crash + "}",
				MediaType.APPLICATION_JSON, ingestAll()))
			.get("incidents")
			.get(0)
			.get("id")
			.asLong();
		accepted(post("[{\"service\":\"events-blank\",\"version\":\"\",\"instance\":\" \",\"text\":" + crash
				+ "},{\"service\":\"events-blank\",\"version\":\" \\t\",\"instance\":\"\",\"text\":" + crash + "}]",
				MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(this.jdbc.sql("SELECT last_version FROM incident WHERE id = ?")
			.param(incident)
			.query(String.class)
			.single()).isEqualTo("1.0");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM occurrence WHERE incident_id = ? AND version IS NULL AND instance IS NULL")
			.param(incident)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void storesAnArrayOfEvents() {
		String body = "[" + event("events-array", null, corpus("nilmap-basic.txt")) + ","
				+ event("events-array", null, corpus("race-int.txt")) + ","
				+ event("events-array", null, corpus("gctrace-alloc.txt")) + "]";
		JsonNode answer = accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(answer.get("accepted").asInt()).isEqualTo(3);
		assertThat(answer.get("findings").asInt()).isGreaterThan(3);
		assertThat(answer.get("incidents")).hasSize(2);
	}

	@Test
	void storesNdjson() {
		String body = event("events-ndjson", "n-1", corpus("nilmap-basic.txt")) + "\n"
				+ event("events-ndjson", "n-2", "just a log line\n") + "\n";
		JsonNode answer = accepted(post(body, MediaType.parseMediaType("application/x-ndjson"), ingestAll()));
		assertThat(answer.get("accepted").asInt()).isEqualTo(2);
		assertThat(answer.get("findings").asInt()).isEqualTo(1);
	}

	@Test
	void acceptsTextWithoutCrashWithNoFindings() {
		JsonNode answer = accepted(post(event("events-quiet", null, "INFO all good\nINFO still good\n"),
				MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(answer.get("accepted").asInt()).isEqualTo(1);
		assertThat(answer.get("findings").asInt()).isZero();
		assertThat(answer.get("incidents")).isEmpty();
	}

	@Test
	void acceptsGzipBody() throws IOException {
		byte[] gzip = gzip(event("events-gzip", null, corpus("nilmap-basic.txt")).getBytes(StandardCharsets.UTF_8));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/events")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(gzip)
			.exchange();
		assertThat(accepted(result).get("findings").asInt()).isEqualTo(1);
	}

	@Test
	void storesAnEventIdOnce() {
		String id = UUID.randomUUID().toString();
		String body = event("events-idempotent", id, corpus("nilmap-basic.txt"));
		assertThat(accepted(post(body, MediaType.APPLICATION_JSON, ingestAll())).get("accepted").asInt()).isOne();
		JsonNode repeat = accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(repeat.get("accepted").asInt()).isZero();
		assertThat(repeat.get("duplicates").asInt()).isOne();
		assertThat(repeat.get("findings").asInt()).isZero();
		assertThat(repeat.get("incidents")).isEmpty();
		assertThat(eventRows("events-idempotent", id)).isOne();
	}

	@Test
	void storesTwoCopiesInOneRequestOnce() {
		String id = UUID.randomUUID().toString();
		String one = event("events-copies", id, corpus("nilmap-basic.txt"));
		JsonNode answer = accepted(post("[" + one + "," + one + "]", MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(answer.get("accepted").asInt()).isOne();
		assertThat(answer.get("duplicates").asInt()).isOne();
	}

	@Test
	void storesAnEventIdOnceWhenSixteenCopiesArriveAtOnce() throws Exception {
		String id = UUID.randomUUID().toString();
		String body = event("events-concurrent", id, corpus("nilmap-basic.txt"));
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Callable<JsonNode>> posts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				posts.add(() -> accepted(post(body, MediaType.APPLICATION_JSON, ingestAll())));
			}
			int accepted = 0;
			int duplicates = 0;
			for (Future<JsonNode> answer : threads.invokeAll(posts)) {
				accepted += answer.get().get("accepted").asInt();
				duplicates += answer.get().get("duplicates").asInt();
			}
			assertThat(accepted).isOne();
			assertThat(duplicates).isEqualTo(15);
			assertThat(eventRows("events-concurrent", id)).isOne();
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void rejectsInvalidFieldsNamingEachPathAndStoresNothing() {
		String id = UUID.randomUUID().toString();
		String body = "[" + event("events-invalid", id, "ok") + ",{\"text\":\"x\"},"
				+ "{\"service\":\"Bad Name\",\"text\":\"x\",\"timestamp\":\"yesterday\",\"environment\":5}]";
		MvcTestResult result = post(body, MediaType.APPLICATION_JSON, ingestAll());
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("[1].service", "[2].service", "[2].environment", "[2].timestamp");
		assertThat(eventRows("events-invalid", id)).isZero();
	}

	@Test
	void namesFieldsOfASingleObjectWithoutIndex() {
		assertThat(post("{\"service\":\"events-single-invalid\"}", MediaType.APPLICATION_JSON, ingestAll()))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("text");
	}

	/** Limits count characters (code points): an emoji is one, not two UTF-16 units. */
	@Test
	void countsLimitsInCharacters() {
		String emoji = "\uD83D\uDE00";
		String fits = "{\"service\":\"events-emoji\",\"eventId\":\"" + emoji.repeat(128) + "\",\"instance\":\""
				+ emoji.repeat(256) + "\",\"text\":\"x\"}";
		assertThat(accepted(post(fits, MediaType.APPLICATION_JSON, ingestAll())).get("accepted").asInt()).isOne();
		String over = "{\"service\":\"events-emoji\",\"eventId\":\"" + emoji.repeat(129) + "\",\"text\":\"x\"}";
		assertThat(post(over, MediaType.APPLICATION_JSON, ingestAll())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("must be at most 128 characters");
	}

	@Test
	void rejectsMalformedJson() {
		assertThat(post("[{\"service\":", MediaType.APPLICATION_JSON, ingestAll())).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("/problems/malformed-json");
	}

	@Test
	void rejectsEventTextOverTheLimit() {
		String text = "x".repeat(64 * 1024 + 1);
		assertThat(post("[" + event("events-big", null, "ok") + "," + event("events-big", null, text) + "]",
				MediaType.APPLICATION_JSON, ingestAll()))
			.hasStatus(413)
			.bodyJson()
			.satisfies((body) -> {
				assertThat(body).extractingPath("$.maxBytes").isEqualTo(65536);
				assertThat(body).extractingPath("$.detail").asString().contains("[1].text").contains("65536");
			});
	}

	@Test
	void rejectsBodyOverTheLimit() {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < 5; i++) {
			body.append((i > 0) ? "," : "").append(event("events-body", null, "y".repeat(60 * 1024)));
		}
		assertThat(post(body.append("]").toString(), MediaType.APPLICATION_JSON, ingestAll())).hasStatus(413)
			.bodyJson()
			.extractingPath("$.maxBytes")
			.isEqualTo(256 * 1024);
	}

	@Test
	void rejectsMoreEventsThanTheLimit() {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < 51; i++) {
			body.append((i > 0) ? "," : "").append(event("events-many", null, "z"));
		}
		assertThat(post(body.append("]").toString(), MediaType.APPLICATION_JSON, ingestAll())).hasStatus(413)
			.bodyJson()
			.extractingPath("$.maxEvents")
			.isEqualTo(50);
	}

	@Test
	void rejectsOtherContentTypes() {
		assertThat(post(event("events-type", null, "x"), MediaType.TEXT_PLAIN, ingestAll())).hasStatus(415)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void requiresAPrincipal() {
		assertThat(this.mvc.post()
			.uri("/api/v1/events")
			.contentType(MediaType.APPLICATION_JSON)
			.content(event("events-anonymous", null, "x"))).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE);
	}

	@Test
	void refusesAnotherServiceToAOneServiceToken() {
		accepted(post(event("events-mine", null, "x"), MediaType.APPLICATION_JSON, ingestAll()));
		accepted(post(event("events-mine", null, "x"), MediaType.APPLICATION_JSON, ingestOnly("events-mine")));
		assertThat(post(event("events-theirs", null, "x"), MediaType.APPLICATION_JSON, ingestOnly("events-mine")))
			.hasStatus(403)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aRejectedRequestCreatesNoService() throws IOException {
		assertThat(post("[" + event("events-ghost", null, "x") + ",{\"text\":\"no service\"}]",
				MediaType.APPLICATION_JSON, ingestAll()))
			.hasStatus(400);
		assertThat(this.mvc.post()
			.uri("/api/v1/events")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(event("events-ghost", null, "x"))
			.exchange()).hasStatus(400);
		assertThat(serviceExists("events-ghost")).isFalse();
	}

	@Test
	void createsServicesOnlyForTokensThatMay() {
		assertThat(post(event("events-new-own", null, "x"), MediaType.APPLICATION_JSON, ingestOnly("events-new-own")))
			.hasStatus(403);
		assertThat(post(event("events-new-read", null, "x"), MediaType.APPLICATION_JSON, reader())).hasStatus(403);
		assertThat(serviceExists("events-new-own")).isFalse();
		accepted(post(event("events-new-admin", null, "x"), MediaType.APPLICATION_JSON, admin()));
		assertThat(serviceExists("events-new-admin")).isTrue();
	}

	@Test
	void replacesTimestampsOutsideTheWindowWithTheReceiveTime() {
		String now = this.clock.instant().toString();
		String future = this.clock.instant().plusSeconds(6 * 60).toString();
		String old = this.clock.instant().minusSeconds(31L * 24 * 3600).toString();
		String recent = this.clock.instant().minusSeconds(3600).toString();
		String body = "[" + timed("events-time", "t-future", future) + "," + timed("events-time", "t-old", old) + ","
				+ timed("events-time", "t-recent", recent) + "]";
		accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(occurredAt("t-future")).isEqualTo(now);
		assertThat(occurredAt("t-old")).isEqualTo(now);
		assertThat(occurredAt("t-recent")).isEqualTo(recent);
	}

	@Test
	void readsTimestampsAsRfc3339Exactly() {
		String body = "[" + timed("events-rfc3339", "t-leap", "2026-11-20T23:59:60Z") + ","
				+ timed("events-rfc3339", "t-digits", "2026-11-21T09:00:00.1234567891Z") + "]";
		accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(occurredAt("t-leap")).isEqualTo("2026-11-21T00:00:00Z");
		assertThat(occurredAt("t-digits")).isEqualTo("2026-11-21T09:00:00.123457Z");
		assertThat(post(timed("events-rfc3339", "t-minutes", "2026-11-21T09:00Z"), MediaType.APPLICATION_JSON,
				ingestAll()))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("must be an RFC 3339 date-time with offset, e.g. 2026-11-21T10:15:30.123Z");
	}

	@Test
	void answers503WithRetryAfterWhenTheDatabaseIsDown() {
		String id = UUID.randomUUID().toString();
		String body = event("events-db-down", id, corpus("nilmap-basic.txt"));
		accepted(post(event("events-db-down", null, "x"), MediaType.APPLICATION_JSON, ingestAll()));
		this.dataSource.down(true);
		try {
			assertThat(post(body, MediaType.APPLICATION_JSON, ingestAll())).hasStatus(503)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.RETRY_AFTER, "3");
			// found down: the next requests are answered at once, without waiting for a
			// connection
			assertThat(post(body, MediaType.APPLICATION_JSON, ingestAll())).hasStatus(503)
				.hasHeader(HttpHeaders.RETRY_AFTER, "3")
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("not available a moment ago");
			// so are the endpoints that write without the batched writer
			assertThat(this.mvc.post()
				.uri("/api/v1/metrics/expvar?service=events-db-down&instance=pod-1")
				.with(ingestAll())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}")
				.exchange()).hasStatus(503).hasHeader(HttpHeaders.RETRY_AFTER, "3");
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> this.writer.write(List.of(new IngestItem("events-db-down", "production", null, null,
						id, this.clock.instant(), List.of()))))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
		}
		finally {
			this.dataSource.down(false);
		}
		// the probe finds it back within a moment
		await().atMost(Duration.ofSeconds(10))
			.until(() -> post(body, MediaType.APPLICATION_JSON, ingestAll()).getResponse().getStatus() != 503);
		assertThat(eventRows("events-db-down", id)).isOne();
		JsonNode again = accepted(post(body, MediaType.APPLICATION_JSON, ingestAll()));
		assertThat(again.get("duplicates").asInt()).isOne();
	}

	private String timed(String service, String id, String timestamp) {
		return "{\"service\":\"" + service + "\",\"eventId\":\"" + id + "\",\"timestamp\":\"" + timestamp
				+ "\",\"text\":" + quote(corpus("nilmap-basic.txt")) + "}";
	}

	private String occurredAt(String eventId) {
		return this.jdbc.sql("SELECT occurred_at FROM occurrence WHERE event_id = ?")
			.param(eventId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()
			.toString();
	}

	private boolean serviceExists(String name) {
		return this.jdbc.sql("SELECT count(*) FROM service WHERE name = ?").param(name).query(Long.class).single() > 0;
	}

	private long eventRows(String service, String id) {
		return this.jdbc.sql("SELECT count(*) FROM ingested_event WHERE service = ? AND event_id = ?")
			.params(service, id)
			.query(Long.class)
			.single();
	}

	private MvcTestResult post(String body, MediaType type, RequestPostProcessor principal) {
		return this.mvc.post().uri("/api/v1/events").with(principal).contentType(type).content(body).exchange();
	}

	/**
	 * Posts a JSON body to {@code /api/v1/events} with an all-services ingest token.
	 */
	static MvcTestResult postEvents(MockMvcTester mvc, String body) {
		return mvc.post()
			.uri("/api/v1/events")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	static JsonNode accepted(MvcTestResult result) {
		assertThat(result).hasStatus(202).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		try {
			return json.readTree(result.getResponse().getContentAsString());
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String event(String service, String eventId, String text) {
		return "{\"service\":\"" + service + "\"" + ((eventId != null) ? ",\"eventId\":\"" + eventId + "\"" : "")
				+ ",\"version\":\"1.2.3\",\"instance\":\"pod-1\",\"text\":" + quote(text) + "}";
	}

	static String quote(String text) {
		return json.writeValueAsString(text);
	}

	static String corpus(String name) {
		return new String(corpusBytes(name), StandardCharsets.UTF_8);
	}

	static byte[] corpusBytes(String name) {
		try (InputStream in = EventsControllerTests.class.getResourceAsStream("/corpus/generated/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
