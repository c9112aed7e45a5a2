package io.panicboard.incident;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.panicboard.incident.PageOccurrences.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class AnalyzePageTests {

	private static final RequestPostProcessor VIEWER = user("victor").roles("VIEWER");

	private static final List<String> TABLES = List.of("incident", "occurrence", "timeline_entry", "incident_hourly",
			"service", "gc_cycle");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void showsTheFormToAnySignedInUser() {
		assertThat(this.mvc.get().uri("/analyze").with(VIEWER)).hasStatusOk()
			.bodyText()
			.contains("Analyze a trace or a log", "name=\"text\"", "name=\"_csrf\"");
		assertThat(this.mvc.get().uri("/analyze")).hasStatus3xxRedirection();
	}

	@Test
	void showsEveryFindingWithTheIncidentViewsAndStoresNothing() {
		List<Long> before = counts();
		String log = corpus("generated/service-log-interleaved.txt") + "\n" + corpus("generated/race-map-writes.txt")
				+ "\n" + corpus("generated/nilmap-basic-traceback-system-go1.23.txt");
		String html = analyze(log, 200);
		assertThat(html).contains("Data race", "class=\"race-accesses\"", "Write to a nil map", "memory safety",
				"<li class=\"frame app\">", "<details class=\"collapsed-frames\">", "<details class=\"goroutines\">",
				"Why grouped");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void summarisesGcTraceLines() {
		String html = analyze(corpus("generated/gctrace-alloc.txt"), 200);
		assertThat(html).contains("GC trace line", "GC CPU %").containsPattern("\\d+ GC cycle lines");
	}

	@Test
	void saysWhenTheKindWasReadFromTheRuntimeFramesOfACrashOutputFile() throws Exception {
		String file;
		try (var in = getClass().getResourceAsStream("/crash-output/writes-system.crash")) {
			file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(analyze(file, 200)).contains("concurrent map writes", "has no &quot;fatal error:&quot; line");
		assertThat(analyze(corpus("generated/concurrent-map-writes.txt"), 200))
			.doesNotContain("has no &quot;fatal error:&quot; line");
	}

	@Test
	void escapesWhatWasPasted() {
		String html = analyze("panic: <script>alert(1)</script>\n\ngoroutine 1 [running]:\n"
				+ "main.<script>alert(1)</script>(...)\n\t/src/\"><img src=x onerror=alert(1)>.go:8\n", 200);
		assertThat(html).contains("Panic raised by the code", "main.&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script", "<img src=x");
	}

	@Test
	void refusesEmptyAndOversizedTextWithAFriendlyMessage() {
		assertThat(analyze("  \n", 400)).contains("Paste a trace or a log first.");
		String tooLarge = "x".repeat(10 * 1024 * 1024 + 1);
		assertThat(analyze(tooLarge, 413)).contains("The text is larger than 10 MiB").doesNotContain("xxxxxxxxxx");
	}

	@Test
	void saysSoWhenATraceHasNoGoroutines() {
		assertThat(analyze(corpus("generated/gotraceback-none.txt"), 200)).contains("1 crash or race found",
				"The trace shows no goroutines");
	}

	@Test
	void saysSoWhenNothingIsFound() {
		assertThat(analyze("INFO all good\nINFO still good\n", 200)).contains("No crash or race found",
				"Nothing found");
	}

	@Test
	void needsTheCsrfToken() {
		assertThat(this.mvc.post().uri("/analyze").with(VIEWER).param("text", "panic: x")).hasStatus(403);
	}

	private String analyze(String text, int status) {
		MvcTestResult result = this.mvc.post().uri("/analyze").with(VIEWER).with(csrf()).param("text", text).exchange();
		assertThat(result).hasStatus(status);
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private List<Long> counts() {
		return TABLES.stream()
			.map((table) -> this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
			.toList();
	}

}
