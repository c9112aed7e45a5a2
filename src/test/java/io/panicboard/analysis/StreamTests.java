package io.panicboard.analysis;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Crashes inside large log streams: collector envelopes and line prefixes, records back
 * to back, at the very start and end, CRLF line endings, and streams that deliver their
 * bytes in tiny pieces.
 */
class StreamTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(60);

	private static final String CRI_TIME = "2026-11-20T10:00:00.123456789Z";

	/** What one embedded crash must come out as. */
	record Expected(long line, Kind kind, String topFunction, String text) {
	}

	/** A deterministic log with crashes at known lines. */
	static final class NoisyLog {

		private final StringBuilder out = new StringBuilder();

		private final List<Expected> expected = new ArrayList<>();

		private final Random random = new Random(42);

		private long line = 1;

		private long sequence;

		NoisyLog noise(int bytes) {
			int target = this.out.length() + bytes;
			int decoyAt = this.out.length() + bytes / 2;
			boolean decoyed = false;
			while (this.out.length() < target) {
				if (!decoyed && this.out.length() >= decoyAt) {
					decoyed = true;
					raw(decoy());
					continue;
				}
				raw(ordinary());
			}
			return this;
		}

		private String ordinary() {
			long n = this.sequence++;
			String time = String.format("2026-11-20T10:%02d:%02d.%06dZ", (n / 60_000) % 60, (n / 1000) % 60,
					n % 1_000_000);
			return switch (this.random.nextInt(3)) {
				case 0 -> "2026/11/20 10:00:00." + (n % 1_000_000) + " INFO request handled path=/api/v1/orders/"
						+ this.random.nextInt(100_000) + " status=200 dur=" + this.random.nextInt(900) + "us";
				case 1 -> "time=" + time + " level=info msg=\"cache refreshed\" entries=" + this.random.nextInt(5000)
						+ " shard=" + this.random.nextInt(16);
				default -> "{\"time\":\"" + time + "\",\"level\":\"debug\",\"msg\":\"heartbeat\",\"req_id\":\"req-" + n
						+ "\",\"latency\":\"" + this.random.nextInt(100) + "ms\"}";
			};
		}

		private String decoy() {
			return switch (this.random.nextInt(3)) {
				case 0 -> "time=2026-11-20T10:00:00Z level=warn msg=\"retrying after panic: upstream reset\" attempt=3";
				case 1 -> "2026/11/20 10:00:00 worker goroutine 12 started";
				default -> "{\"level\":\"error\",\"msg\":\"handler recovered\",\"error\":\"panic: bad input\"}";
			};
		}

		/** Appends raw lines, each ended by a line feed. */
		NoisyLog raw(String... lines) {
			for (String l : lines) {
				this.out.append(l).append('\n');
				this.line++;
			}
			return this;
		}

		/**
		 * Appends a crash as the runtime printed it, each line wrapped by a collector.
		 */
		NoisyLog crash(Kind kind, String topFunction, String trace, Wrapper wrapper) {
			this.expected.add(new Expected(this.line, kind, topFunction, trace));
			List<String> lines = wrapper.wrap(trace.substring(0, trace.length() - 1).split("\n", -1));
			raw(lines.toArray(String[]::new));
			return this;
		}

		/** Appends a crash whose last line has no line feed; nothing may follow. */
		NoisyLog crashAtEndWithoutNewline(Kind kind, String topFunction, String trace) {
			this.expected.add(new Expected(this.line, kind, topFunction, trace));
			this.out.append(trace, 0, trace.length() - 1);
			return this;
		}

		byte[] bytes() {
			return this.out.toString().getBytes(StandardCharsets.UTF_8);
		}

		List<Expected> expected() {
			return this.expected;
		}

	}

	interface Wrapper {

		List<String> wrap(String[] lines);

		static Wrapper plain() {
			return List::of;
		}

		static Wrapper prefix(String prefix) {
			return (lines) -> {
				List<String> out = new ArrayList<>();
				for (String l : lines) {
					out.add(prefix + l);
				}
				return out;
			};
		}

		static Wrapper crlf() {
			return (lines) -> {
				List<String> out = new ArrayList<>();
				for (String l : lines) {
					out.add(l + "\r");
				}
				return out;
			};
		}

		/** Kubernetes CRI lines; the first line is split into a P and an F piece. */
		static Wrapper cri(int splitFirstLineAt) {
			return (lines) -> {
				List<String> out = new ArrayList<>();
				for (int i = 0; i < lines.length; i++) {
					if (i == 0) {
						out.add(CRI_TIME + " stderr P " + lines[0].substring(0, splitFirstLineAt));
						out.add(CRI_TIME + " stderr F " + lines[0].substring(splitFirstLineAt));
					}
					else {
						out.add(CRI_TIME + " stderr F " + lines[i]);
					}
				}
				return out;
			};
		}

		static Wrapper docker() {
			return (lines) -> {
				List<String> out = new ArrayList<>();
				for (String l : lines) {
					String escaped = l.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
					out.add("{\"log\":\"" + escaped + "\\n\",\"stream\":\"stderr\",\"time\":\"" + CRI_TIME + "\"}");
				}
				return out;
			};
		}

	}

	static final String NIL_MAP = """
			panic: assignment to entry in nil map

			goroutine 1 [running]:
			main.main()
			\t/app/cmd/api/main.go:8 +0x6a
			""";

	static final String NIL_POINTER = """
			panic: runtime error: invalid memory address or nil pointer dereference
			[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x480fda]

			goroutine 1 [running]:
			main.describe(...)
			\t/app/cmd/api/main.go:16
			main.main()
			\t/app/cmd/api/main.go:21 +0x1a
			""";

	static final String MAP_WRITES = """
			fatal error: concurrent map writes

			goroutine 5 [running]:
			main.touch(...)
			\t/app/cmd/api/main.go:11
			main.main.func1(0xc0000387b8?)
			\t/app/cmd/api/main.go:21 +0xa5
			created by main.main
			\t/app/cmd/api/main.go:18 +0x3c

			goroutine 1 [semacquire]:
			sync.runtime_Semacquire(0xc000010030?)
			\t/usr/local/go/src/runtime/sema.go:62 +0x25
			sync.(*WaitGroup).Wait(0x0?)
			\t/usr/local/go/src/sync/waitgroup.go:139 +0x52
			main.main()
			\t/app/cmd/api/main.go:25 +0xef
			""";

	static final String USER_PANIC_QUOTED = """
			panic: bad config "region": value "eu\\west" is not allowed

			goroutine 12 [running]:
			github.com/acme/x/config.(*Loader).Load(0xc000010000, {0x4a6b3c, 0x6})
			\t/build/config/loader.go:88 +0x1c5
			github.com/acme/x/api.(*Server).Start(0xc0000a4000)
			\t/build/api/server.go:41 +0x3b
			created by main.main in goroutine 1
			\t/build/cmd/x/main.go:30 +0x8d
			""";

	static final String INDEX = """
			panic: runtime error: index out of range [5] with length 3

			goroutine 1 [running]:
			main.pick(...)
			\t/app/cmd/api/main.go:7
			main.main()
			\t/app/cmd/api/main.go:12 +0x1d
			""";

	static final String DIVIDE = """
			panic: runtime error: integer divide by zero

			goroutine 1 [running]:
			main.ratio(...)
			\t/app/cmd/api/main.go:5
			main.main()
			\t/app/cmd/api/main.go:10 +0x12
			""";

	static final String SLICE = """
			panic: runtime error: slice bounds out of range [:5] with capacity 3

			goroutine 1 [running]:
			main.head(...)
			\t/app/cmd/api/main.go:6
			main.main()
			\t/app/cmd/api/main.go:14 +0x1d
			""";

	static final String CLOSE_CLOSED = """
			panic: close of closed channel

			goroutine 1 [running]:
			main.shutdown(...)
			\t/app/cmd/api/main.go:9
			main.main()
			\t/app/cmd/api/main.go:15 +0x2c
			""";

	static final String SEND_CLOSED = """
			panic: send on closed channel

			goroutine 1 [running]:
			main.publish(...)
			\t/app/cmd/api/main.go:12
			main.main()
			\t/app/cmd/api/main.go:18 +0x4d
			""";

	static NoisyLog log(int noiseBytes) {
		NoisyLog log = new NoisyLog();
		log.crash(Kind.NIL_MAP_WRITE, "main.main", NIL_MAP, Wrapper.plain());
		log.noise(noiseBytes);
		log.crash(Kind.NIL_POINTER_DEREFERENCE, "main.describe", NIL_POINTER, Wrapper.plain());
		log.noise(noiseBytes);
		log.crash(Kind.CONCURRENT_MAP_WRITES, "main.touch", MAP_WRITES, Wrapper.cri(20));
		log.noise(noiseBytes);
		log.crash(Kind.USER_PANIC, "github.com/acme/x/config.(*Loader).Load", USER_PANIC_QUOTED, Wrapper.docker());
		log.noise(noiseBytes);
		log.crash(Kind.INDEX_OUT_OF_RANGE, "main.pick", INDEX, Wrapper.prefix("Nov 20 10:00:00 web-1 api[1234]: "));
		log.noise(noiseBytes);
		log.crash(Kind.DIVIDE_BY_ZERO, "main.ratio", DIVIDE, Wrapper.prefix("api-1  | "));
		log.noise(noiseBytes);
		log.crash(Kind.NIL_MAP_WRITE, "main.main", NIL_MAP, Wrapper.plain());
		log.crash(Kind.SLICE_BOUNDS, "main.head", SLICE, Wrapper.plain());
		log.noise(noiseBytes);
		log.crash(Kind.INDEX_OUT_OF_RANGE, "main.pick", INDEX, Wrapper.plain());
		log.raw("");
		log.crash(Kind.CLOSED_CHANNEL_CLOSE, "main.shutdown", CLOSE_CLOSED, Wrapper.plain());
		log.noise(noiseBytes);
		log.crash(Kind.DIVIDE_BY_ZERO, "main.ratio", DIVIDE, Wrapper.crlf());
		log.noise(noiseBytes);
		log.crashAtEndWithoutNewline(Kind.CLOSED_CHANNEL_SEND, "main.publish", SEND_CLOSED);
		return log;
	}

	@Test
	void findsEveryCrashInFiftyMegabytesOfLogs() {
		NoisyLog log = log(5_600_000);
		byte[] bytes = log.bytes();
		assertThat(bytes.length).isGreaterThan(50_000_000);
		List<Finding> findings = assertTimeoutPreemptively(HANG_GUARD, () -> new TraceAnalyzer().analyze(bytes));
		assertMatches(findings, log.expected());
	}

	@Test
	void tinyReadsGiveTheSameFindingsAsOneArray() {
		NoisyLog log = log(200_000);
		byte[] bytes = log.bytes();
		List<Finding> whole = new TraceAnalyzer().analyze(bytes);
		assertMatches(whole, log.expected());
		for (long seed = 1; seed <= 3; seed++) {
			List<Finding> chunked = new ArrayList<>();
			InputStream in = new TinyReads(bytes, new Random(seed));
			assertTimeoutPreemptively(HANG_GUARD, () -> new TraceAnalyzer().analyze(in, chunked::add));
			assertThat(chunked).as("seed %d", seed).isEqualTo(whole);
		}
	}

	@Test
	void linesLongerThanTheWindowDoNotHideTheCrashAfterThem() {
		StringBuilder text = new StringBuilder();
		text.append("x".repeat(3_000_000)).append('\n');
		text.append("time=2026-11-20T10:00:00Z msg=\"").append("y".repeat(200_000)).append("\"\n");
		text.append(NIL_POINTER);
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		List<Finding> whole = new TraceAnalyzer().analyze(bytes);
		assertThat(whole).hasSize(1);
		assertThat(whole.get(0).line()).isEqualTo(3);
		assertThat(whole.get(0).kind()).isEqualTo(Kind.NIL_POINTER_DEREFERENCE);
		List<Finding> chunked = new ArrayList<>();
		assertTimeoutPreemptively(HANG_GUARD,
				() -> new TraceAnalyzer().analyze(new TinyReads(bytes, new Random(7)), chunked::add));
		assertThat(chunked).isEqualTo(whole);
	}

	@Test
	void joinsAnOverlongPanicLineThatCollectorsSplitIntoPieces() {
		String value = "rejected payload " + "0123456789abcdef".repeat(1250);
		String trace = NIL_MAP.replace("assignment to entry in nil map", value);
		NoisyLog cri = new NoisyLog().noise(2_000).crash(Kind.USER_PANIC, "main.main", trace, Wrapper.cri(16_384));
		NoisyLog docker = new NoisyLog().noise(2_000)
			.crash(Kind.USER_PANIC, "main.main", trace, (lines) -> splitDocker(lines, 16_384));
		for (NoisyLog log : List.of(cri, docker)) {
			List<Finding> findings = new TraceAnalyzer().analyze(log.bytes());
			assertMatches(findings, log.expected());
			assertThat(findings.get(0).message()).isEqualTo(value);
		}
	}

	/** Docker json-file lines; the first line is split into two records at a length. */
	private static List<String> splitDocker(String[] lines, int at) {
		List<String> out = new ArrayList<>();
		out.add("{\"log\":\"" + lines[0].substring(0, at) + "\",\"stream\":\"stderr\",\"time\":\"" + CRI_TIME + "\"}");
		String[] rest = lines.clone();
		rest[0] = lines[0].substring(at);
		out.addAll(Wrapper.docker().wrap(rest));
		return out;
	}

	private static void assertMatches(List<Finding> findings, List<Expected> expected) {
		assertThat(findings).extracting(Finding::line)
			.containsExactlyElementsOf(expected.stream().map(Expected::line).toList());
		for (int i = 0; i < expected.size(); i++) {
			Finding finding = findings.get(i);
			Expected want = expected.get(i);
			String where = "finding at line " + want.line();
			assertThat(finding.kind()).as(where).isEqualTo(want.kind());
			assertThat(finding.topInAppFrame().function()).as(where).isEqualTo(want.topFunction());
			// a blank line that separates the record from the next one may stay in its
			// text
			assertThat(finding.text().replaceAll("\n+$", "\n")).as(where).isEqualTo(want.text());
		}
	}

	/** Hands out 1 to 7 bytes per read. */
	static final class TinyReads extends InputStream {

		private final ByteArrayInputStream in;

		private final Random random;

		TinyReads(byte[] bytes, Random random) {
			this.in = new ByteArrayInputStream(bytes);
			this.random = random;
		}

		@Override
		public int read() {
			return this.in.read();
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (len == 0) {
				return 0;
			}
			return this.in.read(b, off, Math.min(len, 1 + this.random.nextInt(7)));
		}

	}

}
