package io.panicboard.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Whatever the input (random bytes, damaged real traces, hostile shapes), analysis
 * finishes, never throws, and every finding is well formed and within its limits.
 */
class FuzzTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(20);

	private static final AnalysisLimits SMALL = new AnalysisLimits(3, 4, 1024, 256);

	private static final List<String> FILES = Corpus.files();

	private static final String[] TOKENS = { "panic: ", "fatal error: ", "goroutine 1 [running]:",
			"goroutine 7 gp=0xc000007c0 m=nil [runnable]:", "main.main()", "main.(*T).M({0x4a, 0x3}, ...)",
			"\t/app/main.go:12 +0x1f", " fp=0xc0 sp=0xc0 pc=0x4", "created by main.main in goroutine 1",
			"runtime.goexit({})", "...12 frames elided...", "[signal SIGSEGV: segmentation violation]",
			"assignment to entry in nil map", "concurrent map writes", " [recovered]", "runtime stack:",
			"WARNING: DATA RACE", "==================", "Write at 0x00c000 by goroutine 7:", "  main.add()",
			"      /app/main.go:9 +0x44", "Goroutine 7 (running) created at:", "Found 2 data race(s)",
			"gc 3 @0.012s 2%: 0.1+1.2+0.01 ms clock, 0.2+0.1/0.3/0+0.02 ms cpu, 4->4->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 2 P",
			"scav 0 KiB work (bg), 0 KiB work (eager), 12 KiB now, 99% util", "{\"log\":\"",
			"\\n\",\"stream\":\"stderr\"}", "2026-11-20T10:00:00.123456789Z stderr P ",
			"2026-11-20T10:00:00.123456789Z stderr F ", "app-1  | ", "Nov 20 10:00:00 host app[12]: ", "SIGQUIT: quit",
			"PC=0x40268e m=0 sigcode=0", "rax    0x0", "exit status 2", "\n", "\n", "\n", "\r\n", "\t", " ", "\u0000",
			"\uFFFD" };

	@Property(tries = 300)
	void randomBytesNeverBreakAnalysis(@ForAll("randomBytes") byte[] bytes, @ForAll("limits") AnalysisLimits limits) {
		checkAnalysis(bytes, limits);
	}

	@Property(tries = 300)
	void tokenSoupNeverBreaksAnalysis(@ForAll("tokenSoup") byte[] bytes, @ForAll("limits") AnalysisLimits limits) {
		checkAnalysis(bytes, limits);
	}

	@Property(tries = 400)
	void damagedCorpusSamplesNeverBreakAnalysis(@ForAll("damagedSamples") byte[] bytes,
			@ForAll("limits") AnalysisLimits limits) {
		checkAnalysis(bytes, limits);
	}

	@Property(tries = 150)
	void tinyReadsOfDamagedSamplesGiveTheSameFindings(@ForAll("damagedSamples") byte[] bytes, @ForAll long seed) {
		TraceAnalyzer analyzer = new TraceAnalyzer(SMALL, InAppRules.DEFAULTS);
		List<Finding> whole = analyzer.analyze(bytes);
		List<Finding> chunked = new ArrayList<>();
		analyzer.analyze(new StreamTests.TinyReads(bytes, new Random(seed)), chunked::add);
		assertThat(chunked).isEqualTo(whole);
	}

	@Example
	void tenMegabyteLineWithoutAnchorFindsNothing() {
		byte[] bytes = ("level=info msg=" + "x".repeat(10_000_000) + "\n").getBytes(StandardCharsets.UTF_8);
		assertThat(checkAnalysis(bytes, AnalysisLimits.DEFAULTS)).isEmpty();
	}

	@Example
	void tenMegabyteLineWithAnchorInsideDoesNotHideTheNextCrash() {
		String line = "y".repeat(5_000_000) + "panic: boom goroutine 1 [running]: " + "x".repeat(5_000_000);
		byte[] bytes = (line + "\n" + StreamTests.NIL_MAP).getBytes(StandardCharsets.UTF_8);
		List<Finding> findings = checkAnalysis(bytes, AnalysisLimits.DEFAULTS);
		assertThat(findings).hasSize(1);
		assertThat(findings.get(0).line()).isEqualTo(2);
		assertThat(findings.get(0).kind()).isEqualTo(Kind.NIL_MAP_WRITE);
	}

	@Example
	void tenMegabytePanicValueIsCutAtTheLineLimit() {
		String trace = "panic: " + "v".repeat(10_000_000) + "\n\ngoroutine 1 [running]:\nmain.main()\n"
				+ "\t/app/main.go:8 +0x6a\n";
		List<Finding> findings = checkAnalysis(trace.getBytes(StandardCharsets.UTF_8), AnalysisLimits.DEFAULTS);
		assertThat(findings).hasSize(1);
		assertThat(findings.get(0).kind()).isEqualTo(Kind.USER_PANIC);
		assertThat(findings.get(0).message().length()).isLessThanOrEqualTo(AnalysisLimits.DEFAULTS.maxLineBytes());
		assertThat(findings.get(0).topInAppFrame().function()).isEqualTo("main.main");
		assertThat(findings.get(0).truncation().lines()).isTrue();
	}

	@Example
	void overlongGcLineIsCutToTheTextLimit() {
		String gc = "gc 3 @0.012s 2%: 0.1+1.2+0.01 ms clock, 0.2+0.1/0.3/0+0.02 ms cpu, 4->4->1 MB, 5 MB goal, "
				+ "0 MB stacks, 0 MB globals, 2 P " + "x".repeat(2_000);
		AnalysisLimits limits = new AnalysisLimits(3, 4, 1024, 4096);
		List<Finding> findings = checkAnalysis((gc + "\n").getBytes(StandardCharsets.UTF_8), limits);
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.type()).isEqualTo(FindingType.GC);
			assertThat(finding.gc().number()).isEqualTo(3);
			assertThat(finding.text()).hasSizeLessThanOrEqualTo(limits.maxTextBytes()).startsWith("gc 3 @0.012s");
			assertThat(finding.truncation().text()).isTrue();
		});
	}

	@Example
	void hundredThousandGoroutinesAreCountedButNotAllKept() {
		StringBuilder dump = new StringBuilder("fatal error: concurrent map writes\n\n");
		for (int id = 1; id <= 100_000; id++) {
			dump.append("goroutine ").append(id).append((id == 1) ? " [running]:\n" : " [runnable]:\n");
			dump.append("main.worker(0xc000010000)\n\t/app/main.go:").append(10 + id % 50).append(" +0x1f\n");
			dump.append("created by main.main in goroutine 1\n\t/app/main.go:5 +0x2a\n\n");
		}
		List<Finding> findings = checkAnalysis(dump.toString().getBytes(StandardCharsets.UTF_8),
				AnalysisLimits.DEFAULTS);
		assertThat(findings).hasSize(1);
		Finding crash = findings.get(0);
		assertThat(crash.kind()).isEqualTo(Kind.CONCURRENT_MAP_WRITES);
		assertThat(crash.goroutineCount()).isEqualTo(100_000);
		assertThat(crash.goroutines()).hasSize(AnalysisLimits.DEFAULTS.maxGoroutines());
		assertThat(crash.truncation().goroutines()).isTrue();
		assertThat(crash.truncation().text()).isTrue();
		assertThat(crash.crashingGoroutine().id()).isEqualTo(1);
	}

	@Example
	void repeatedPanicLinesMakeBoundedFindings() {
		byte[] bytes = "panic: boom\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
		List<Finding> findings = checkAnalysis(bytes, AnalysisLimits.DEFAULTS);
		assertThat(findings).isNotEmpty().allSatisfy((finding) -> {
			assertThat(finding.panicChain()).hasSizeLessThanOrEqualTo(100);
			assertThat(finding.message()).isEqualTo("boom");
		});
		assertThat(findings.stream().mapToInt((f) -> f.panicChain().size()).sum()).isEqualTo(200_000);
	}

	@Example
	void deepStackKeepsOnlyTheFrameLimit() {
		StringBuilder trace = new StringBuilder("panic: boom\n\ngoroutine 1 [running]:\n");
		for (int i = 0; i < 50_000; i++) {
			trace.append("main.depth(0x1)\n\t/app/main.go:9 +0x1f\n");
		}
		List<Finding> findings = checkAnalysis(trace.toString().getBytes(StandardCharsets.UTF_8), SMALL);
		assertThat(findings).hasSize(1);
		assertThat(findings.get(0).crashingGoroutine().frames()).hasSize(SMALL.maxFramesPerGoroutine());
		assertThat(findings.get(0).truncation().frames()).isTrue();
	}

	@Example
	void traceCutInTheMiddleOfALineIsMarkedIncomplete() {
		String full = new String(Corpus.bytes("generated/concurrent-map-writes.txt"), StandardCharsets.UTF_8);
		for (int cut : new int[] { full.indexOf("main.touch") + 4, full.indexOf("main.go:21") + 6,
				full.indexOf("goroutine 1 [sem") + 12 }) {
			List<Finding> findings = checkAnalysis(full.substring(0, cut).getBytes(StandardCharsets.UTF_8),
					AnalysisLimits.DEFAULTS);
			assertThat(findings).as("cut at %d", cut).hasSize(1);
			assertThat(findings.get(0).kind()).isEqualTo(Kind.CONCURRENT_MAP_WRITES);
			assertThat(findings.get(0).truncation().incomplete()).isTrue();
		}
	}

	@Example
	void readsTheStreamToItsEndWithoutClosingIt() {
		byte[] bytes = (StreamTests.NIL_MAP + "level=info msg=after\n".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
		CountingStream in = new CountingStream(bytes);
		List<Finding> findings = new ArrayList<>();
		new TraceAnalyzer().analyze(in, findings::add);
		assertThat(findings).hasSize(1);
		assertThat(in.delivered).isEqualTo(bytes.length);
		assertThat(in.endSeen).isTrue();
		assertThat(in.closed).isFalse();
	}

	@Provide
	Arbitrary<byte[]> randomBytes() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(8_192);
	}

	@Provide
	Arbitrary<byte[]> tokenSoup() {
		Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(TOKENS),
				Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12));
		return token.list().ofMaxSize(400).map((tokens) -> String.join("", tokens).getBytes(StandardCharsets.UTF_8));
	}

	@Provide
	Arbitrary<byte[]> damagedSamples() {
		return Combinators.combine(Arbitraries.of(FILES), Arbitraries.longs(), Arbitraries.integers().between(1, 8))
			.as((file, seed, count) -> damage(Corpus.bytes(file), new Random(seed), count));
	}

	@Provide
	Arbitrary<AnalysisLimits> limits() {
		Arbitrary<AnalysisLimits> small = Combinators
			.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 6),
					Arbitraries.integers().between(1024, 4096), Arbitraries.integers().between(256, 1024))
			.as(AnalysisLimits::new);
		return Arbitraries.oneOf(small, Arbitraries.just(AnalysisLimits.DEFAULTS));
	}

	/** Applies random damage of the kinds that copy, paste and transport cause. */
	static byte[] damage(byte[] original, Random random, int count) {
		byte[] bytes = original;
		for (int i = 0; i < count; i++) {
			int n = bytes.length;
			int at = (n == 0) ? 0 : random.nextInt(n);
			bytes = switch (random.nextInt(10)) {
				case 0 -> flip(bytes, at, random);
				case 1 -> splice(bytes, at, Math.min(n, at + 1 + random.nextInt(64)), new byte[0]);
				case 2 -> splice(bytes, at, at, token(random));
				case 3 -> Arrays.copyOf(bytes, at);
				case 4 -> lines(bytes, random, true);
				case 5 -> lines(bytes, random, false);
				case 6 -> splice(bytes, at, at, new byte[] { 0 });
				case 7 -> splice(bytes, at, at, new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xE2 });
				case 8 -> crlf(bytes, random);
				default -> splice(bytes, at, at, randomBytes(random));
			};
		}
		return bytes;
	}

	private static byte[] flip(byte[] bytes, int at, Random random) {
		if (bytes.length == 0) {
			return bytes;
		}
		byte[] copy = bytes.clone();
		copy[at] ^= (byte) (1 << random.nextInt(8));
		return copy;
	}

	private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
		out.write(bytes, 0, from);
		out.writeBytes(insert);
		out.write(bytes, to, bytes.length - to);
		return out.toByteArray();
	}

	private static byte[] token(Random random) {
		return TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[1 + random.nextInt(32)];
		random.nextBytes(bytes);
		return bytes;
	}

	/** Duplicates one line, or shuffles a run of lines. */
	private static byte[] lines(byte[] bytes, Random random, boolean duplicate) {
		List<String> lines = new ArrayList<>(
				Arrays.asList(new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1)));
		int at = random.nextInt(lines.size());
		if (duplicate) {
			lines.add(at, lines.get(at));
		}
		else {
			int to = Math.min(lines.size(), at + 2 + random.nextInt(6));
			Collections.shuffle(lines.subList(at, to), random);
		}
		return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
	}

	/** Turns some line feeds into CRLF. */
	private static byte[] crlf(byte[] bytes, Random random) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
		for (byte b : bytes) {
			if (b == '\n' && random.nextBoolean()) {
				out.write('\r');
			}
			out.write(b);
		}
		return out.toByteArray();
	}

	static List<Finding> checkAnalysis(byte[] bytes, AnalysisLimits limits) {
		List<Finding> findings = assertTimeoutPreemptively(HANG_GUARD,
				() -> new TraceAnalyzer(limits, InAppRules.DEFAULTS).analyze(bytes));
		long lastLine = 0;
		for (Finding finding : findings) {
			checkFinding(finding, limits);
			if (finding.type() != FindingType.GC) {
				assertThat(finding.line()).as("records in order").isGreaterThan(lastLine);
				lastLine = finding.line();
			}
		}
		return findings;
	}

	static void checkFinding(Finding finding, AnalysisLimits limits) {
		assertThat(finding.type()).isNotNull();
		assertThat(finding.kind()).isNotNull();
		assertThat(finding.severity()).isEqualTo(finding.kind().defaultSeverity());
		assertThat(finding.text()).isNotNull();
		assertThat(finding.text().length()).isLessThanOrEqualTo(limits.maxTextBytes());
		assertThat(finding.line()).isPositive();
		assertThat(finding.truncation()).isNotNull();
		if (finding.type() == FindingType.GC) {
			assertThat(finding.kind()).isEqualTo(Kind.GCTRACE);
			assertThat(finding.gc() != null || finding.scavenge() != null).isTrue();
			return;
		}
		assertThat(finding.fingerprint()).isNotNull();
		assertThat(finding.fingerprint().hash()).matches("[0-9a-f]{32}");
		assertThat(finding.fingerprint().components()).first().isEqualTo("kind:" + finding.kind().id());
		assertThat(finding.goroutineCount()).isGreaterThanOrEqualTo(finding.goroutines().size());
		assertThat(finding.goroutines()).hasSizeLessThanOrEqualTo(limits.maxGoroutines());
		if (finding.goroutineCount() > limits.maxGoroutines()) {
			assertThat(finding.truncation().goroutines()).isTrue();
		}
		for (Goroutine goroutine : finding.goroutines()) {
			assertThat(goroutine.frames()).hasSizeLessThanOrEqualTo(limits.maxFramesPerGoroutine());
			if (goroutine.framesTruncated()) {
				assertThat(finding.truncation().frames()).isTrue();
			}
		}
		if (!finding.goroutines().isEmpty()) {
			assertThat(finding.crashingGoroutine()).isEqualTo(finding.goroutines().get(0));
		}
		if (finding.type() == FindingType.RACE) {
			assertThat(finding.kind()).isEqualTo(Kind.DATA_RACE);
			assertThat(finding.race().accesses()).isNotEmpty()
				.allSatisfy((access) -> assertThat(access.frames())
					.hasSizeLessThanOrEqualTo(limits.maxFramesPerGoroutine()));
		}
		else {
			assertThat(finding.crash()).isTrue();
			assertThat(finding.message()).isNotNull();
		}
	}

	/** Counts what it delivers and whether it was read to its end or closed. */
	static final class CountingStream extends InputStream {

		private final ByteArrayInputStream in;

		long delivered;

		boolean endSeen;

		boolean closed;

		CountingStream(byte[] bytes) {
			this.in = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() {
			int b = this.in.read();
			count((b < 0) ? -1 : 1);
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			return count(this.in.read(b, off, len));
		}

		private int count(int n) {
			if (n < 0) {
				this.endSeen = true;
			}
			else {
				this.delivered += n;
			}
			return n;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
