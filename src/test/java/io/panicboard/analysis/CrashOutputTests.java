package io.panicboard.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file {@code runtime/debug.SetCrashOutput} names gets a fatal error's goroutines but
 * not its {@code fatal error: ...} line, which the runtime writes to standard error only
 * (files under {@code src/test/resources/crash-output}, see its README).
 */
class CrashOutputTests {

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			writes-system    | concurrent_map_writes          | concurrent map writes
			readwrite-system | concurrent_map_read_write      | concurrent map read and map write
			iterate-system   | concurrent_map_iteration_write | concurrent map iteration and map write
			deadlock-system  | deadlock                       | all goroutines are asleep - deadlock!
			overflow-system  | stack_overflow                 | stack overflow
			overflow-single  | stack_overflow                 | stack overflow
			""")
	void aFatalErrorIsReadFromTheRuntimeFramesItsFileStartsWith(String run, String kind, String message) {
		Finding fromFile = only(this.analyzer.analyze(bytes(run + ".crash")));
		Finding fromStderr = only(this.analyzer.analyze(bytes(run + ".stderr")));
		assertThat(fromFile.type()).isEqualTo(FindingType.FATAL);
		assertThat(fromFile.kind().id()).isEqualTo(kind);
		assertThat(fromFile.message()).isEqualTo(message);
		assertThat(fromFile.messageInferred()).isTrue();
		assertThat(fromStderr.messageInferred()).isFalse();
		// the same crash groups with what standard error showed of it
		assertThat(fromFile.kind()).isEqualTo(fromStderr.kind());
		assertThat(fromFile.message()).isEqualTo(fromStderr.message());
		assertThat(fromFile.fingerprint()).isEqualTo(fromStderr.fingerprint());
		assertThat(fromFile.topInAppFrame()).isEqualTo(fromStderr.topInAppFrame());
	}

	@ParameterizedTest
	@CsvSource({ "writes-single", "readwrite-single", "iterate-single", "deadlock-single" })
	void withoutRuntimeFramesNothingTellsAFatalErrorFromALoggedStack(String run) {
		// the same text as debug.Stack() in a log: no crash
		assertThat(this.analyzer.analyze(bytes(run + ".crash"))).isEmpty();
		assertThat(only(this.analyzer.analyze(bytes(run + ".stderr"))).messageInferred()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "nilmap-single", "nilmap-system" })
	void aPanicKeepsItsMessageLineInTheFile(String run) {
		Finding fromFile = only(this.analyzer.analyze(bytes(run + ".crash")));
		assertThat(fromFile.kind()).isEqualTo(Kind.NIL_MAP_WRITE);
		assertThat(fromFile.messageInferred()).isFalse();
	}

	@Test
	void aStackThatOnlyLooksLikeAGoroutineDumpIsNoCrash() {
		String logged = """
				2026/11/23 01:30:00 handler stack:
				goroutine 7 [running]:
				runtime/debug.Stack()
					/usr/lib/go-1.23/src/runtime/debug/stack.go:26 +0x5e
				main.handle()
					/srv/app/main.go:40 +0x25
				""";
		assertThat(this.analyzer.analyze(logged)).isEmpty();
	}

	@Test
	void goOneTwentyFourMapFramesWithoutTheCallerSayOnlyThatItWasAConcurrentMapAccess() {
		String file = """

				goroutine 76 [running]:
				internal/runtime/maps.fatal({0x793b22?, 0x732fa0?})
					/usr/local/go/src/runtime/panic.go:1058 +0x18
				example.com/shop/cart.(*Store).Add(0xc000377770, {0x811bb8?, 0xc0003777c0?})
					/srv/shop/cart/store.go:62 +0xdb
				created by example.com/shop/cart.Start in goroutine 1
					/srv/shop/cart/start.go:20 +0x44
				""";
		Finding finding = only(this.analyzer.analyze(file));
		assertThat(finding.kind()).isEqualTo(Kind.OTHER);
		assertThat(finding.message()).isEqualTo(Classifier.UNKNOWN_MAP_FATAL);
		assertThat(finding.mapRelated()).isTrue();
		assertThat(finding.messageInferred()).isTrue();
	}

	/**
	 * Every labelled sample of a fatal error, with its {@code fatal error:} line taken
	 * out as in a crash output file, is either not recognised (no runtime frames to go
	 * on) or recognised as the same kind, or as {@code other} when its frames do not say
	 * which error it was; never as a different kind.
	 */
	@TestFactory
	Stream<DynamicTest> theCorpusFatalErrorsWithoutTheirMessageLine() {
		List<DynamicTest> tests = new ArrayList<>();
		int sameKind = 0;
		for (String file : Corpus.files()) {
			String text = new String(Corpus.bytes(file), StandardCharsets.UTF_8);
			List<Finding> findings = this.analyzer.analyze(text);
			if (findings.isEmpty() || findings.get(0).type() != FindingType.FATAL || !text.contains("fatal error: ")) {
				continue;
			}
			Kind kind = findings.get(0).kind();
			String headless = text.replaceFirst("(?m)^.*fatal error: .*\\R", "");
			List<Finding> crashes = this.analyzer.analyze(headless).stream().filter(Finding::crash).toList();
			Finding inferred = (!crashes.isEmpty() && crashes.get(0).messageInferred()) ? crashes.get(0) : null;
			if (inferred != null && inferred.kind() == kind) {
				sameKind++;
			}
			tests.add(DynamicTest.dynamicTest(file + " without its message line: "
					+ ((inferred != null) ? inferred.kind().id() : "not recognised"), () -> {
						if (inferred != null) {
							assertThat(inferred.kind()).isIn(kind, Kind.OTHER);
						}
					}));
		}
		assertThat(tests).hasSizeGreaterThan(20);
		// and the rule is not empty: those with runtime frames are recognised
		assertThat(sameKind).isPositive();
		return tests.stream();
	}

	private static Finding only(List<Finding> findings) {
		assertThat(findings).hasSize(1);
		return findings.get(0);
	}

	private static byte[] bytes(String file) {
		try (InputStream in = CrashOutputTests.class.getResourceAsStream("/crash-output/" + file)) {
			assertThat(in).as(file).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
