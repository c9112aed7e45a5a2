package io.panicboard.ingest;

import java.util.Map;
import java.util.UUID;

import io.panicboard.ingest.IngestTestConfiguration.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@IngestTest
class GctraceLogsTests {

	private static final String GO_1_18 = "gc 17 @3.514s 4%: 0.021+1.2+0.034 ms clock, "
			+ "0.17+0.4/2.1/0.9+0.27 ms cpu, 4->6->2 MB, 5 MB goal, 1 MB stacks, 3 MB globals, 8 P (forced)\n";

	private static final String PRE_1_18 = "gc 3 @0.538s 0%: 0.088+23+0.28 ms clock, "
			+ "1.2+0.032/25/1.3+3.9 ms cpu, 32->33->31 MB, 63 MB goal, 40 P\n";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Test
	void storesEveryFieldOfAGctraceCycleFromBothGrammars() {
		String service = "gctrace-" + UUID.randomUUID().toString().substring(0, 8);
		accepted(this.mvc.post()
			.uri("/api/v1/logs?service={s}&environment=staging&instance=pod-7&final=true", service)
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content("2026/11/21 10:00:00 listening\n" + GO_1_18 + PRE_1_18)
			.exchange());
		Map<String, Object> current = cycle(service, 17);
		assertThat(current).containsOnly(entry("service", service), entry("environment", "staging"),
				entry("instance", "pod-7"), entry("received_at", java.sql.Timestamp.from(this.clock.instant())),
				entry("number", 17L), entry("at_seconds", 3.514), entry("cpu_percent", 4),
				entry("clock_sweep_termination_ms", 0.021), entry("clock_mark_ms", 1.2),
				entry("clock_mark_termination_ms", 0.034), entry("cpu_sweep_termination_ms", 0.17),
				entry("cpu_assist_ms", 0.4), entry("cpu_background_ms", 2.1), entry("cpu_idle_ms", 0.9),
				entry("cpu_mark_termination_ms", 0.27), entry("heap_before_mb", 4L), entry("heap_after_mb", 6L),
				entry("heap_live_mb", 2L), entry("goal_mb", 5L), entry("stacks_mb", 1L), entry("globals_mb", 3L),
				entry("procs", 8), entry("forced", true));
		Map<String, Object> old = cycle(service, 3);
		assertThat(old).contains(entry("at_seconds", 0.538), entry("cpu_percent", 0),
				entry("clock_sweep_termination_ms", 0.088), entry("clock_mark_ms", 23.0),
				entry("clock_mark_termination_ms", 0.28), entry("cpu_sweep_termination_ms", 1.2),
				entry("cpu_assist_ms", 0.032), entry("cpu_background_ms", 25.0), entry("cpu_idle_ms", 1.3),
				entry("cpu_mark_termination_ms", 3.9), entry("heap_before_mb", 32L), entry("heap_after_mb", 33L),
				entry("heap_live_mb", 31L), entry("goal_mb", 63L), entry("stacks_mb", null), entry("globals_mb", null),
				entry("procs", 40), entry("forced", false));
	}

	private Map<String, Object> cycle(String service, long number) {
		return this.jdbc.sql("SELECT * FROM gc_cycle WHERE service = ? AND number = ?")
			.params(service, number)
			.query()
			.singleRow();
	}

}
