package io.panicboard.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import io.panicboard.ingest.IngestTestConfiguration.TestClock;
import io.panicboard.memory.GcCycleRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What real Go 1.19, 1.21, 1.22 and 1.23 processes send (files under
 * {@code src/test/resources/memory/go-runtime}, see its README): a whole captured stderr
 * through {@code POST /api/v1/logs}, and the {@code /debug/vars} documents of one process
 * through {@code POST /api/v1/metrics/expvar}, as stored and rolled up.
 */
@IngestTest
class GoRuntimeMemoryTests {

	private static final Pattern GC = Pattern.compile("gc (\\d+) @[\\d.]+s (\\d+)%: ([\\d.]+)\\+[\\d.]+\\+([\\d.]+) "
			+ "ms clock, .* ms cpu, \\d+->\\d+->(\\d+) MB, (\\d+) MB goal, .* P( \\(forced\\))?");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Autowired
	private GcCycleRecorder cycles;

	@Autowired
	private JsonMapper mapper;

	@Autowired
	private TransactionTemplate transaction;

	@ParameterizedTest(name = "{0}/{1}")
	@CsvSource({ "go1.19, churn-pacer", "go1.19, memlimit-scav", "go1.19, forced-scav", "go1.19, goroutines-scav",
			"go1.21, churn-pacer", "go1.21, memlimit-scav", "go1.21, forced-scav", "go1.21, goroutines-scav",
			"go1.22, churn-pacer", "go1.22, memlimit-scav", "go1.22, forced-scav", "go1.22, goroutines-scav",
			"go1.23, churn-pacer", "go1.23, memlimit-scav", "go1.23, forced-scav", "go1.23, goroutines-scav" })
	void storesEachCycleOfAWholeStderrOnceAndRollsItsMinuteUp(String version, String program) {
		String service = service();
		String stderr = text(version + "/" + program + ".stderr");
		List<Line> lines = lines(stderr);
		accepted(this.mvc.post()
			.uri("/api/v1/logs?service={s}&instance=pod-1&stream=stderr&final=true", service)
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content(stderr)
			.exchange());
		assertStoredOnce(service, lines);
		assertRollup(service, lines, List.of());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "go1.19", "go1.21", "go1.22", "go1.23" })
	void storesEachCycleOnceWhenTheStderrComesInPiecesCutMidLine(String version) {
		String service = service();
		byte[] stderr = text(version + "/churn-scav.stderr").getBytes(StandardCharsets.UTF_8);
		for (int from = 0; from < stderr.length; from += 1000) {
			byte[] piece = Arrays.copyOfRange(stderr, from, Math.min(stderr.length, from + 1000));
			accepted(this.mvc.post()
				.uri("/api/v1/logs?service={s}&instance=pod-1&stream=stderr&final={f}", service,
						from + 1000 >= stderr.length)
				.with(ingestAll())
				.contentType(MediaType.TEXT_PLAIN)
				.content(piece)
				.exchange());
		}
		assertStoredOnce(service, lines(new String(stderr, StandardCharsets.UTF_8)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "go1.19", "go1.21", "go1.22", "go1.23" })
	void storesEachCycleOnceFromALogShippersRecords(String version) {
		String service = service();
		String stderr = text(version + "/forced-scav.stderr");
		StringBuilder batch = new StringBuilder();
		double date = 1_795_420_000.0;
		for (String line : stderr.lines().toList()) {
			batch.append((batch.isEmpty()) ? "[" : ",")
				.append("{\"date\":")
				.append(date += 0.001)
				.append(",\"log\":\"")
				.append(line)
				.append("\\n\",\"stream\":\"stderr\",\"kubernetes\":{\"pod_name\":\"pod-1\"}}");
		}
		accepted(this.mvc.post()
			.uri("/api/v1/logs?service={s}&final=true", service)
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content(batch.append("]").toString())
			.exchange());
		assertStoredOnce(service, lines(stderr));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "go1.19", "go1.21", "go1.22", "go1.23" })
	void derivesEveryPauseOnceFromTheDocumentsOfOneProcess(String version) {
		String service = service();
		List<Document> documents = postDocuments(service, version);
		long previous = 0;
		for (Document document : documents) {
			long numGc = document.memstats().get("NumGC").asLong();
			assertThat(document.answer()).isEqualTo(
					Map.of("accepted", 1, "pauses", (int) (numGc - previous), "lostPauses", 0, "restarted", false));
			previous = numGc;
		}
		List<Map<String, Object>> pauses = this.jdbc
			.sql("SELECT number, ended_at, pause_seconds FROM gc_pause WHERE service = ? ORDER BY number")
			.param(service)
			.query()
			.listOfRows();
		assertThat(pauses).hasSize((int) previous);
		for (Map<String, Object> pause : pauses) {
			long number = (long) pause.get("number");
			Document from = documents.stream()
				.filter((document) -> document.memstats().get("NumGC").asLong() >= number)
				.findFirst()
				.orElseThrow();
			int slot = (int) ((number - 1) % 256);
			assertThat(pause.get("pause_seconds")).isEqualTo(from.memstats().get("PauseNs").get(slot).asLong() / 1e9);
			assertThat(((java.sql.Timestamp) pause.get("ended_at")).toInstant()).isCloseTo(
					Instant.ofEpochSecond(0, from.memstats().get("PauseEnd").get(slot).asLong()),
					within(1, ChronoUnit.MICROS));
		}
		List<Map<String, Object>> samples = this.jdbc.sql("""
				SELECT heap_alloc_bytes, heap_inuse_bytes, heap_sys_bytes, next_gc_bytes, num_gc, pause_total_ns,
					gc_cpu_fraction, goroutines FROM memory_sample WHERE service = ? ORDER BY received_at""")
			.param(service)
			.query()
			.listOfRows();
		assertThat(samples).hasSize(documents.size());
		for (int i = 0; i < samples.size(); i++) {
			JsonNode memstats = documents.get(i).memstats();
			assertThat(samples.get(i)).containsEntry("heap_alloc_bytes", memstats.get("HeapAlloc").asLong())
				.containsEntry("heap_inuse_bytes", memstats.get("HeapInuse").asLong())
				.containsEntry("heap_sys_bytes", memstats.get("HeapSys").asLong())
				.containsEntry("next_gc_bytes", memstats.get("NextGC").asLong())
				.containsEntry("num_gc", memstats.get("NumGC").asLong())
				.containsEntry("pause_total_ns", memstats.get("PauseTotalNs").asLong())
				.containsEntry("gc_cpu_fraction", memstats.get("GCCPUFraction").asDouble())
				.containsEntry("goroutines", 4);
		}
		Instant minute = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		Map<String, Object> row = rolledUpMinute(service);
		double[] seconds = pauses.stream()
			.mapToDouble((pause) -> (double) pause.get("pause_seconds"))
			.sorted()
			.toArray();
		JsonNode last = documents.get(documents.size() - 1).memstats();
		assertThat(row).containsEntry("minute", java.sql.Timestamp.from(minute))
			.containsEntry("cycles", (int) previous)
			.containsEntry("heap_live_max_bytes",
					documents.stream().mapToLong((d) -> d.memstats().get("HeapAlloc").asLong()).max().orElseThrow())
			.containsEntry("heap_goal_bytes", last.get("NextGC").asLong())
			.containsEntry("goroutines", 4);
		assertThat((double) row.get("gc_cpu_percent")).isCloseTo(last.get("GCCPUFraction").asDouble() * 100,
				within(1e-12));
		assertThat((double) row.get("pause_p50_seconds")).isCloseTo(percentile(seconds, 0.5), within(1e-12));
		assertThat((double) row.get("pause_p99_seconds")).isCloseTo(percentile(seconds, 0.99), within(1e-12));
		assertThat((double) row.get("pause_max_seconds")).isEqualTo(seconds[seconds.length - 1]);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "go1.19", "go1.21", "go1.22", "go1.23" })
	void countsTheCyclesOfAnInstanceThatSendsBothSourcesOnce(String version) {
		String service = service();
		List<Document> documents = postDocuments(service, version);
		String stderr = text(version + "/serve.stderr");
		List<Line> lines = lines(stderr);
		// the log shipper sends the process's stderr a second after the last sample
		this.clock.advance(Duration.ofSeconds(1));
		accepted(this.mvc.post()
			.uri("/api/v1/logs?service={s}&instance=pod-1&stream=stderr&final=true", service)
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content(stderr)
			.exchange());
		Instant minute = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		assertThat(this.jdbc.sql("SELECT count(*) FROM gc_pause WHERE service = ? AND ended_at >= ?")
			.params(service, minute.atOffset(java.time.ZoneOffset.UTC))
			.query(Long.class)
			.single()).isEqualTo(lines.size());
		assertRollup(service, lines, documents);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "go1.19", "go1.21", "go1.22", "go1.23" })
	void countsTheCyclesTheRingNoLongerHeldWhenSamplesWereNotSent(String version) {
		String service = service();
		// the three samples between were never sent: more than 256 cycles passed
		List<Document> documents = postDocuments(service, List.of(version + "/vars-1.json", version + "/vars-5.json"));
		long first = documents.get(0).memstats().get("NumGC").asLong();
		long last = documents.get(1).memstats().get("NumGC").asLong();
		assertThat(last - first).isGreaterThan(256);
		assertThat(documents.get(1).answer()).isEqualTo(
				Map.of("accepted", 1, "pauses", 256, "lostPauses", (int) (last - first - 256), "restarted", false));
		assertThat(this.jdbc.sql("SELECT number FROM gc_pause WHERE service = ? ORDER BY number")
			.param(service)
			.query(Long.class)
			.list()).containsExactlyElementsOf(
					LongStream.rangeClosed(1, last).filter((n) -> n <= first || n > last - 256).boxed().toList());
	}

	@Test
	void startsANewSeriesWhenARestartedInstanceHasRunMoreCyclesThanTheOldProcessHad() {
		String service = service();
		// the Go 1.19 build ran 31 cycles before its sample; the Go 1.21 build replacing
		// it
		// under the same instance name, 157 before its first
		List<Document> documents = postDocuments(service, List.of("go1.19/vars-1.json", "go1.21/vars-2.json"));
		assertThat(documents.get(1).answer())
			.isEqualTo(Map.of("accepted", 1, "pauses", 157, "lostPauses", 0, "restarted", true));
		assertThat(this.jdbc.sql("SELECT count(*) FROM gc_pause WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(31 + 157);
	}

	/**
	 * Posts the five {@code /debug/vars} documents of a version's expvar program as it
	 * would have.
	 */
	private List<Document> postDocuments(String service, String version) {
		return postDocuments(service,
				text(version + "/vars-times.txt").lines()
					.map((fetch) -> version + "/" + fetch.substring(0, fetch.indexOf(' ')))
					.toList());
	}

	/**
	 * Posts {@code /debug/vars} documents, each at its fetch time
	 * ({@code vars-times.txt}), moved (with every {@code PauseEnd} and {@code LastGC}) so
	 * that the first is fetched ten seconds into a minute of the test clock.
	 */
	private List<Document> postDocuments(String service, List<String> files) {
		Instant start = this.clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofSeconds(70));
		this.clock.advance(Duration.between(this.clock.instant(), start));
		List<Document> documents = new ArrayList<>();
		long firstFetch = 0;
		long shift = 0;
		for (String file : files) {
			long fetchedAt = fetchedAt(file);
			if (firstFetch == 0) {
				firstFetch = fetchedAt;
				shift = start.getEpochSecond() * 1_000_000_000L + start.getNano() - fetchedAt;
			}
			// the clock the other tests share keeps whole microseconds, as PostgreSQL
			// does
			Instant receivedAt = start.plusNanos(fetchedAt - firstFetch).truncatedTo(ChronoUnit.MICROS);
			this.clock.advance(Duration.between(this.clock.instant(), receivedAt));
			String text = shifted(text(file), shift);
			MvcTestResult result = this.mvc.post()
				.uri("/api/v1/metrics/expvar?service={s}&instance=pod-1", service)
				.with(ingestAll())
				.contentType(MediaType.APPLICATION_JSON)
				.content(text)
				.exchange();
			assertThat(result).hasStatus(202);
			documents.add(new Document(this.mapper.readTree(text).get("memstats"),
					this.mapper.readValue(result.getResponse().getContentAsByteArray(), Map.class)));
		}
		return documents;
	}

	private static long fetchedAt(String file) {
		String version = file.substring(0, file.indexOf('/'));
		String name = file.substring(file.indexOf('/') + 1);
		return text(version + "/vars-times.txt").lines()
			.filter((fetch) -> fetch.startsWith(name + " "))
			.mapToLong((fetch) -> Long.parseLong(fetch.substring(name.length() + 1)))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * A document with its {@code PauseEnd} and {@code LastGC} moved by {@code shift} ns.
	 */
	private String shifted(String document, long shift) {
		JsonNode memstats = this.mapper.readTree(document).get("memstats");
		StringBuilder ends = new StringBuilder("\"PauseEnd\":[");
		for (JsonNode end : memstats.get("PauseEnd")) {
			ends.append((ends.length() > 12) ? "," : "").append((end.asLong() != 0) ? end.asLong() + shift : 0);
		}
		return document.replaceFirst("\"PauseEnd\":\\[[0-9,]*\\]", ends.append("]").toString())
			.replaceFirst("\"LastGC\":[0-9]+", "\"LastGC\":" + (memstats.get("LastGC").asLong() + shift));
	}

	private void assertStoredOnce(String service, List<Line> lines) {
		assertThat(this.jdbc.sql("SELECT number FROM gc_cycle WHERE service = ? ORDER BY number")
			.param(service)
			.query(Long.class)
			.list()).containsExactlyElementsOf(lines.stream().map(Line::number).sorted().toList());
		assertThat(this.jdbc.sql("SELECT count(*) FROM gc_cycle WHERE service = ? AND forced")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(lines.stream().filter(Line::forced).count());
		assertThat(this.jdbc.sql("SELECT count(*) FROM incident WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isZero();
	}

	/** Rolls up the current minute and reads the service's one {@code gc_minute} row. */
	private Map<String, Object> rolledUpMinute(String service) {
		Instant minute = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		this.transaction.executeWithoutResult(
				(status) -> this.cycles.rollUpReceivedBetween(minute, minute.plus(Duration.ofMinutes(1))));
		return this.jdbc.sql("SELECT * FROM gc_minute WHERE service = ?").param(service).query().singleRow();
	}

	private void assertRollup(String service, List<Line> lines, List<Document> documents) {
		Map<String, Object> row = rolledUpMinute(service);
		double[] pauses = lines.stream().mapToDouble((line) -> line.pauseMs() / 1000).sorted().toArray();
		Line last = lines.stream().max(Comparator.comparingLong(Line::number)).orElseThrow();
		assertThat(row.get("instance")).isEqualTo("pod-1");
		assertThat(row.get("cycles")).isEqualTo(lines.size());
		assertThat((double) row.get("pause_p50_seconds")).isCloseTo(percentile(pauses, 0.5), within(1e-12));
		assertThat((double) row.get("pause_p99_seconds")).isCloseTo(percentile(pauses, 0.99), within(1e-12));
		assertThat((double) row.get("pause_max_seconds")).isCloseTo(pauses[pauses.length - 1], within(1e-12));
		long heapAlloc = documents.stream().mapToLong((d) -> d.memstats().get("HeapAlloc").asLong()).max().orElse(0);
		assertThat(row.get("heap_live_max_bytes"))
			.isEqualTo(Math.max(heapAlloc, lines.stream().mapToLong(Line::liveMb).max().orElseThrow() << 20));
		assertThat(row.get("heap_goal_bytes")).isEqualTo(last.goalMb() << 20);
		assertThat(row.get("gc_cpu_percent")).isEqualTo((double) last.cpuPercent());
		assertThat(row.get("goroutines")).isEqualTo(documents.isEmpty() ? null : 4);
	}

	private static double percentile(double[] sorted, double p) {
		double at = p * (sorted.length - 1);
		int below = (int) Math.floor(at);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
	}

	private static List<Line> lines(String stderr) {
		List<Line> lines = new ArrayList<>();
		for (String line : stderr.lines().toList()) {
			Matcher m = GC.matcher(line);
			if (m.matches()) {
				lines.add(new Line(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
						Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4)), Long.parseLong(m.group(5)),
						Long.parseLong(m.group(6)), m.group(7) != null));
			}
		}
		assertThat(lines).isNotEmpty();
		return lines;
	}

	private static String service() {
		return "gcrun-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String text(String file) {
		try (InputStream in = GoRuntimeMemoryTests.class.getResourceAsStream("/memory/go-runtime/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Document(JsonNode memstats, Map<?, ?> answer) {
	}

	private record Line(long number, int cpuPercent, double pauseMs, long liveMb, long goalMb, boolean forced) {
	}

}
