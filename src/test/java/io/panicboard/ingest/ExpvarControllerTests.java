package io.panicboard.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.panicboard.ingest.IngestTestConfiguration.TestClock;
import io.panicboard.memory.MemorySampleRecorder;
import io.panicboard.memory.NewMemorySample;
import io.panicboard.memory.RecordedMemorySample;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static io.panicboard.ingest.IngestTestConfiguration.ingestOnly;
import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class ExpvarControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Autowired
	private MemorySampleRecorder recorder;

	@Test
	void storesTheSampleAndThePausesSinceTheInstancesPreviousSample() {
		String service = service();
		Runtime runtime = new Runtime(this.clock.instant()).collect(3);
		JsonNode first = accepted(post(service, "pod-a", runtime.document(42), ingestAll()));
		assertThat(first.get("accepted").asInt()).isOne();
		assertThat(first.get("pauses").asInt()).isEqualTo(3);
		assertThat(first.get("lostPauses").asLong()).isZero();
		JsonNode second = accepted(post(service, "pod-a", runtime.collect(2).document(45), ingestAll()));
		assertThat(second.get("pauses").asInt()).isEqualTo(2);
		assertThat(this.jdbc
			.sql("SELECT number || ':' || pause_seconds FROM gc_pause WHERE service = ? AND instance = 'pod-a' "
					+ "ORDER BY number")
			.param(service)
			.query(String.class)
			.list()).containsExactly("1:1e-05", "2:2e-05", "3:3e-05", "4:4e-05", "5:5e-05");
		assertThat(this.jdbc.sql("SELECT ended_at FROM gc_pause WHERE service = ? AND number = 5")
			.param(service)
			.query(Instant.class)
			.single()).isEqualTo(runtime.endOf(5));
		// each pause keeps when its sample was received, for the GC minute rollup
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM gc_pause p WHERE service = ? AND received_at IN (
					SELECT received_at FROM memory_sample s WHERE s.service = p.service)""")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(5);
		assertThat(this.jdbc.sql("""
				SELECT heap_alloc_bytes || '/' || heap_inuse_bytes || '/' || heap_sys_bytes || '/' || next_gc_bytes
					|| '/' || num_gc || '/' || pause_total_ns || '/' || gc_cpu_fraction || '/' || goroutines
					|| '/' || environment
				FROM memory_sample WHERE service = ? ORDER BY num_gc""").param(service).query(String.class).list())
			.containsExactly("5003/6003/9003/8003/3/60000/0.003/42/staging",
					"5005/6005/9005/8005/5/150000/0.005/45/staging");
	}

	@Test
	void keepsTheInstancesOfAServiceApart() {
		String service = service();
		Runtime a = new Runtime(this.clock.instant()).collect(4);
		Runtime b = new Runtime(this.clock.instant()).collect(2);
		assertThat(accepted(post(service, "pod-a", a.document(1), ingestAll())).get("pauses").asInt()).isEqualTo(4);
		assertThat(accepted(post(service, "pod-b", b.document(1), ingestAll())).get("pauses").asInt()).isEqualTo(2);
		assertThat(accepted(post(service, "pod-a", a.collect(1).document(1), ingestAll())).get("pauses").asInt())
			.isOne();
	}

	@Test
	void reportsThePausesTheRingNoLongerHeld() {
		String service = service();
		Runtime runtime = new Runtime(this.clock.instant()).collect(10);
		accepted(post(service, "pod-a", runtime.document(1), ingestAll()));
		JsonNode answer = accepted(post(service, "pod-a", runtime.collect(590).document(1), ingestAll()));
		assertThat(answer.get("pauses").asInt()).isEqualTo(256);
		assertThat(answer.get("lostPauses").asLong()).isEqualTo(590 - 256);
		assertThat(this.jdbc.sql("SELECT min(number) FROM gc_pause WHERE service = ? AND number > 10")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(345);
	}

	@Test
	void startsANewSeriesAfterARestart() {
		String service = service();
		Instant now = this.clock.instant();
		accepted(post(service, "pod-a", new Runtime(now).collect(50).document(1), ingestAll()));
		JsonNode answer = accepted(post(service, "pod-a", new Runtime(now).collect(2).document(1), ingestAll()));
		assertThat(answer.get("restarted").asBoolean()).isTrue();
		assertThat(answer.get("pauses").asInt()).isEqualTo(2);
	}

	@Test
	void derivesNothingFromASampleThatCommitsAfterALaterReceivedOne() {
		String service = service();
		Instant now = this.clock.instant();
		Runtime runtime = new Runtime(now).collect(5);
		assertThat(this.recorder.record(sample(service, now, runtime)).pauses()).isEqualTo(5);
		NewMemorySample overtaken = sample(service, now.plusSeconds(15), runtime.collect(5));
		// received first, but held up (waiting for a connection) while the next sample
		// was received and stored
		RecordedMemorySample later = this.recorder.record(sample(service, now.plusSeconds(30), runtime.collect(10)));
		assertThat(later.pauses()).isEqualTo(15);
		RecordedMemorySample late = this.recorder.record(overtaken);
		assertThat(late).isEqualTo(new RecordedMemorySample(0, 0, false));
		assertThat(this.jdbc.sql("SELECT count(*) FROM gc_pause WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(20);
		assertThat(this.jdbc.sql("SELECT count(*) FROM memory_sample WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	private static NewMemorySample sample(String service, Instant receivedAt, Runtime runtime) {
		return new NewMemorySample(service, "production", "pod-a", receivedAt, 1, 1, 1, 1, runtime.numGc, 1, 0.01, null,
				runtime.pauseNs.clone(), runtime.pauseEnd.clone());
	}

	@Test
	void derivesEachPauseOnceWhenOneInstancePostsConcurrently() throws Exception {
		String service = service();
		Runtime runtime = new Runtime(this.clock.instant()).collect(7);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			// several rounds, each a new instance, so that a missing lock shows
			for (int round = 0; round < 8; round++) {
				NewMemorySample sample = new NewMemorySample(service, "production", "pod-" + round,
						this.clock.instant(), 1, 1, 1, 1, 7, 1, 0.01, null, runtime.pauseNs, runtime.pauseEnd);
				List<Future<RecordedMemorySample>> answers = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					answers.add(pool.submit(() -> this.recorder.record(sample)));
				}
				int pauses = 0;
				for (Future<RecordedMemorySample> answer : answers) {
					pauses += answer.get().pauses();
				}
				assertThat(pauses).isEqualTo(7);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM gc_pause WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(8 * 7);
	}

	@Test
	void namesTheMissingMemstatsFieldAndStoresNothing() {
		String service = service();
		String document = new Runtime(this.clock.instant()).collect(1).document(1).replace("\"NextGC\"", "\"Next\"");
		MvcTestResult result = post(service, "pod-a", document, ingestAll());
		assertThat(result).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("memstats.NextGC");
		assertThat(this.jdbc.sql("SELECT count(*) FROM memory_sample WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void rejectsADocumentWithoutMemstats() {
		assertThat(post(service(), "pod-a", "{\"cmdline\":[\"/app\"]}", ingestAll())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("memstats");
	}

	@Test
	void rejectsARingOfTheWrongLength() {
		String document = "{\"memstats\":{\"HeapAlloc\":1,\"HeapInuse\":1,\"HeapSys\":1,\"NextGC\":1,\"NumGC\":1,"
				+ "\"PauseTotalNs\":1,\"GCCPUFraction\":0.1,\"PauseNs\":[1,2],\"PauseEnd\":[1,2]}}";
		assertThat(post(service(), "pod-a", document, ingestAll())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("memstats.PauseNs", "memstats.PauseEnd");
	}

	@Test
	void rejectsMalformedJson() {
		assertThat(post(service(), "pod-a", "{\"memstats\":", ingestAll())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("/problems/malformed-json");
	}

	@Test
	void requiresServiceAndInstance() {
		assertThat(this.mvc.post()
			.uri("/api/v1/metrics/expvar")
			.with(ingestAll())
			.contentType(MediaType.APPLICATION_JSON)
			.content(new Runtime(this.clock.instant()).document(1))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("service", "instance");
	}

	@Test
	void refusesABodyOverOneMebibyte() {
		String padding = "\"x\":\"" + "y".repeat(1024 * 1024) + "\",";
		String document = "{" + padding + new Runtime(this.clock.instant()).document(1).substring(1);
		assertThat(post(service(), "pod-a", document, ingestAll())).hasStatus(413);
	}

	@Test
	void aOneServiceTokenMayOnlyPostForItsService() {
		String service = service();
		String other = service();
		String document = new Runtime(this.clock.instant()).collect(1).document(1);
		accepted(post(service, "pod-a", document, ingestAll()));
		accepted(post(service, "pod-b", document, ingestOnly(service)));
		assertThat(post(other, "pod-a", document, ingestOnly(service))).hasStatus(403);
	}

	private MvcTestResult post(String service, String instance, String document, RequestPostProcessor caller) {
		return this.mvc.post()
			.uri("/api/v1/metrics/expvar?service={s}&environment=staging&instance={i}", service, instance)
			.with(caller)
			.contentType(MediaType.APPLICATION_JSON)
			.content(document)
			.exchange();
	}

	private static String service() {
		return "expvar-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A Go process's memstats: cycle k paused k × 10 µs and ended k ms after the start.
	 */
	static final class Runtime {

		final long[] pauseNs = new long[256];

		final long[] pauseEnd = new long[256];

		private final Instant start;

		long numGc;

		long pauseTotalNs;

		Runtime(Instant start) {
			this.start = start.minusSeconds(60);
		}

		Runtime collect(int cycles) {
			for (int i = 0; i < cycles; i++) {
				this.numGc++;
				int index = (int) ((this.numGc + 255) % 256);
				this.pauseNs[index] = this.numGc * 10_000;
				this.pauseEnd[index] = unixNanos(endOf(this.numGc));
				this.pauseTotalNs += this.pauseNs[index];
			}
			return this;
		}

		Instant endOf(long cycle) {
			return this.start.plusMillis(cycle);
		}

		/** A /debug/vars document, with fields panicboard ignores. */
		String document(int goroutines) {
			return "{\"cmdline\":[\"/app/server\",\"-addr=:8080\"],\"goroutines\":" + goroutines
					+ ",\"memstats\":{\"Alloc\":" + (5000 + this.numGc) + ",\"TotalAlloc\":99,\"Sys\":12000,"
					+ "\"HeapAlloc\":" + (5000 + this.numGc) + ",\"HeapInuse\":" + (6000 + this.numGc) + ",\"HeapSys\":"
					+ (9000 + this.numGc) + ",\"NextGC\":" + (8000 + this.numGc) + ",\"LastGC\":1,\"PauseTotalNs\":"
					+ this.pauseTotalNs + ",\"PauseNs\":" + array(this.pauseNs) + ",\"PauseEnd\":"
					+ array(this.pauseEnd) + ",\"NumGC\":" + this.numGc + ",\"NumForcedGC\":0,\"GCCPUFraction\":"
					+ (this.numGc / 1000.0)
					+ ",\"EnableGC\":true,\"DebugGC\":false,\"BySize\":[{\"Size\":0,\"Mallocs\":0,\"Frees\":0}]}}";
		}

		private static String array(long[] values) {
			StringBuilder out = new StringBuilder("[");
			for (int i = 0; i < values.length; i++) {
				out.append((i > 0) ? "," : "").append(values[i]);
			}
			return out.append(']').toString();
		}

		private static long unixNanos(Instant at) {
			return at.getEpochSecond() * 1_000_000_000L + at.getNano();
		}

	}

}
