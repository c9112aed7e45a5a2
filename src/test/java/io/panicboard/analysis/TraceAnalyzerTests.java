package io.panicboard.analysis;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Focused shapes of runtime output that the corpus does not hold.
 */
class TraceAnalyzerTests {

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	@Test
	void readsACgoSignalDumpWithItsHeaderBeforeTheGoroutines() {
		String cgo = """
				SIGSEGV: segmentation violation
				PC=0x7f3c2b2c8f4e m=0 sigcode=1
				signal arrived during cgo execution

				goroutine 1 [syscall]:
				runtime.cgocall(0x4a1b20, 0xc000070f58)
					/usr/local/go/src/runtime/cgocall.go:157 +0x5c fp=0xc000070f30 sp=0xc000070ef8 pc=0x40a53c
				main._Cfunc_crash()
					_cgo_gotypes.go:39 +0x45 fp=0xc000070f58 sp=0xc000070f30 pc=0x4a1a85
				main.main()
					/app/main.go:10 +0x17 fp=0xc000070f80 sp=0xc000070f58 pc=0x4a1ad7
				""";
		List<Finding> findings = this.analyzer.analyze(cgo);
		assertThat(findings).hasSize(1);
		Finding finding = findings.get(0);
		assertThat(finding.type()).isEqualTo(FindingType.FATAL);
		assertThat(finding.message()).isEqualTo("SIGSEGV: segmentation violation");
		assertThat(finding.line()).isEqualTo(1);
		assertThat(finding.text()).startsWith("SIGSEGV: segmentation violation\n");
		assertThat(finding.crashingGoroutine().frames()).extracting(Frame::function)
			.containsExactly("runtime.cgocall", "main._Cfunc_crash", "main.main");
	}

	@Test
	void keepsTheRuntimeDiagnosticsInsideATraceback() {
		String trace = """
				panic: runtime error: invalid memory address or nil pointer dereference
				[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b20]

				goroutine 1 [running]:
				runtime: unexpected return pc for main.f called from 0x0
				stack: frame={sp:0xc000070f00, fp:0xc000070f40} stk={lo:0xc000070000, hi:0xc000071000}
				0x000000c000070f00:  0x0000000000000000  0x0000000000000000
				0x000000c000070f10:  0x0000000000000000  0x0000000000000000
				0x000000c000070f20:  0x0000000000000000  0x0000000000000000
				0x000000c000070f30:  0x0000000000000000  0x0000000000000000
				main.f(...)
					/app/main.go:5
				main.main()
					/app/main.go:9 +0x1d
				""";
		List<Finding> findings = this.analyzer.analyze(trace);
		assertThat(findings).hasSize(1);
		assertThat(findings.get(0).kind()).isEqualTo(Kind.NIL_POINTER_DEREFERENCE);
		assertThat(findings.get(0).topInAppFrame().location()).isEqualTo("/app/main.go:5");
		assertThat(findings.get(0).text()).contains("stack: frame=", "main.main()");
	}

	@Test
	void aRaceReportStartsAtItsOpeningDelimiter() {
		byte[] race = Corpus.bytes("generated/race-int.txt");
		Finding finding = this.analyzer.analyze(race).get(0);
		String first = new String(race, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
		assertThat(first).isEqualTo("==================");
		assertThat(finding.line()).isEqualTo(1);
		assertThat(finding.text()).startsWith("==================\nWARNING: DATA RACE\n");
	}

	@Test
	void aStackOverflowAfterACrashStartsItsOwnFinding() {
		String two = """
				panic: boom

				goroutine 1 [running]:
				main.main()
					/app/main.go:3 +0x1d
				runtime: goroutine stack exceeds 1000000000-byte limit
				runtime: sp=0xc0200e0388 stack=[0xc0200e0000, 0xc0400e0000]
				fatal error: stack overflow

				goroutine 1 [running]:
				main.recurse()
					/app/main.go:7 +0x25
				""";
		List<Finding> findings = this.analyzer.analyze(two);
		assertThat(findings).extracting(Finding::kind).containsExactly(Kind.USER_PANIC, Kind.STACK_OVERFLOW);
		assertThat(findings.get(1).line()).isEqualTo(6);
	}

	/**
	 * Found by {@code FuzzTests}: a race report's separator at the end of the line that
	 * starts a fatal error belongs to the fatal error, not also to the race that follows.
	 */
	@Test
	void aLineTakenByOneRecordIsNotTakenAgainByTheNextOnesLookback() {
		String text = """
				fatal error: ==================
				WARNING: DATA RACE
				Write at 0x00c0000ae000 by goroutine 7:
				  main.(*Conn).Close()
				      /app/main.go:13 +0x75
				""";
		List<Finding> findings = this.analyzer.analyze(text);
		assertThat(findings).extracting(Finding::type).containsExactly(FindingType.FATAL, FindingType.RACE);
		assertThat(findings).extracting(Finding::line).containsExactly(1L, 2L);
		assertThat(findings.get(1).text()).startsWith("WARNING: DATA RACE\n");
	}

	@Test
	void aRecoveredPanicIsLocatedBelowTheRecoveringFunction() {
		// what a recover middleware reports with fmt.Sprintf("panic: %v
		// [recovered]\n\n%s",
		// v, debug.Stack())
		String recovered = """
				panic: assignment to entry in nil map [recovered]

				goroutine 7 [running]:
				runtime/debug.Stack()
					/usr/local/go/src/runtime/debug/stack.go:26 +0x5e
				main.Recoverer.func1.1()
					/app/middleware.go:17 +0x7a
				panic({0x6a1c40?, 0x7b4a10?})
					/usr/local/go/src/runtime/panic.go:785 +0x132
				main.saveHandler({0x7b6b48, 0xc0000f6000}, 0xc000118000)
					/app/handlers.go:42 +0x2c
				net/http.HandlerFunc.ServeHTTP(0x0?, {0x7b6b48?, 0xc0000f6000?}, 0x0?)
					/usr/local/go/src/net/http/server.go:2220 +0x29
				""";
		Finding finding = this.analyzer.analyze(recovered).get(0);
		assertThat(finding.kind()).isEqualTo(Kind.NIL_MAP_WRITE);
		assertThat(finding.recovered()).isTrue();
		assertThat(finding.topInAppFrame().function()).isEqualTo("main.saveHandler");
		assertThat(finding.fingerprint().components()).containsExactly("kind:nil_map_write", "frame:main.saveHandler");
		// the frames of the recovery are still shown
		assertThat(finding.crashingGoroutine().frames()).extracting(Frame::function).contains("main.Recoverer.func1.1");
	}

	private static final String BOOM = """
			panic: boom

			goroutine 1 [running]:
			main.main()
				/app/main.go:5 +0x1d
			""";

	@Test
	void ignoresAByteOrderMarkAtTheStartOfTheInput() {
		List<Finding> findings = this.analyzer.analyze("\uFEFF" + BOOM);
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.kind()).isEqualTo(Kind.USER_PANIC);
			assertThat(finding.message()).isEqualTo("boom");
			assertThat(finding.line()).isEqualTo(1);
			assertThat(finding.text()).isEqualTo(BOOM);
		});
		assertThat(findings).isEqualTo(this.analyzer.analyze(BOOM));
	}

	@Test
	void ignoresAByteOrderMarkAtTheStartOfABodyJoinedToAStreamsTail() {
		// ingestion analyses a stream's kept tail and the next request's body as one
		// input
		String tail = "level=info msg=\"listening\"\n";
		List<Finding> joined = new ArrayList<>();
		this.analyzer.analyze(new SequenceInputStream(stream(tail), stream("\uFEFF" + BOOM)), joined::add);
		assertThat(joined).isEqualTo(this.analyzer.analyze(tail + BOOM));
		assertThat(joined).singleElement().extracting(Finding::line).isEqualTo(2L);
	}

	@Test
	void readsLinesWithoutTheirTerminalColourCodes() {
		String coloured = "\u001b[31mpanic: boom\u001b[0m\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n";
		List<Finding> findings = this.analyzer.analyze(coloured);
		assertThat(findings).isEqualTo(this.analyzer.analyze(BOOM));
		assertThat(findings).singleElement().extracting(Finding::text).isEqualTo(BOOM);
	}

	@Test
	void learnsAColouredDockerComposePrefixWithoutItsColourCodes() {
		StringBuilder compose = new StringBuilder();
		for (String line : BOOM.split("\n")) {
			// docker compose colours the service name; OSC 8 makes a terminal hyperlink
			compose.append("\u001b[36mapi-1  |\u001b[0m ")
				.append(line.replace("main.go", "\u001b]8;;file:///app/main.go\u0007main.go\u001b]8;;\u001b\\"))
				.append('\n');
		}
		assertThat(this.analyzer.analyze(compose.toString())).singleElement().satisfies((finding) -> {
			assertThat(finding.message()).isEqualTo("boom");
			assertThat(finding.text()).isEqualTo(BOOM);
			assertThat(finding.topInAppFrame().location()).isEqualTo("/app/main.go:5");
		});
	}

	@Test
	void readsColourCodesThatDockerEscapedInItsJsonRecords() {
		StringBuilder json = new StringBuilder();
		for (String line : BOOM.split("\n")) {
			json.append("{\"log\":\"\\u001b[1;31m")
				.append(line.replace("\t", "\\t"))
				.append("\\u001b[0m\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-20T10:00:00.1Z\"}\n");
		}
		assertThat(this.analyzer.analyze(json.toString())).singleElement().extracting(Finding::text).isEqualTo(BOOM);
	}

	@Test
	void findsAColouredScavengerLine() {
		String scvg = "scvg0: inuse: 3, idle: 0, sys: 3, released: 0, consumed: 3 (MB)\n";
		List<Finding> findings = this.analyzer.analyze("\u001b[0;32m" + scvg.strip() + "\u001b[0m\n");
		assertThat(findings).hasSize(1).isEqualTo(this.analyzer.analyze(scvg));
	}

	@Test
	void dropsBrokenEscapeSequencesWithoutLosingTheLine() {
		String broken = "\u001b(Bpanic: boom\u001b[\n\ngoroutine 1 [running]:\u001b\nmain.main()\u001b]0;title\n\t/app/main.go:5 +0x1d\n";
		assertThat(this.analyzer.analyze(broken)).singleElement().satisfies((finding) -> {
			assertThat(finding.message()).isEqualTo("boom");
			assertThat(finding.text()).doesNotContain("\u001b");
			assertThat(finding.topInAppFrame().location()).isEqualTo("/app/main.go:5");
		});
	}

	@Test
	void readsAFunctionLineCutAtTheLineLimitAsAFrame() {
		String trace = "panic: longarg\n\ngoroutine 1 [running]:\nmain.f(" + "0x1, ".repeat(40_000)
				+ "0x2)\n\t/x/main.go:5 +0x1\nmain.main()\n\t/x/main.go:9 +0x1\n";
		Finding finding = this.analyzer.analyze(trace).get(0);
		assertThat(finding.crashingGoroutine().frames()).extracting(Frame::function)
			.containsExactly("main.f", "main.main");
		assertThat(finding.crashingGoroutine().frames().get(0).location()).isEqualTo("/x/main.go:5");
		assertThat(finding.crashingGoroutine().frames().get(0).arguments()).startsWith("0x1, 0x1, ")
			.hasSizeLessThan(AnalysisLimits.DEFAULTS.maxLineBytes());
		assertThat(finding.fingerprint().components()).containsExactly("kind:user_panic", "frame:main.f",
				"frame:main.main");
		assertThat(finding.truncation().lines()).isTrue();
		assertThat(finding.truncation().text()).isFalse();
	}

	@Test
	void flagsAPanicValueCutAtTheLineLimit() {
		String trace = "panic: " + "v".repeat(300_000) + "\n" + BOOM.substring(BOOM.indexOf('\n') + 1);
		Finding finding = this.analyzer.analyze(trace).get(0);
		assertThat(finding.message()).hasSize(AnalysisLimits.DEFAULTS.maxLineBytes() - "panic: ".length());
		assertThat(finding.truncation().lines()).isTrue();
		assertThat(finding.truncation().text()).isFalse();
		assertThat(finding.topInAppFrame().function()).isEqualTo("main.main");
	}

	@Test
	void aLongLineOfAnotherWriterInsideATraceIsNotFlagged() {
		String trace = BOOM.replace("main.main()\n", "main.main()\nlevel=info msg=" + "x".repeat(100_000) + "\n");
		Finding finding = this.analyzer.analyze(trace).get(0);
		assertThat(finding.topInAppFrame().location()).isEqualTo("/app/main.go:5");
		assertThat(finding.truncation().lines()).isFalse();
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
