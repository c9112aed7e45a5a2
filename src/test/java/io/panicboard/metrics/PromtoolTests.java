package io.panicboard.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code promtool check metrics} accepts the real output of {@code /metrics}, with every
 * kind of panicboard metric holding samples.
 */
@MetricsTest
class PromtoolTests {

	private static final String PROMTOOL = System.getProperty("promtool.binary", "/usr/bin/promtool");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DatabaseGaugesJob gaugesJob;

	@Test
	void promtoolAcceptsTheMetricsOutput() throws Exception {
		assumeTrue(Files.isExecutable(Path.of(PROMTOOL)), () -> "promtool check skipped: " + PROMTOOL
				+ " is not installed; install Debian's prometheus package, as .ci/run does");
		String service = "promtool-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(
				this.mvc.post()
					.uri("/api/v1/events")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + MetricsTest.TOKEN)
					.contentType(MediaType.APPLICATION_JSON)
					.content(Events.of(service, null,
							List.of(Events.NIL_MAP, Events.GCTRACE, Events.corpus("race-delete-range.txt")))))
			.hasStatus(202);
		this.gaugesJob.refresh();
		String metrics = this.mvc.get().uri("/metrics").exchange().getResponse().getContentAsString();
		assertThat(metrics).contains("panicboard_crashes_ingested_total{service=\"" + service,
				"panicboard_data_races_total{service=\"" + service,
				"panicboard_gc_pause_seconds_bucket{service=\"" + service,
				"panicboard_open_incidents{service=\"" + service, "panicboard_heap_live_bytes{service=\"" + service,
				"panicboard_metrics_label_overflow_total{label=\"environment\"");
		assertThat(promtool(metrics)).isEmpty();
	}

	/** Runs {@code promtool check metrics}; returns what it complained about. */
	private static String promtool(String metrics) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(PROMTOOL, "check", "metrics").redirectErrorStream(true).start();
		process.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output.strip();
	}

}
