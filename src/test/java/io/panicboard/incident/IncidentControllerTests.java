package io.panicboard.incident;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.incident.IncidentGrouperTests.fingerprint;
import static io.panicboard.incident.IncidentGrouperTests.service;
import static io.panicboard.incident.TestOccurrences.occurrence;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class IncidentControllerTests {

	private static final ApiPrincipal ADMIN = new ApiPrincipal(7, "ops-bot", TokenScope.ADMIN, null);

	private static final ApiPrincipal READER = new ApiPrincipal(8, "grafana", TokenScope.READ, null);

	private static final ApiPrincipal INGEST = new ApiPrincipal(9, "orders-ci", TokenScope.INGEST, null);

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private OccurrenceRecorder recorder;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	private String service;

	private long busy;

	private long quiet;

	private long old;

	@BeforeEach
	void incidents() {
		this.service = service();
		this.busy = record(5, NOW.minusSeconds(60));
		this.quiet = record(1, NOW.minusSeconds(30));
		this.old = record(2, NOW.minus(3, ChronoUnit.DAYS));
		this.jdbc
			.sql("UPDATE incident SET kind = 'data_race', severity = 'warning', title = ?, culprit_function = ? "
					+ "WHERE id = ?")
			.params("data_race in orders.(*Cart).Total", "orders.(*Cart).Total", this.quiet)
			.update();
	}

	@Test
	void listsFilteredSortedAndPaged() {
		assertThat(get("/api/v1/incidents?service=" + this.service, READER)).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.total").isEqualTo(3);
				assertThat(json).extractingPath("$.page").isEqualTo(0);
				assertThat(json).extractingPath("$.size").isEqualTo(25);
				assertThat(json).extractingPath("$.items[*].id").asArray().containsExactly(ids(quiet, busy, old));
				assertThat(json).extractingPath("$.items[0].firstSeen").asString().endsWith("Z");
				assertThat(json).extractingPath("$.items[1].eventCount").isEqualTo(5);
				assertThat(json).extractingPath("$.items[1].kind").isEqualTo("nil_map_write");
				assertThat(json).extractingPath("$.items[1].environment").isEqualTo("production");
				assertThat(json).extractingPath("$.items[1].fingerprint").asString().hasSize(32);
			});
		assertThat(ids("&sort=count,desc")).containsExactly(ids(busy, old, quiet));
		assertThat(ids("&sort=firstSeen,asc")).containsExactly(ids(old, busy, quiet));
		assertThat(ids("&sort=-lastSeen&size=2&page=1")).containsExactly(ids(old));
		assertThat(ids("&kind=data_race")).containsExactly(ids(quiet));
		assertThat(ids("&severity=critical")).containsExactly(ids(busy, old));
		assertThat(ids("&since=" + NOW.minus(1, ChronoUnit.DAYS))).containsExactly(ids(quiet, busy));
		assertThat(ids("&q=Cart")).containsExactly(ids(quiet));
		assertThat(ids("&q=main.main")).containsExactly(ids(busy, old));
		assertThat(ids("&environment=staging")).isEmpty();
		assertThat(ids("&status=open,resolved")).hasSize(3);
	}

	/**
	 * The servlet container decodes a {@code +} in the query string as a space (MockMvc
	 * does not): {@code sort=+count} arrives as {@code " count"}.
	 */
	@Test
	void aPlusBeforeTheSortSortsAscendingAlsoWhenItArrivesAsASpace() {
		assertThat(rawIds("&sort=%20count")).containsExactly(ids(quiet, old, busy));
		assertThat(rawIds("&sort=%20firstSeen")).containsExactly(ids(old, busy, quiet));
		assertThat(rawIds("&sort=%2Bcount")).containsExactly(ids(quiet, old, busy));
		assertThat(rawIds("&sort=-count")).containsExactly(ids(busy, old, quiet));
		assertThat(rawIds("&sort=count")).containsExactly(ids(busy, old, quiet));
		assertThat(rawIds("&sort=%20count,desc")).containsExactly(ids(busy, old, quiet));
	}

	private List<Object> rawIds(String query) {
		MvcTestResult result = as(this.mvc.get().uri(URI.create("/api/v1/incidents?service=" + this.service + query)),
				READER)
			.exchange();
		if (result.getResponse().getStatus() != 200) {
			return List.of();
		}
		return JsonPath.read(body(result), "$.items[*].id");
	}

	@Test
	void sqlInFreeTextOrSortIsHarmless() {
		assertThat(ids("&q=' OR 1=1; DROP TABLE incident; --")).isEmpty();
		assertThat(ids("&q=%25")).isEmpty();
		assertThat(ids("&q=n_l")).isEmpty();
		assertThat(ids("&q=map_writ")).containsExactly(ids(busy, old));
		assertThat(get("/api/v1/incidents?sort=last_seen;DROP TABLE incident", READER)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("sort");
		assertThat(ids("")).hasSize(3);
	}

	@Test
	void rejectsInvalidFiltersNamingEachField() {
		assertThat(get("/api/v1/incidents?status=closed&kind=nope&since=yesterday&size=1000", READER)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("kind", "status", "since", "size");
	}

	@Test
	void showsDetailWithTimelineCountsAndComponents() {
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.id").isEqualTo((int) this.busy);
			assertThat(json).extractingPath("$.eventCount").isEqualTo(5);
			assertThat(json).extractingPath("$.fingerprintComponents").asArray().isNotEmpty();
			assertThat(json).extractingPath("$.timeline[0].type").isEqualTo("first_seen");
			assertThat(json).extractingPath("$.versions.distinct").isEqualTo(1);
			assertThat(json).extractingPath("$.versions.top[0].value").isEqualTo("1.4.2");
			assertThat(json).extractingPath("$.instances.top[0].count").isEqualTo(5);
			assertThat(json).extractingPath("$.counts.last24h").isEqualTo(5);
			assertThat(json).extractingPath("$.counts.last7d").isEqualTo(5);
		});
		assertThat(get("/api/v1/incidents/" + this.busy + "/occurrences?size=2", READER)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.total").isEqualTo(5);
				assertThat(json).extractingPath("$.items.length()").isEqualTo(2);
				assertThat(json).extractingPath("$.items[0].text").asString().startsWith("panic: assignment");
				assertThat(json).extractingPath("$.items[0].finding.message")
					.isEqualTo("assignment to entry in nil map");
			});
		assertThat(get("/api/v1/incidents/999999999", READER)).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theTimelineShowsTheNewestEntriesAndCountsTheOlderOnesLeftOut() {
		// after first_seen: 505 notes and 102 deploys, then the resolve
		Instant firstSeen = NOW.minusSeconds(60);
		this.jdbc.sql("""
				INSERT INTO timeline_entry (incident_id, at, type, actor, detail)
				SELECT ?, ?::timestamptz + n * interval '1 millisecond', 'note', 'ops-bot',
					jsonb_build_object('text', 'note ' || n)
				FROM generate_series(1, 505) n""").params(this.busy, Timeline.utc(firstSeen)).update();
		this.jdbc.sql("""
				INSERT INTO deploy (service, environment, version, deployed_at)
				SELECT ?, 'production', '1.5.' || n, ?::timestamptz + n * interval '10 milliseconds'
				FROM generate_series(1, 102) n""").params(this.service, Timeline.utc(firstSeen)).update();
		assertThat(post("resolve", null)).hasStatusOk();
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.timeline.length()").isEqualTo(600);
			assertThat(json).extractingPath("$.timeline[599].type").isEqualTo("resolved");
			assertThat(json).extractingPath("$.timeline[?(@.type == 'first_seen')]").asArray().isEmpty();
			assertThat(json).extractingPath("$.timeline[?(@.type == 'note')].detail.text")
				.asArray()
				.hasSize(499)
				.contains("note 7", "note 505")
				.doesNotContain("note 6");
			assertThat(json).extractingPath("$.timeline[?(@.type == 'deploy')].detail.version")
				.asArray()
				.hasSize(100)
				.contains("1.5.3", "1.5.102")
				.doesNotContain("1.5.2");
			// first_seen, notes 1 to 6 and the two oldest deploys
			assertThat(json).extractingPath("$.timelineOmitted").isEqualTo(9);
		});
		assertThat(get("/api/v1/incidents/" + this.quiet, READER)).bodyJson()
			.extractingPath("$.timelineOmitted")
			.isEqualTo(0);
	}

	@Test
	void occurrencesCarryTheCrashingGoroutineInTheShapeOfAnalyze() throws Exception {
		String page = body(get("/api/v1/incidents/" + this.busy + "/occurrences?size=1", READER));
		String text = JsonPath.read(page, "$.items[0].text");
		assertThat(this.jdbc.sql("SELECT finding->>'crashingGoroutine' FROM occurrence WHERE incident_id = ? LIMIT 1")
			.param(this.busy)
			.query(String.class)
			.single()).as("stored as before: the id only").matches("[0-9]+");
		MvcTestResult analyzed = as(
				this.mvc.post().uri("/api/v1/analyze").contentType(MediaType.TEXT_PLAIN).content(text), READER)
			.exchange();
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode expected = mapper.readTree(body(analyzed)).at("/findings/0/crashingGoroutine");
		JsonNode actual = mapper.readTree(page).at("/items/0/finding/crashingGoroutine");
		assertThat(expected.isObject()).as(expected.toString()).isTrue();
		assertThat(actual).isEqualTo(expected);
		assertThat(actual.path("state").asString()).isEqualTo("running");
		assertThat(actual.path("frames").path(0).path("function").asString()).isEqualTo("main.main");
	}

	@Test
	void anOccurrenceWhoseTextNoLongerAnalysesKeepsTheGoroutineId() {
		this.jdbc.sql("UPDATE occurrence SET text = 'not a trace' WHERE incident_id = ?").param(this.quiet).update();
		assertThat(get("/api/v1/incidents/" + this.quiet + "/occurrences", READER)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.items[0].finding.crashingGoroutine.id").isEqualTo(1);
				assertThat(json).extractingPath("$.items[0].finding.message")
					.isEqualTo("assignment to entry in nil map");
			});
	}

	@Test
	void walksTheLifecycleAndRecordsEachActionWithItsActor() {
		assertThat(post("acknowledge", null)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("acknowledged");
		assertThat(post("acknowledge", null)).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("assign", "{\"assignee\":\"dana\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.assignee")
			.isEqualTo("dana");
		assertThat(post("notes", "{\"text\":\"nil map in the index, fix in #412\"}")).hasStatusOk();
		assertThat(post("resolve", "{\"version\":\"1.4.3\"}")).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.status").isEqualTo("resolved");
			assertThat(json).extractingPath("$.resolvedInVersion").isEqualTo("1.4.3");
		});
		assertThat(post("resolve", null)).hasStatus(409);
		assertThat(post("reopen", null)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("open");
		assertThat(post("mute", "{\"duration\":\"PT4H\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("muted");
		assertThat(post("mute", "{\"until\":\"2000-01-01T00:00:00Z\"}")).hasStatus(400);
		assertThat(post("mute", "{}")).hasStatus(400);
		assertThat(post("notes", "{\"text\":\" \"}")).hasStatus(400);
		assertThat(post("reopen", null)).hasStatusOk();
		assertThat(post("reopen", null)).hasStatus(409);
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.timeline[*].type")
				.asArray()
				.containsExactly("first_seen", "acknowledged", "assigned", "note", "resolved", "reopened", "muted",
						"reopened");
			assertThat(json).extractingPath("$.timeline[1].actor").isEqualTo("ops-bot");
			assertThat(json).extractingPath("$.timeline[3].detail.text").isEqualTo("nil map in the index, fix in #412");
			assertThat(json).extractingPath("$.timeline[4].detail.version").isEqualTo("1.4.3");
		});
	}

	@Test
	void valuesOfAnotherJsonTypeAreNamedNotConverted() {
		for (String[] action : new String[][] { { "notes", "{\"text\":5}", "text", "must be a string" },
				{ "assign", "{\"assignee\":true}", "assignee", "must be a string" },
				{ "resolve", "{\"version\":1.5}", "version", "must be a string" },
				{ "merge", "{\"into\":\"12\"}", "into", "must be a whole number" },
				{ "merge", "{\"into\":12.9}", "into", "must be a whole number" },
				{ "mute", "{\"until\":1800000000}", "until",
						"must be an RFC 3339 date-time with offset, e.g. 2026-11-21T10:15:30Z" },
				{ "mute", "{\"duration\":3600}", "duration", "must be an ISO 8601 duration, e.g. PT4H" } }) {
			assertNamedInvalid(action[0], action[1], action[2], action[3]);
		}
		assertUntouched();
	}

	@Test
	void nulCharactersInActionFieldsAreNamedNotStored() {
		for (String[] action : new String[][] { { "notes", "text" }, { "assign", "assignee" },
				{ "resolve", "version" } }) {
			assertNamedInvalid(action[0], "{\"" + action[1] + "\":\"\\u0000nul\"}", action[1],
					"must not contain NUL characters");
		}
		assertUntouched();
	}

	@Test
	void refusesTheAssigneesAndVersionsThePageRefusesWithItsMessages() {
		String assignee = "An assignee is a name of up to 100 characters, without line breaks or other control "
				+ "characters.";
		String version = "A version is letters, digits and . _ + - / (up to 100 characters, starting with a letter "
				+ "or digit), like 1.4.3 or v2.0.0-rc.1.";
		for (String[] action : new String[][] { { "assign", "assignee", "d".repeat(200_000), assignee },
				{ "assign", "assignee", "d".repeat(101), assignee }, { "assign", "assignee", "dana\\nrm", assignee },
				{ "assign", "assignee", "dana\\u001b[31m", assignee },
				{ "resolve", "version", "1".repeat(100_000), version },
				{ "resolve", "version", "1".repeat(101), version }, { "resolve", "version", "1.4 <beta>", version },
				{ "resolve", "version", "-1.4", version } }) {
			assertNamedInvalid(action[0], "{\"" + action[1] + "\":\"" + action[2] + "\"}", action[1], action[3]);
		}
		assertUntouched();
		assertThat(post("assign", "{\"assignee\":\" " + "d".repeat(100) + " \"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.assignee")
			.isEqualTo("d".repeat(100));
		assertThat(post("resolve", "{\"version\":\" v2.0.0-rc.1+build/7 \"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.resolvedInVersion")
			.isEqualTo("v2.0.0-rc.1+build/7");
	}

	@Test
	void lengthsCountCharactersNotUtf16Units() {
		String emoji = "\uD83D\uDE80";
		assertThat(post("notes", "{\"text\":\"" + emoji.repeat(10_000) + "\"}")).hasStatusOk();
		assertThat(post("notes", "{\"text\":\"" + emoji.repeat(10_001) + "\"}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("must be at most 10000 characters");
		assertThat(post("assign", "{\"assignee\":\"" + emoji.repeat(100) + "\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.assignee")
			.isEqualTo(emoji.repeat(100));
		assertThat(post("assign", "{\"assignee\":\"" + emoji.repeat(101) + "\"}")).hasStatus(400);
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).bodyJson()
			.extractingPath("$.timeline[*].type")
			.asArray()
			.containsExactly("first_seen", "note", "assigned");
	}

	@Test
	void anAssignmentThatChangesNothingWritesNothing() {
		assertThat(post("assign", "{\"assignee\":null}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.assignee")
			.isNull();
		assertThat(post("assign", "{\"assignee\":\" \"}")).hasStatusOk();
		assertThat(post("assign", "{\"assignee\":\"dana\"}")).hasStatusOk();
		assertThat(post("assign", "{\"assignee\":\" dana \"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.assignee")
			.isEqualTo("dana");
		assertThat(post("assign", "{\"assignee\":\"Dana\"}")).hasStatusOk();
		assertThat(post("assign", "{}")).hasStatusOk();
		assertThat(post("assign", "{}")).hasStatusOk();
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.assignee").isNull();
			assertThat(json).extractingPath("$.timeline[*].type")
				.asArray()
				.containsExactly("first_seen", "assigned", "assigned", "assigned");
			assertThat(json).extractingPath("$.timeline[*].detail.assignee").asArray().containsExactly("dana", "Dana");
		});
	}

	@Test
	void aMuteEndsAtMost366DaysAhead() {
		for (String body : new String[] { "{\"duration\":\"P1000000000D\"}",
				"{\"duration\":\"PT9223372036854775807S\"}", "{\"duration\":\"P367D\"}" }) {
			assertThat(post("mute", body)).hasStatus(400).bodyJson().satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("duration");
				assertThat(json).extractingPath("$.errors[0].message").isEqualTo("must be at most 366 days (P366D)");
			});
		}
		for (String until : new String[] { "+300000-01-01T00:00:00Z", NOW.plus(367, ChronoUnit.DAYS).toString() }) {
			assertThat(post("mute", "{\"until\":\"" + until + "\"}")).hasStatus(400).bodyJson().satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("until");
				assertThat(json).extractingPath("$.errors[0].message").isEqualTo("must be at most 366 days ahead");
			});
		}
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("open");
		assertThat(post("mute", "{\"duration\":\"P366D\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("muted");
	}

	@Test
	void mergesThroughTheApi() {
		assertThat(post(this.quiet, "merge", "{\"into\":" + this.busy + "}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.mergedInto")
			.isEqualTo((int) this.busy);
		assertThat(ids("")).containsExactly(ids(busy, old));
		assertThat(post(this.old, "merge", "{\"into\":" + this.quiet + "}")).hasStatus(409);
		assertThat(post(this.quiet, "acknowledge", null)).hasStatus(409);
		assertThat(post(this.quiet, "unmerge", null)).hasStatusOk().bodyJson().extractingPath("$.mergedInto").isNull();
		assertThat(post(this.quiet, "unmerge", null)).hasStatus(409);
		assertThat(ids("")).hasSize(3);
	}

	@Test
	void unreadableActionBodiesNameTheFieldOrWhereTheJsonBreaks() {
		assertThat(post("mute", "{\"until\":\"tomorrow\"}")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("until");
				assertThat(json).extractingPath("$.errors[0].message")
					.asString()
					.startsWith("must be an RFC 3339 date-time");
			});
		assertThat(post("mute", "{\"duration\":\"4 hours\"}")).bodyJson()
			.satisfies((json) -> assertThat(json).extractingPath("$.errors[0].message")
				.isEqualTo("must be an ISO 8601 duration, e.g. PT4H"));
		assertThat(post(this.quiet, "merge", "{\"into\":\"the busy one\"}")).hasStatus(400)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("into");
				assertThat(json).extractingPath("$.errors[0].message").isEqualTo("must be a whole number");
			});
		assertThat(post(this.quiet, "merge", "{\"into\":123456789012345678901234567890}")).hasStatus(400)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("into");
			});
		assertThat(post("notes", "{\"text\": \"looking\"")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/malformed-json");
				assertThat(json).extractingPath("$.detail")
					.asString()
					.startsWith("The body is not valid JSON: ")
					.contains("(line 1, column ");
			});
		assertThat(post("notes", null)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The body is empty; this request needs a JSON object.");
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("open");
	}

	@Test
	void requiresAReaderForReadsAndAnAdminForActions() {
		assertThat(this.mvc.get().uri("/api/v1/incidents")).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader("WWW-Authenticate");
		assertThat(get("/api/v1/incidents", INGEST)).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(as(this.mvc.post().uri("/api/v1/incidents/" + this.busy + "/acknowledge"), READER)).hasStatus(403);
		assertThat(this.mvc.post().uri("/api/v1/incidents/" + this.busy + "/acknowledge")).hasStatus(401);
	}

	private long record(int count, Instant at) {
		String fingerprint = fingerprint();
		long id = 0;
		for (int i = 0; i < count; i++) {
			NewOccurrence occurrence = occurrence(this.service, fingerprint, "1.4.2", "pod-a", at.plusMillis(i));
			id = this.transactions.execute((status) -> this.recorder.record(List.of(occurrence))).get(0).incidentId();
		}
		return id;
	}

	private List<Object> ids(String query) {
		String body = new String(
				get("/api/v1/incidents?service=" + this.service + query, READER).getResponse().getContentAsByteArray(),
				StandardCharsets.UTF_8);
		return JsonPath.read(body, "$.items[*].id");
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static Object[] ids(long... ids) {
		return Arrays.stream(ids).mapToObj((id) -> (Object) (int) id).toArray();
	}

	private MvcTestResult get(String uri, ApiPrincipal principal) {
		return as(this.mvc.get().uri(uri), principal).exchange();
	}

	private MvcTestResult post(String action, String body) {
		return post(this.busy, action, body);
	}

	private MvcTestResult post(long id, String action, String body) {
		MockMvcRequestBuilder request = this.mvc.post().uri("/api/v1/incidents/" + id + "/" + action);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return as(request, ADMIN).exchange();
	}

	private static MockMvcRequestBuilder as(MockMvcRequestBuilder request, ApiPrincipal principal) {
		return request.with(TestTokens.as(principal));
	}

	private void assertNamedInvalid(String action, String body, String field, String message) {
		assertThat(post(action, body)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo(field);
				assertThat(json).extractingPath("$.errors[0].message").isEqualTo(message);
			});
	}

	/** The busy incident as the setup left it: open, unassigned, only first seen. */
	private void assertUntouched() {
		assertThat(get("/api/v1/incidents/" + this.busy, READER)).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.status").isEqualTo("open");
			assertThat(json).extractingPath("$.assignee").isNull();
			assertThat(json).extractingPath("$.timeline[*].type").asArray().containsExactly("first_seen");
		});
	}

}
