package io.panicboard.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import io.panicboard.ingest.IngestTestConfiguration.TestClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.EventsControllerTests.corpus;
import static io.panicboard.ingest.EventsControllerTests.corpusBytes;
import static io.panicboard.ingest.EventsControllerTests.gzip;
import static io.panicboard.ingest.EventsControllerTests.quote;
import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static io.panicboard.ingest.IngestTestConfiguration.ingestOnly;
import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class LogsControllerTests {

	private static final String LOG_BEFORE = "2026/11/21 10:00:00 listening on :8080\n2026/11/21 10:00:01 GET /\n";

	private static final String LOG_AFTER = "2026/11/21 10:00:02 restarting\n2026/11/21 10:00:03 listening on :8080\n"
			+ "2026/11/21 10:00:04 GET /\n2026/11/21 10:00:05 GET /health\n";

	/** nilmap-basic.txt cut after its goroutine header: no frame in the first part. */
	private static final String FIRST_HALF = "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n";

	private static final String SECOND_HALF = "main.main()\n\t/home/gopher/crashlab/nilmap-basic/main.go:8 +0x70\n";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Autowired
	private StreamTailJob tailJob;

	@Test
	void findsCrashInRawLogStream() {
		JsonNode answer = accepted(raw("logs-raw", "i-1", LOG_BEFORE + corpus("nilmap-basic.txt") + LOG_AFTER));
		assertThat(answer.get("accepted").asInt()).isOne();
		assertThat(answer.get("findings").asInt()).isOne();
		assertThat(answer.get("incidents")).hasSize(1);
		assertThat(tail("logs-raw", "i-1")).isNull();
	}

	@Test
	void acceptsGzipLogs() throws IOException {
		byte[] body = gzip((LOG_BEFORE + corpus("nilmap-basic.txt") + LOG_AFTER
				+ new String(corpusBytes("gctrace-alloc.txt"), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/logs?service=logs-gzip&instance=i-1&final=true")
			.with(ingestAll())
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.contentType(MediaType.TEXT_PLAIN)
			.content(body)
			.exchange();
		JsonNode answer = accepted(result);
		assertThat(answer.get("incidents")).hasSize(1);
		assertThat(answer.get("findings").asInt()).isGreaterThan(1);
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM gc_cycle WHERE service = 'logs-gzip'").query(Long.class).single())
			.isEqualTo(answer.get("findings").asLong() - 1);
	}

	@Test
	void rejectsLogBodyOverTheLimit() throws IOException {
		byte[] big = "y".repeat(1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
		assertThat(this.mvc.post()
			.uri("/api/v1/logs?service=logs-big")
			.with(ingestAll())
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(gzip(big))
			.exchange()).hasStatus(413).bodyJson().extractingPath("$.maxBytes").isEqualTo(1024 * 1024);
	}

	/**
	 * A raw body is analysed while it is read, so the service is authorized before; it
	 * used to be created then too, and stayed when the body was then rejected.
	 */
	@Test
	void aRejectedRawBodyCreatesNoService() throws IOException {
		assertThat(this.mvc.post()
			.uri("/api/v1/logs?service=logs-ghost-gzip")
			.with(ingestAll())
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content("not gzip at all")
			.exchange()).hasStatus(400);
		assertThat(this.mvc.post()
			.uri("/api/v1/logs?service=logs-ghost-big")
			.with(ingestAll())
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(gzip("y".repeat(1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8)))
			.exchange()).hasStatus(413);
		assertThat(serviceExists("logs-ghost-gzip")).isFalse();
		assertThat(serviceExists("logs-ghost-big")).isFalse();
		accepted(raw("logs-ghost-big", "i-1&final=true", "INFO now it is real\n"));
		assertThat(serviceExists("logs-ghost-big")).isTrue();
	}

	@Test
	void aRejectedRecordBatchCreatesNoService() {
		assertThat(this.mvc.post()
			.uri("/api/v1/logs")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content("[" + fluentBit("pod-1", "logs-ghost-records", "INFO a") + ",{\"log\":\"no service\"}]"))
			.hasStatus(400);
		assertThat(serviceExists("logs-ghost-records")).isFalse();
	}

	@Test
	void refusesAParameterGivenTwice() {
		assertThat(this.mvc.post()
			.uri("/api/v1/logs?service=logs-twice-a&service=logs-twice-b")
			.with(ingestAll())
			.content("x")
			.exchange()).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0]")
			.isEqualTo(java.util.Map.of("field", "service", "message", "must be given once"));
	}

	@Test
	void requiresAServiceForRawLogs() {
		assertThat(this.mvc.post().uri("/api/v1/logs").with(ingestAll()).content("x").exchange()).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("service");
	}

	@Test
	void refusesAnotherServiceToAOneServiceToken() {
		assertThat(this.mvc.post().uri("/api/v1/logs?service=logs-other").with(ingestOnly("logs-mine")).content("x"))
			.hasStatus(403);
	}

	@Test
	void requiresAPrincipal() {
		assertThat(this.mvc.post().uri("/api/v1/logs?service=logs-anonymous").content("x")).hasStatus(401);
	}

	@Test
	void joinsACrashSplitAcrossTwoRequestsWithinTheWait() {
		long whole = incidentOf(accepted(raw("logs-split", "whole&final=true", corpus("nilmap-basic.txt"))));
		JsonNode first = accepted(raw("logs-split", "i-1", LOG_BEFORE + FIRST_HALF));
		assertThat(first.get("findings").asInt()).isZero();
		assertThat(tail("logs-split", "i-1")).isEqualTo(FIRST_HALF);
		this.clock.advance(Duration.ofSeconds(9));
		JsonNode second = accepted(raw("logs-split", "i-1", SECOND_HALF + LOG_AFTER));
		assertThat(second.get("findings").asInt()).isOne();
		assertThat(incidentOf(second)).isEqualTo(whole);
		assertThat(tail("logs-split", "i-1")).isNull();
		assertThat(occurrences("logs-split", "i-1")).isOne();
	}

	@Test
	void doesNotJoinAfterTheWait() {
		long whole = incidentOf(accepted(raw("logs-late", "whole&final=true", corpus("nilmap-basic.txt"))));
		assertThat(accepted(raw("logs-late", "i-1", LOG_BEFORE + FIRST_HALF)).get("findings").asInt()).isZero();
		this.clock.advance(Duration.ofSeconds(11));
		JsonNode second = accepted(raw("logs-late", "i-1", SECOND_HALF + LOG_AFTER));
		assertThat(second.get("findings").asInt()).isOne();
		assertThat(incidentOf(second)).isNotEqualTo(whole);
		assertThat(occurrences("logs-late", "i-1")).isOne();
	}

	@Test
	void storesATailNobodyContinued() {
		accepted(raw("logs-expired", "i-1", LOG_BEFORE + FIRST_HALF));
		assertThat(occurrences("logs-expired", "i-1")).isZero();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.tailJob.flush(this.clock.instant())).isPositive();
		assertThat(tail("logs-expired", "i-1")).isNull();
		assertThat(occurrences("logs-expired", "i-1")).isOne();
		assertThat(this.tailJob.flush(this.clock.instant())).isZero();
	}

	/**
	 * More expired tails than one page: one run of the job stores them all (it took one
	 * page of 100 per run, so 2,000 pods' tails waited minutes).
	 */
	@Test
	void storesEveryExpiredTailInOneRun() {
		accepted(raw("logs-many-tails", "register&final=true", "INFO hello\n"));
		this.jdbc.sql("""
				INSERT INTO stream_tail (service, environment, instance, stream, text, generation, updated_at)
				SELECT 'logs-many-tails', 'production', 'pod-' || n, 'stderr', ?, gen_random_uuid(), ?
				FROM generate_series(1, 250) AS n""")
			.params(FIRST_HALF.getBytes(StandardCharsets.UTF_8), java.sql.Timestamp.from(this.clock.instant()))
			.update();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.tailJob.flush(this.clock.instant())).isGreaterThanOrEqualTo(250);
		assertThat(this.jdbc.sql("SELECT count(*) FROM stream_tail WHERE service = 'logs-many-tails'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM occurrence WHERE service = 'logs-many-tails'")
			.query(Long.class)
			.single()).isEqualTo(250);
	}

	/**
	 * A crash that reaches the end of a request but is longer than a tail may be (256
	 * KiB) is stored at once, flagged incomplete: its rest, in the next request, is not
	 * joined with it.
	 */
	@Test
	void storesACrashTooLongForATailFlaggedIncomplete() {
		StringBuilder crash = new StringBuilder("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"
				+ "\t/home/gopher/crashlab/bigtail/main.go:8 +0x70\n");
		for (int g = 2; crash.length() < 300 * 1024; g++) {
			crash.append("\ngoroutine ")
				.append(g)
				.append(" [chan receive]:\nmain.worker(0xc000012345, 0xc000067890)\n")
				.append("\t/home/gopher/crashlab/bigtail/internal/workers/worker.go:42 +0x5d\n")
				.append("created by main.main in goroutine 1\n\t/home/gopher/crashlab/bigtail/main.go:7 +0x30\n");
		}
		JsonNode first = accepted(raw("logs-big-tail", "i-1", LOG_BEFORE + crash));
		assertThat(first.get("findings").asInt()).isOne();
		assertThat(tail("logs-big-tail", "i-1")).isNull();
		accepted(raw("logs-big-tail", "i-1&final=true", "\ngoroutine 99999 [select]:\nmain.late()\n" + LOG_AFTER));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM occurrence
				WHERE service = 'logs-big-tail' AND (finding -> 'truncation' ->> 'incomplete')::boolean""")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void keepsNothingForTheLastRequestOfAStream() {
		JsonNode answer = accepted(raw("logs-final", "i-1&final=true", LOG_BEFORE + corpus("nilmap-basic.txt")));
		assertThat(answer.get("findings").asInt()).isOne();
		assertThat(tail("logs-final", "i-1")).isNull();
	}

	/**
	 * Fluent Bit {@code http} output, {@code format json} (the default
	 * {@code json_date_key date}, {@code json_date_format double}), records from the
	 * {@code tail} input with the {@code cri} multiline parser and the {@code kubernetes}
	 * filter: a JSON array.
	 */
	@Test
	void readsFluentBitJsonArrayWithKubernetesMetadata() {
		String body = "[" + fluentBit("orders-7d9c5-x2k4p", "orders-fb", "2026/11/21 10:00:00 starting") + ","
				+ crashRecords((line) -> fluentBit("orders-7d9c5-x2k4p", "orders-fb", line), ",") + ","
				+ fluentBit("orders-7d9c5-q8r2m", "orders-fb", "2026/11/21 10:00:01 GET /") + "]";
		JsonNode answer = postRecords("/api/v1/logs?final=true", MediaType.APPLICATION_JSON, body);
		assertThat(answer.get("accepted").asInt()).isEqualTo(2);
		assertThat(answer.get("findings").asInt()).isOne();
		assertThat(occurrences("orders-fb", "orders-7d9c5-x2k4p")).isOne();
	}

	/** Fluent Bit {@code format json_lines}: one record per line. */
	@Test
	void readsFluentBitJsonLines() {
		String body = crashRecords((line) -> fluentBit("orders-7d9c5-x2k4p", "orders-fbl", line), "\n") + "\n";
		JsonNode answer = postRecords("/api/v1/logs?final=true", MediaType.parseMediaType("application/x-ndjson"),
				body);
		assertThat(answer.get("findings").asInt()).isOne();
		assertThat(occurrences("orders-fbl", "orders-7d9c5-x2k4p")).isOne();
	}

	/**
	 * Vector {@code http} sink, {@code encoding.codec = "json"} (a JSON array), records
	 * from the {@code kubernetes_logs} source.
	 */
	@Test
	void readsVectorJsonArrayWithKubernetesMetadata() {
		String body = "[" + crashRecords((line) -> vector("payments-5f6b7-abcde", "payments-vec", line), ",") + "]";
		JsonNode answer = postRecords("/api/v1/logs?final=true&environment=staging", MediaType.APPLICATION_JSON, body);
		assertThat(answer.get("findings").asInt()).isOne();
		assertThat(occurrences("payments-vec", "payments-5f6b7-abcde")).isOne();
	}

	/** Vector with {@code framing.method = "newline_delimited"}: NDJSON. */
	@Test
	void readsVectorNdjson() {
		String body = crashRecords((line) -> vector("payments-5f6b7-abcde", "payments-vnd", line), "\n") + "\n";
		JsonNode answer = postRecords("/api/v1/logs?final=true", MediaType.parseMediaType("application/x-ndjson"),
				body);
		assertThat(answer.get("findings").asInt()).isOne();
	}

	@Test
	void answersAnEmptyRecordBatchLikeEvents() {
		assertThat(this.mvc.post()
			.uri("/api/v1/logs?service=logs-empty-json")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content("")).hasStatus(400).bodyJson().extractingPath("$.type").isEqualTo("/problems/malformed-json");
		assertThat(accepted(raw("logs-empty-json", "i-1", "")).get("findings").asInt()).isZero();
	}

	@Test
	void rejectsRecordsWithoutAService() {
		assertThat(this.mvc.post()
			.uri("/api/v1/logs")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content("[{\"log\":\"a\"},{\"date\":1.5,\"log\":\"b\"}]")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("[0].service", "[1].service");
	}

	@Test
	void storesBlankParametersAndRecordMetadataAsNotGiven() {
		accepted(this.mvc.post()
			.uri(URI.create("/api/v1/logs?service=logs-blank&version=%20&instance=%20%20&stream=%09&final=true"))
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content(corpusBytes("nilmap-basic.txt"))
			.exchange());
		postRecords("/api/v1/logs?final=true", MediaType.APPLICATION_JSON,
				"[" + crashRecords((line) -> fluentBit(" ", "logs-blank", line), ",") + "]");
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM occurrence WHERE service = 'logs-blank' AND version IS NULL AND instance IS NULL")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	/**
	 * A record's metadata has the limits of the query parameters: a 3,000-character pod
	 * name used to reach PostgreSQL, fail the batch on an index key too large and open
	 * the database circuit for everyone.
	 */
	@Test
	void rejectsRecordMetadataLongerThanTheQueryParametersMayBe() {
		String longPod = incompressible(3000);
		String body = "[" + fluentBit("orders-ok", "logs-long-meta", "INFO fine") + ","
				+ fluentBit(longPod, "logs-long-meta", "panic: boom") + ","
				+ fluentBit("orders-ok", "logs-long-meta", "INFO fine").replace("\"stderr\"", quote("s".repeat(65)))
				+ "]";
		assertThat(this.mvc.post()
			.uri("/api/v1/logs?final=true")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("[1].instance", "[2].stream");
		assertThat(this.jdbc.sql("SELECT count(*) FROM stream_tail WHERE service = 'logs-long-meta'")
			.query(Long.class)
			.single()).isZero();
		postRecords("/api/v1/logs?final=true", MediaType.APPLICATION_JSON,
				"[" + crashRecords((line) -> fluentBit("orders-ok", "logs-long-meta", line), ",") + "]");
		assertThat(occurrences("logs-long-meta", "orders-ok")).isOne();
	}

	@Test
	void aQueryInstanceReplacesALongRecordInstance() {
		postRecords("/api/v1/logs?final=true&instance=short", MediaType.APPLICATION_JSON,
				"[" + crashRecords((line) -> fluentBit(incompressible(3000), "logs-long-override", line), ",") + "]");
		assertThat(occurrences("logs-long-override", "short")).isOne();
	}

	/**
	 * Random letters: PostgreSQL compresses a repetitive key below the index limit.
	 * @param length the length
	 * @return the text
	 */
	static String incompressible(int length) {
		Random random = new Random(length);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
		}
		return text.toString();
	}

	private static String crashRecords(java.util.function.Function<String, String> record, String separator) {
		return corpus("nilmap-basic.txt").lines().map(record).collect(java.util.stream.Collectors.joining(separator));
	}

	private static String fluentBit(String pod, String app, String line) {
		return "{\"date\":1763719200.123456,\"time\":\"2026-11-21T10:00:00.123456789Z\",\"stream\":\"stderr\","
				+ "\"_p\":\"F\",\"log\":" + quote(line) + ",\"kubernetes\":{\"pod_name\":\"" + pod
				+ "\",\"namespace_name\":\"shop\",\"pod_id\":\"0c6a3d4e-8f0b-4a51-9e5c-2d7f3b1a9c10\","
				+ "\"labels\":{\"app\":\"" + app + "\",\"pod-template-hash\":\"7d9c5\"},\"host\":\"node-1\","
				+ "\"container_name\":\"" + app + "\",\"docker_id\":\"5e1f0a9b8c7d\","
				+ "\"container_hash\":\"registry.example.com/shop/" + app + "@sha256:4f3c\","
				+ "\"container_image\":\"registry.example.com/shop/" + app + ":1.4.2\"}}";
	}

	private static String vector(String pod, String app, String line) {
		return "{\"file\":\"/var/log/pods/shop_" + pod + "_0c6a3d4e/" + app + "/0.log\",\"kubernetes\":{"
				+ "\"container_id\":\"containerd://5e1f0a9b8c7d\",\"container_image\":\"registry.example.com/shop/"
				+ app + ":1.4.2\",\"container_name\":\"" + app + "\",\"namespace_labels\":{"
				+ "\"kubernetes.io/metadata.name\":\"shop\"},\"node_labels\":{},\"pod_ip\":\"10.1.2.3\","
				+ "\"pod_ips\":[\"10.1.2.3\"],\"pod_labels\":{\"app\":\"" + app + "\",\"pod-template-hash\":\"5f6b7\"},"
				+ "\"pod_name\":\"" + pod + "\",\"pod_namespace\":\"shop\",\"pod_node_name\":\"node-1\","
				+ "\"pod_owner\":\"ReplicaSet/" + app
				+ "-5f6b7\",\"pod_uid\":\"0c6a3d4e-8f0b-4a51-9e5c-2d7f3b1a9c10\"}," + "\"message\":" + quote(line)
				+ ",\"source_type\":\"kubernetes_logs\",\"stream\":\"stderr\","
				+ "\"timestamp\":\"2026-11-21T10:00:00.123456789Z\"}";
	}

	private MvcTestResult raw(String service, String instance, String text) {
		return this.mvc.post()
			.uri("/api/v1/logs?service=" + service + "&instance=" + instance + "&stream=stderr")
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content(text.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private static long incidentOf(JsonNode answer) {
		assertThat(answer.get("incidents")).hasSize(1);
		return answer.get("incidents").get(0).get("id").asLong();
	}

	private String tail(String service, String instance) {
		return this.jdbc.sql("SELECT text FROM stream_tail WHERE service = ? AND instance = ?")
			.params(service, instance)
			.query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
			.optional()
			.orElse(null);
	}

	private boolean serviceExists(String name) {
		return this.jdbc.sql("SELECT count(*) FROM service WHERE name = ?").param(name).query(Long.class).single() > 0;
	}

	private long occurrences(String service, String instance) {
		return this.jdbc.sql("SELECT count(*) FROM occurrence WHERE service = ? AND instance = ?")
			.params(service, instance)
			.query(Long.class)
			.single();
	}

	private JsonNode postRecords(String uri, MediaType type, String body) {
		return accepted(this.mvc.post().uri(uri).with(ingestAll()).contentType(type).content(body).exchange());
	}

}
