package io.panicboard.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard error of real crashes built with Go 1.19, 1.21, 1.22 and 1.23 (files under
 * {@code src/test/resources/go-output}, see its README).
 */
class GoVersionOutputTests {

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

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
