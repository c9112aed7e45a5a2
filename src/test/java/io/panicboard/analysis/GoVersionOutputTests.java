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
