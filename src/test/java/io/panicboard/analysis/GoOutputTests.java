package io.panicboard.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard error of real Go 1.23 crashes (files under
 * {@code src/test/resources/go-output}, see its README).
 */
class GoOutputTests {

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	@ParameterizedTest
	@CsvSource({ "method-value, main.(*Store).Put-fm", "promoted, main.(*Outer).Set" })
	void groupsACrashThroughACompilerMadeWrapperAtEveryTracebackLevel(String run, String wrapper) {
		Finding single = only(this.analyzer.analyze(bytes(run + "-single.stderr")));
		Finding system = only(this.analyzer.analyze(bytes(run + "-system.stderr")));
		// GOTRACEBACK=system shows the wrapper, which the default level hides
		assertThat(system.crashingGoroutine().frames()).extracting(Frame::function).contains(wrapper);
		assertThat(single.crashingGoroutine().frames()).extracting(Frame::function).doesNotContain(wrapper);
		assertThat(system.fingerprint()).isEqualTo(single.fingerprint());
		assertThat(system.topInAppFrame()).isEqualTo(single.topInAppFrame());
	}

	@Test
	void aValueMethodCalledOnANilPointerIsANilPointerDereferenceAtEveryTracebackLevel() {
		Finding single = only(this.analyzer.analyze(bytes("nil-value-receiver-single.stderr")));
		Finding system = only(this.analyzer.analyze(bytes("nil-value-receiver-system.stderr")));
		assertThat(single.message()).isEqualTo("value method main.Point.X called using nil *Point pointer");
		assertThat(single.kind()).isEqualTo(Kind.NIL_POINTER_DEREFERENCE);
		assertThat(system.kind()).isEqualTo(Kind.NIL_POINTER_DEREFERENCE);
		assertThat(system.fingerprint()).isEqualTo(single.fingerprint());
		assertThat(single.fingerprint().components()).containsExactly("kind:nil_pointer_dereference",
				"frame:main.readX", "frame:main.main");
	}

	@Test
	void keepsTheFramesOfTracebackAncestorsOutOfTheCrashingGoroutine() {
		Finding plain = only(this.analyzer.analyze(bytes("nested-goroutine.stderr")));
		Finding ancestors = only(this.analyzer.analyze(bytes("nested-goroutine-ancestors.stderr")));
		assertThat(ancestors.text()).contains("[originating from goroutine ");
		assertThat(ancestors.crashingGoroutine().frames()).extracting(Frame::function)
			.containsExactly("main.spawn.func1");
		assertThat(ancestors.crashingGoroutine().createdBy().function()).isEqualTo("main.spawn");
		assertThat(ancestors.crashingGoroutine().createdByGoroutine()).isNotNull();
		assertThat(ancestors.goroutineCount()).isEqualTo(plain.goroutineCount());
		assertThat(ancestors.fingerprint()).isEqualTo(plain.fingerprint());
		assertThat(ancestors.truncation().incomplete()).isFalse();
	}

	@Test
	void readsRecoveredAfterTheLastLineOfAMultiLineValue() {
		Finding recovered = only(this.analyzer.analyze(bytes("multiline-recovered.stderr")));
		assertThat(recovered.recovered()).isTrue();
		assertThat(recovered.panicChain()).containsExactly("first line\nsecond line", "second");
		assertThat(recovered.message()).isEqualTo("second");
		Finding repanic = only(this.analyzer.analyze(bytes("multiline-repanic.stderr")));
		assertThat(repanic.recovered()).isTrue();
		assertThat(repanic.panicChain()).containsExactly("first line\nsecond line", "first line\nsecond line");
	}

	@Test
	void readsAnEmptyLineInsideAPanicValueAsPartOfIt() {
		Finding crash = only(this.analyzer.analyze(bytes("blank-line-value.stderr")));
		assertThat(crash.message())
			.isEqualTo("render failed:\n\nline 1: unexpected EOF\nline 2: missing end\nline 3: bad pipe\nline 4: stop");
		assertThat(crash.goroutineCount()).isEqualTo(1);
		assertThat(crash.topInAppFrame().function()).isEqualTo("main.main");
		assertThat(crash.fingerprint().components()).containsExactly("kind:user_panic", "frame:main.main");
	}

	private static Finding only(List<Finding> findings) {
		assertThat(findings).hasSize(1);
		return findings.get(0);
	}

	private static byte[] bytes(String file) {
		try (InputStream in = GoOutputTests.class.getResourceAsStream("/go-output/" + file)) {
			assertThat(in).as(file).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
