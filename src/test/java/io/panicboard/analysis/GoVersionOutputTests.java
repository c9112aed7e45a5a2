package io.panicboard.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard error of real crashes built with Go 1.19, 1.21, 1.22 and 1.23 (files under
 * {@code src/test/resources/go-output}, see its README).
 */
class GoVersionOutputTests {

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	@ParameterizedTest(name = "{0} #{2}")
	@CsvFileSource(resources = "/go-output/findings.psv", delimiterString = " | ", quoteCharacter = '`')
	void findsWhatEachFileHolds(String file, int count, int index, String kind, String message, String goroutine,
			String top, String frames, String fingerprint) {
		List<Finding> findings = this.analyzer.analyze(bytes(file));
		assertThat(findings).hasSize(count);
		Finding finding = findings.get(index);
		assertThat(finding.kind().id()).isEqualTo(kind);
		assertThat(finding.message()).isEqualTo(message.replace("\\n", "\n"));
		assertThat((finding.crashingGoroutine() != null) ? String.valueOf(finding.crashingGoroutine().id()) : "-")
			.isEqualTo(goroutine);
		Frame topInApp = finding.topInAppFrame();
		assertThat((topInApp != null) ? topInApp.function() + " @ " + topInApp.location() : "-").isEqualTo(top);
		List<Frame> stack = (finding.race() != null) ? finding.race().accesses().get(0).frames()
				: (finding.crashingGoroutine() != null) ? finding.crashingGoroutine().frames() : List.of();
		assertThat(stack).extracting((frame) -> frame.function() + (frame.inApp() ? "*" : ""))
			.containsExactly(frames.equals("-") ? new String[0] : frames.split(" "));
		assertThat(finding.fingerprint().components()).containsExactly(fingerprint.split(" ; "));
	}

	/**
	 * The documented rule: the fingerprint holds no line numbers, paths, goroutine ids or
	 * header formats, and skips the wrappers the compiler makes, so the same crash in the
	 * same code groups across traceback levels and Go versions. Each row lists the files
	 * of one mode and which fingerprint each has (the same letter for the same
	 * fingerprint), built with Go 1.19, 1.21, 1.22 and 1.23; where the letters differ,
	 * the mode crashes differently ({@code oom}) or shows a known limit of
	 * docs/analysis.md.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiterString = " | ", value = {
			"map-writes map-writes-all map-writes-system map-writes-crash | A A A A",
			"map-read-write map-read-write-all map-read-write-system map-read-write-crash | A A A A",
			"map-iterate-write map-iterate-write-all map-iterate-write-system map-iterate-write-crash | A A A A",
			"map-clone-write map-clone-write-system | - A A A", "method-value-single method-value-system | A A A A",
			"promoted-single promoted-system | A A A A", "nested-goroutine nested-goroutine-ancestors | A A A A",
			"nil-value-receiver-single nil-value-receiver-system | A A A A", "go-wrapper go-wrapper-system | A A A A",
			"defer-panic | A A A A", "multiline-recovered | A A A A", "multiline-repanic | A A A A",
			"recovered-panic | A A A A", "generic-closure | A A A A", "init-closure | A A A A",
			"value-method-value-system | A A A A", "root-package | A A A A", "handler-string | A A A A",
			"handler-multiline | A A A A", "goexit | A A A A", "sigquit-crash | A A A A", "race-nested | A A A A",
			"race-go-wrapper | A A A A", "race-then-crash | A A A A", "deep-recursion | A A A A",
			// Go 1.21 names a closure inside an inlined function after both functions
			"generic-method | A B B B",
			// before Go 1.22 a deferred call's wrapper is named like any closure
			"defer-panic-system | A A B B", "blank-line-value | A A A A",
			// Go 1.19 starts under the address-space limit and runs out of heap
			"oom-ulimit | A B B B" })
	void aGoUpgradeKeepsTheFingerprintOfTheSameCrash(String runs, String expected) {
		List<List<String>> distinct = new ArrayList<>();
		List<String> letters = new ArrayList<>();
		for (String version : new String[] { "go1.19/", "go1.21/", "go1.22/", "" }) {
			Set<List<String>> fingerprints = new LinkedHashSet<>();
			for (String run : runs.split(" ")) {
				String file = version + (version.isEmpty() && run.equals("oom-ulimit") ? "oom-arena-map" : run)
						+ ".stderr";
				if (GoVersionOutputTests.class.getResource("/go-output/" + file) != null) {
					fingerprints.add(this.analyzer.analyze(bytes(file))
						.stream()
						.map((finding) -> finding.fingerprint().hash())
						.toList());
				}
			}
			// every traceback level of one version groups together
			assertThat(fingerprints).as(version + runs).hasSizeLessThanOrEqualTo(1);
			if (fingerprints.isEmpty()) {
				letters.add("-");
				continue;
			}
			List<String> fingerprint = fingerprints.iterator().next();
			if (!distinct.contains(fingerprint)) {
				distinct.add(fingerprint);
			}
			letters.add(String.valueOf((char) ('A' + distinct.indexOf(fingerprint))));
		}
		assertThat(String.join(" ", letters)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "go1.19/map-writes-all.stderr, 19", "map-writes.stderr, 19", "map-writes-system.stderr, 19" })
	void twoGoroutinesThatThrowAtOnceAreOneCrash(String file, long goroutine) {
		String text = new String(bytes(file), StandardCharsets.UTF_8);
		assertThat(text).startsWith("fatal error: concurrent map writes\nfatal error: concurrent map writes\n");
		Finding crash = only(this.analyzer.analyze(bytes(file)));
		assertThat(crash.message()).isEqualTo("concurrent map writes");
		assertThat(crash.crashingGoroutine().id()).isEqualTo(goroutine);
		assertThat(crash.fingerprint().components()).containsExactly("kind:concurrent_map_writes",
				"frame:main.(*Registry).Register", "frame:main.(*Server).write");
	}

	@ParameterizedTest
	@CsvSource({ "go1.19, go-wrapper, main.(*Server).spawn.func1", "go1.21, go-wrapper, main.(*Server).spawn.func1",
			"go1.22, go-wrapper, main.(*Server).spawn.gowrap1", "go1.19, map-writes, main.main.func2",
			"go1.21, map-writes, main.main.func2", "go1.22, map-writes, main.main.gowrap1" })
	void groupsACrashUnderTheClosureOfAGoStatementWithArgumentsAtEveryTracebackLevel(String version, String run,
			String wrapper) {
		Finding single = only(this.analyzer.analyze(bytes(version + "/" + run + ".stderr")));
		Finding system = only(this.analyzer.analyze(bytes(version + "/" + run + "-system.stderr")));
		// GOTRACEBACK=system shows the closure the compiler made, named like any closure
		// before Go 1.22
		assertThat(system.crashingGoroutine().frames()).extracting(Frame::function).contains(wrapper);
		assertThat(single.crashingGoroutine().frames()).extracting(Frame::function).doesNotContain(wrapper);
		assertThat(system.fingerprint()).isEqualTo(single.fingerprint());
		assertThat(system.topInAppFrame().function()).isEqualTo(single.topInAppFrame().function());
		assertThat(system.topInAppFrame().location()).isEqualTo(single.topInAppFrame().location());
		Finding latest = only(this.analyzer.analyze(bytes(run + "-system.stderr")));
		assertThat(system.fingerprint()).isEqualTo(latest.fingerprint());
	}

	@ParameterizedTest
	@CsvSource({ "go1.19, main.main.func3", "go1.21, main.main.func4", "go1.22, main.main.gowrap3" })
	void groupsARaceUnderTheClosureOfAGoStatementWithArgumentsAcrossGoVersions(String version, String wrapper) {
		Finding race = only(this.analyzer.analyze(bytes(version + "/race-go-wrapper.stderr")));
		assertThat(race.race().accesses().get(0).frames()).extracting(Frame::function)
			.containsExactly("main.(*Server).count", wrapper);
		assertThat(race.fingerprint().components()).containsExactly("kind:data_race",
				"access:read:main.(*Server).count", "access:write:main.(*Server).count");
		assertThat(race.fingerprint())
			.isEqualTo(only(this.analyzer.analyze(bytes("race-go-wrapper.stderr"))).fingerprint());
	}

	@ParameterizedTest
	@CsvSource({ "go1.19/nested-goroutine.stderr", "nested-goroutine.stderr" })
	void keepsAGoStatementsOwnClosure(String file) {
		Finding crash = only(this.analyzer.analyze(bytes(file)));
		assertThat(crash.fingerprint().components()).containsExactly("kind:nil_map_write", "frame:main.spawn.func1");
	}

	@ParameterizedTest
	@CsvSource({ "sigquit-crash.stderr, main.spin", "sigquit-crash-sysmon.stderr, ",
			"go1.19/sigquit-crash.stderr, main.spin", "go1.22/sigquit-crash.stderr, main.spin" })
	void groupsADumpForASignalSentByAnotherProcessWhateverThreadGotIt(String file, String running) {
		Finding crash = only(this.analyzer.analyze(bytes(file)));
		assertThat(crash.text()).contains(" sigcode=0\n");
		// the kernel picks the thread: a spinning goroutine, or the runtime's monitor
		assertThat((crash.topInAppFrame() != null) ? crash.topInAppFrame().function() : null).isEqualTo(running);
		assertThat(crash.fingerprint().components()).containsExactly("kind:other", "message:SIGQUIT: quit");
	}

	@ParameterizedTest
	@CsvSource({ "go1.19", "go1.21", "go1.22" })
	void keepsTheGoroutinesAfterAPanicValueWithAnEmptyLineThatIsNotIndented(String version) {
		Finding crash = only(this.analyzer.analyze(bytes(version + "/blank-line-value.stderr")));
		// Go 1.22 and older print the value's empty line as an empty line: the message
		// stops there, the lines after it are kept in the text
		assertThat(crash.message()).isEqualTo("render failed:");
		assertThat(crash.text()).contains("line 4: stop\n\ngoroutine 1 [running]:");
		assertThat(crash.goroutineCount()).isEqualTo(1);
		assertThat(crash.topInAppFrame().function()).isEqualTo("main.main");
		assertThat(crash.fingerprint())
			.isEqualTo(only(this.analyzer.analyze(bytes("blank-line-value.stderr"))).fingerprint());
	}

	@ParameterizedTest
	@CsvSource({ "go1.19/, 99, 0", "go1.21/, 100, 103", "go1.22/, 100, 103", "'', 100, 103" })
	void readsTheFramesOfADeepStackAsEachGoVersionElidesThem(String version, int frames, long elided) {
		Finding crash = only(this.analyzer.analyze(bytes(version + "deep-recursion.stderr")));
		// Go 1.19 prints the innermost frames only, Go 1.21+ the innermost and outermost
		// 50 with "...103 frames elided..." between them
		assertThat(crash.crashingGoroutine().frames()).hasSize(frames);
		assertThat(crash.crashingGoroutine().elidedFrames()).isEqualTo(elided);
		assertThat(crash.goroutineCount()).isEqualTo(1);
		assertThat(crash.truncation().incomplete()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "go1.19/, ", "go1.21/, 18", "go1.22/, 18", "'', 18" })
	void readsTheCreatorsGoroutineWhereGoPrintsIt(String version, Long creatorGoroutine) {
		Goroutine crashing = only(this.analyzer.analyze(bytes(version + "nested-goroutine.stderr")))
			.crashingGoroutine();
		assertThat(crashing.createdBy().function()).isEqualTo("main.spawn");
		// "created by main.spawn in goroutine 18" since Go 1.21
		assertThat(crashing.createdByGoroutine()).isEqualTo(creatorGoroutine);
	}

	private static Finding only(List<Finding> findings) {
		assertThat(findings).hasSize(1);
		return findings.get(0);
	}

	static byte[] bytes(String file) {
		try (InputStream in = GoVersionOutputTests.class.getResourceAsStream("/go-output/" + file)) {
			assertThat(in).as(file).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
