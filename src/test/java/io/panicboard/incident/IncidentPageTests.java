package io.panicboard.incident;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.panicboard.PageCharts;
import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.incident.PageOccurrences.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class IncidentPageTests {

	private static final RequestPostProcessor RESPONDER = user("alice").roles("RESPONDER");

	private static final RequestPostProcessor VIEWER = user("victor").roles("VIEWER");

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private OccurrenceRecorder recorder;

	@Autowired
	private TransactionTemplate transactions;

	private PageOccurrences occurrences;

	private String service;

	@BeforeEach
	void newService() {
		this.occurrences = new PageOccurrences(this.recorder, this.transactions);
		this.service = IncidentGrouperTests.service();
	}

	@Test
	void showsANilMapWriteWithInAppFramesMarkedAndRuntimeFramesFolded() {
		long id = record(corpus("generated/nilmap-basic-traceback-system-go1.23.txt"));
		String html = page(id, VIEWER);
		assertThat(html).contains("Write to a nil map", "memory safety", "clear(x.counts)",
				"delete on a nil map does nothing", "assignment to entry in nil map");
		int folded = html.indexOf("<details class=\"collapsed-frames\">");
		int mapassign = html.indexOf("runtime.mapassign_faststr");
		int app = html.indexOf("<li class=\"frame app\">");
		assertThat(folded).isPositive().isLessThan(mapassign);
		assertThat(mapassign).isLessThan(app);
		assertThat(html.substring(app)).contains("main.main", "/home/gopher/crashlab/nilmap-basic/main.go:8");
		assertThat(html).contains("<li class=\"frame runtime\">")
			.contains("<details class=\"goroutines\">")
			.containsPattern("\\d+ other goroutines with \\d+ different stacks")
			.contains("crashed here");
	}

	@Test
	void showsBothAccessesOfARaceSideBySideWithTheirCreationStacks() {
		long id = record(corpus("generated/race-map-writes.txt"));
		String html = page(id, VIEWER);
		int accesses = html.indexOf("class=\"race-accesses\"");
		assertThat(accesses).isPositive();
		String race = html.substring(accesses);
		assertThat(race).contains("by goroutine 7", "previous read", "by goroutine 8",
				"Goroutine 7 (running) was created at:", "Goroutine 8 (finished) was created at:",
				"runtime.mapaccess1_faststr", "main.add");
		assertThat(race.split("class=\"trace race-access\"", -1)).hasSize(3);
		assertThat(html).contains("Data race", "Choosing the protection for a shared map");
	}

	@Test
	void showsCountsVersionsInstancesTimelineAndWhyGrouped() {
		String text = corpus("generated/nilmap-goroutine.txt");
		long id = record(text);
		this.occurrences.record(this.service, text, "1.4.3", "pod-b", NOW.minusSeconds(30));
		this.jdbc.sql(
				"INSERT INTO deploy (service, environment, version, deployed_at) VALUES (?, 'production', 'v9.9.9', ?)")
			.params(this.service, Timeline.utc(NOW.minusSeconds(45)))
			.update();
		String html = page(id, VIEWER);
		assertThat(html).contains("1.4.2", "1.4.3", "pod-a", "pod-b", "Why grouped", "the kind: nil_map_write",
				"call site frame 1: main.(*Cache).Put", "First seen in version 1.4.2 on pod-a",
				"Deploy of version v9.9.9", "Occurrences (2)");
		JsonNode chart = PageCharts.of(html, "bars").get(0);
		assertThat(chart.at("/markers/0/label").asString()).isEqualTo("v9.9.9");
		assertThat(chart.at("/series/0/total").asLong()).isEqualTo(2);
		assertThat(chart.get("titles")).hasSizeGreaterThanOrEqualTo(24);
	}

	@Test
	void theChartGoesOnAfterTheLastCrashSoThatTheFixingDeployIsOnIt() {
		Instant crash = NOW.minus(Duration.ofHours(30));
		long id = this.occurrences.record(this.service, corpus("generated/nilmap-basic.txt"), "1.4.2", "pod-a", crash);
		this.jdbc.sql(
				"INSERT INTO deploy (service, environment, version, deployed_at) VALUES (?, 'production', 'v1.4.3-fix', ?)")
			.params(this.service, Timeline.utc(crash.plus(Duration.ofHours(3))))
			.update();
		this.jdbc.sql(
				"INSERT INTO deploy (service, environment, version, deployed_at) VALUES (?, 'production', 'v1.4.4-later', ?)")
			.params(this.service, Timeline.utc(crash.plus(Duration.ofHours(26))))
			.update();
		JsonNode chart = PageCharts.of(page(id, VIEWER), "bars").get(0);
		// from the crash's hour to 24 hours after it: the fix three hours later is on it,
		// a deploy of a day later is not
		assertThat(chart.get("titles")).hasSize(25);
		assertThat(chart.at("/series/0/total").asLong()).isEqualTo(1);
		assertThat(chart.findValuesAsString("label")).contains("v1.4.3-fix").doesNotContain("v1.4.4-later");
		// an incident seen a minute ago: its chart ends with the current hour
		long recent = record(corpus("generated/nil-pointer.txt"));
		JsonNode recentChart = PageCharts.of(page(recent, VIEWER), "bars").get(0);
		assertThat(recentChart.get("titles")).hasSize(24);
	}

	@Test
	void aLongTimelineShowsItsNewestEntriesAndSaysHowManyOlderOnesAreNotShown() {
		long id = record(corpus("generated/nilmap-basic.txt"));
		this.jdbc.sql("""
				INSERT INTO timeline_entry (incident_id, at, type, actor, detail)
				SELECT ?, ?::timestamptz + n * interval '1 millisecond', 'note', 'alice',
					jsonb_build_object('text', 'note number ' || n)
				FROM generate_series(1, 501) n""").params(id, Timeline.utc(NOW.minusSeconds(50))).update();
		assertThat(page(id, VIEWER)).contains("2 older entries not shown", "note number 501", "note number 2<")
			.doesNotContain("note number 1<", "First seen in version");
		assertThat(page(record(corpus("generated/nil-pointer.txt")), VIEWER)).doesNotContain("older entr");
	}

	@Test
	void showsTheOccurrenceThatOccurredLastAndListsOccurrencesByReceiptWithBothTimes() {
		String text = corpus("generated/nilmap-basic-traceback-system-go1.23.txt");
		long id = this.occurrences.record(this.service, text, "2.0.0", "pod-new", NOW.minusSeconds(60));
		// a backfill of weeks-old crashes arrives after it
		this.occurrences.record(this.service, text, "1.0.0", "pod-old", NOW.minus(Duration.ofDays(20)));
		long lastOccurred = this.jdbc.sql("SELECT id FROM occurrence WHERE incident_id = ? AND instance = 'pod-new'")
			.param(id)
			.query(Long.class)
			.single();
		assertThat(get("/incidents/" + id, VIEWER)).bodyText()
			.contains("Occurrence " + lastOccurred + "</span>", "<th>Received</th>", "Newest received first");
	}

	@Test
	void switchesTheTraceToAnOccurrenceAndShowsItsRawTextEscaped() {
		long id = record(xssTrace());
		long occurrence = this.jdbc.sql("SELECT id FROM occurrence WHERE incident_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		assertThat(get("/incidents/" + id + "?occurrence=" + occurrence, VIEWER)).hasStatusOk();
		MvcTestResult raw = get("/incidents/" + id + "/occurrences/" + occurrence, VIEWER);
		assertThat(raw).hasStatusOk();
		assertThat(raw).bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain("<script>", "<img src=x");
		MvcTestResult plain = get("/incidents/" + id + "/occurrences/" + occurrence + "/raw", VIEWER);
		assertThat(plain).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_PLAIN);
		assertThat(plain).bodyText().startsWith("panic: <script>alert(1)</script>");
		assertThat(plain).headers().hasValue("X-Content-Type-Options", "nosniff");
		assertThat(get("/incidents/" + id + "/occurrences/" + (occurrence + 1_000_000), VIEWER)).hasStatus(404);
		assertThat(get("/incidents/" + id + "?occurrence=" + (occurrence + 1_000_000), VIEWER)).hasStatus(404);
	}

	@Test
	void escapesTraceDataEverywhereOnThePage() {
		long id = record(xssTrace());
		this.jdbc.sql("INSERT INTO deploy (service, environment, version, deployed_at) VALUES (?, 'production', ?, ?)")
			.params(this.service, "\"><img src=x onerror=alert(1)>", Timeline.utc(NOW.minusSeconds(75)))
			.update();
		String html = page(id, VIEWER);
		assertThat(html).contains("main.&lt;script&gt;alert(1)&lt;/script&gt;",
				"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
		assertThat(html).doesNotContain("<img src=x", "\"><img");
		// the only scripts are the charts', served by panicboard
		assertThat(html.split("<script", -1)).hasSize(4);
		assertThat(html).containsSubsequence("<script src=\"/webjars/chart.js/",
				"<script src=\"/webjars/chartjs-plugin-annotation/", "<script src=\"/js/charts.js\" defer></script>");
		assertThat(PageCharts.attributes(html))
			.anySatisfy((attribute) -> assertThat(attribute).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
		assertThat(PageCharts.of(html, "bars").get(0).at("/markers/0/label").asString())
			.isEqualTo("\"><img src=x onerror=alert(1)>");
	}

	@Test
	void linksInAppFramesToTheirSourceThroughTheServiceTemplate() {
		this.jdbc.sql("INSERT INTO service (name, source_link_template, in_app_prefixes) VALUES (?, ?, ?::text[])")
			.params(this.service, "https://git.example.com/acme/orders/blob/{version}/{path}#L{line}",
					"{github.com/acme/orders}")
			.update();
		String text = """
				panic: assignment to entry in nil map

				goroutine 1 [running]:
				github.com/acme/orders/store.(*Index).Add(...)
					/build/orders/store/index.go:42
				main.main()
					/build/orders/cmd/orders/main.go:8 +0x70
				""";
		long id = this.occurrences.record(this.service, text, "v1.4.2", "pod-a", NOW, "github.com/acme/orders");
		String html = page(id, VIEWER);
		assertThat(html).contains(
				"href=\"https://git.example.com/acme/orders/blob/v1.4.2/store/index.go#L42\" rel=\"noopener noreferrer\"",
				"href=\"https://git.example.com/acme/orders/blob/v1.4.2/cmd/orders/main.go#L8\"");
	}

	@Test
	void answersUnknownIncidentsWithTheNotFoundPage() {
		assertThat(get("/incidents/999999999", VIEWER)).hasStatus(404).bodyText().contains("Not found");
		assertThat(get("/incidents/nope", VIEWER)).hasStatus(404).bodyText().contains("Not found");
		assertThat(this.mvc.post().uri("/incidents/999999999/acknowledge").with(RESPONDER).with(csrf())).hasStatus(404);
	}

	@Test
	void recordsEachActionOnTheTimelineWithTheSignedInUser() {
		long id = record(corpus("generated/nilmap-basic.txt"));
		long other = this.occurrences.record(this.service, corpus("generated/nil-pointer.txt"), "1.4.2", "pod-a", NOW);
		assertThat(act(id, "acknowledge")).hasStatus3xxRedirection()
			.hasRedirectedUrl("/incidents/" + id)
			.flash()
			.containsEntry("flashSuccess", "Acknowledged.");
		assertThat(status(id)).isEqualTo("acknowledged");
		assertThat(act(id, "assign", "assignee", "dana")).hasStatus3xxRedirection();
		assertThat(act(id, "notes", "text", "nil map in the index, fix in #412")).hasStatus3xxRedirection();
		assertThat(act(id, "resolve", "version", "1.4.3")).hasStatus3xxRedirection();
		assertThat(status(id)).isEqualTo("resolved");
		assertThat(act(id, "reopen")).hasStatus3xxRedirection();
		assertThat(act(id, "mute", "duration", "1d")).hasStatus3xxRedirection();
		assertThat(status(id)).isEqualTo("muted");
		assertThat(this.jdbc.sql("SELECT muted_until > now() + interval '23 hours' FROM incident WHERE id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(act(other, "merge", "into", "#" + id)).hasStatus3xxRedirection();
		assertThat(
				this.jdbc.sql("SELECT merged_into FROM incident WHERE id = ?").param(other).query(Long.class).single())
			.isEqualTo(id);
		assertThat(page(other, VIEWER)).contains("This incident is merged into", "href=\"/incidents/" + id + "\"");
		assertThat(act(other, "unmerge")).hasStatus3xxRedirection();
		List<String> entries = this.jdbc
			.sql("SELECT type || ':' || coalesce(actor, '-') FROM timeline_entry WHERE incident_id = ? ORDER BY at, id")
			.param(id)
			.query(String.class)
			.list();
		assertThat(entries).containsExactly("first_seen:-", "acknowledged:alice", "assigned:alice", "note:alice",
				"resolved:alice", "reopened:alice", "muted:alice", "merged_from:alice", "unmerged_from:alice");
		assertThat(page(id, RESPONDER)).contains("Acknowledged", "by alice", "Assigned to dana",
				"nil map in the index, fix in #412", "Resolved in version 1.4.3");
	}

	@Test
	void lengthsCountCharactersNotUtf16Units() {
		long id = record(corpus("generated/nilmap-basic.txt"));
		String emoji = "\uD83D\uDE80";
		assertThat(act(id, "notes", "text", emoji.repeat(5_001))).hasStatus3xxRedirection();
		assertThat(act(id, "notes", "text", emoji.repeat(10_001))).hasStatus(400)
			.bodyText()
			.contains("A note may have up to 10000 characters");
		assertThat(act(id, "assign", "assignee", emoji.repeat(100))).hasStatus3xxRedirection();
		assertThat(act(id, "assign", "assignee", emoji.repeat(101))).hasStatus(400)
			.bodyText()
			.contains("An assignee is a name of up to 100 characters");
		assertThat(this.jdbc.sql("SELECT assignee FROM incident WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo(emoji.repeat(100));
	}

	@Test
	void showsActionFormsOnlyToResponders() {
		long id = record(corpus("generated/nilmap-basic.txt"));
		assertThat(page(id, VIEWER)).doesNotContain("/acknowledge\"", "/notes\"", "/merge\"", "/resolve\"", "/mute\"",
				"/assign\"", "Actions");
		assertThat(page(id, RESPONDER)).contains("action=\"/incidents/" + id + "/acknowledge\"",
				"action=\"/incidents/" + id + "/notes\"", "action=\"/incidents/" + id + "/mute\"");
		assertThat(this.mvc.post().uri("/incidents/" + id + "/acknowledge").with(VIEWER).with(csrf())).hasStatus(403);
		assertThat(this.mvc.post().uri("/incidents/" + id + "/acknowledge").with(RESPONDER)).hasStatus(403);
		assertThat(status(id)).isEqualTo("open");
	}

	@Test
	void showsThePageAgainWithAFriendlyErrorForInvalidInput() {
		long id = record(corpus("generated/nilmap-basic.txt"));
		assertThat(act(id, "notes", "text", "   ")).hasStatus(400)
			.bodyText()
			.contains("Write something before adding a note.", "Write to a nil map");
		assertThat(act(id, "notes", "text", "x".repeat(IncidentPageController.MAX_NOTE_LENGTH + 1))).hasStatus(400)
			.bodyText()
			.contains("A note may have up to 10000 characters");
		assertThat(act(id, "notes", "text", "nul \u0000 inside")).hasStatus(400)
			.bodyText()
			.contains("A note cannot hold NUL characters.");
		assertThat(act(id, "merge", "into", "999999999")).hasStatus(400)
			.bodyText()
			.contains("There is no incident #999999999.");
		assertThat(act(id, "merge", "into", "the other one")).hasStatus(400)
			.bodyText()
			.contains("Enter the number of the incident to merge into");
		assertThat(act(id, "merge", "into", Long.toString(id))).hasStatus(400)
			.bodyText()
			.contains("An incident cannot be merged into itself.");
		assertThat(act(id, "resolve", "version", "1.4 <beta>")).hasStatus(400)
			.bodyText()
			.contains("A version is letters, digits", "value=\"1.4 &lt;beta&gt;\"");
		assertThat(act(id, "resolve", "version", "1".repeat(101))).hasStatus(400)
			.bodyText()
			.contains("A version is letters, digits");
		assertThat(act(id, "assign", "assignee", "dana\nrm")).hasStatus(400)
			.bodyText()
			.contains("An assignee is a name of up to 100 characters");
		assertThat(act(id, "mute", "duration", "forever")).hasStatus(400)
			.bodyText()
			.contains("Choose how long to mute");
		assertThat(act(id, "reopen")).hasStatus(409)
			.bodyText()
			.contains("That did not work: Incident " + id + " is open");
		long elsewhere = this.occurrences.record(IncidentGrouperTests.service(), corpus("generated/nilmap-basic.txt"),
				"1.4.2", "pod-a", NOW);
		assertThat(act(id, "merge", "into", Long.toString(elsewhere))).hasStatus(409)
			.bodyText()
			.contains("Only incidents of the same service can be merged.");
		assertThat(this.jdbc.sql("SELECT count(*) FROM timeline_entry WHERE incident_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private long record(String text) {
		return this.occurrences.record(this.service, text, "1.4.2", "pod-a", NOW.minusSeconds(60));
	}

	private static String xssTrace() {
		return """
				panic: <script>alert(1)</script> "><img src=x onerror=alert(1)>

				goroutine 1 [running]:
				main.<script>alert(1)</script>(...)
					/src/"><img src=x onerror=alert(1)>/<script>alert(1)</script>.go:8 +0x70
				main.main()
					/src/x/main.go:3 +0x10
				""";
	}

	private String page(long id, RequestPostProcessor user) {
		MvcTestResult result = get("/incidents/" + id, user);
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private MvcTestResult get(String uri, RequestPostProcessor user) {
		return this.mvc.get().uri(uri).with(user).exchange();
	}

	private MvcTestResult act(long id, String action, String... params) {
		var request = this.mvc.post().uri("/incidents/" + id + "/" + action).with(RESPONDER).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

	private String status(long id) {
		return this.jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single();
	}

}
