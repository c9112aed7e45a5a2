package io.panicboard.alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Debian's {@code promtool}; a test that needs it is skipped, saying so, where it is
 * not installed ({@code .ci/run} installs it).
 */
final class Promtool {

	private static final String BINARY = System.getProperty("promtool.binary", "/usr/bin/promtool");

	private Promtool() {
	}

	static void assumeInstalled() {
		assumeTrue(Files.isExecutable(Path.of(BINARY)), () -> "promtool skipped: " + BINARY
				+ " is not installed; install Debian's prometheus package, as .ci/run does");
	}

	/**
	 * Runs promtool in a directory.
	 * @param directory the working directory
	 * @param arguments the arguments, e.g. {@code check rules file.yml}
	 * @return the exit code and everything it printed
	 */
	static Result run(Path directory, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(BINARY);
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		return new Result(process.exitValue(), output);
	}

	record Result(int exitCode, String output) {

	}

}
