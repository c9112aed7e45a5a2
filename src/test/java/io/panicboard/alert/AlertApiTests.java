package io.panicboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestTokens;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.BeforeEach;
import org.assertj.core.api.ObjectArrayAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@AlertTest
class AlertApiTests {

	private static final ApiPrincipal ADMIN = new ApiPrincipal(0, "alerts-admin", TokenScope.ADMIN, null);

	private static final ApiPrincipal READER = new ApiPrincipal(0, "alerts-reader", TokenScope.READ, null);

	private static final ApiPrincipal INGEST = new ApiPrincipal(0, "alerts-ingest", TokenScope.INGEST, null);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private AlertRules rules;

	@Autowired
	private MutableClock clock;

	@Autowired
	private JsonMapper json;

	private AlertTestData data;

	@BeforeEach
	void setUp(@Autowired OccurrenceRecorder recorder, @Autowired TransactionTemplate transactions,
			@Autowired JdbcClient jdbc) {
		this.data = new AlertTestData(recorder, transactions, jdbc, this.rules);
		this.clock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	@Test
	void createsReadsUpdatesAndDeletesARule() {
		String name = AlertTestData.unique("api-rule");
		String body = """
				{"name": "%s", "severity": "critical", "description": "nil maps in checkout",
				 "matchers": {"services": ["checkout"], "environments": ["production"], "kinds": ["nil_map_write"]},
				 "condition": {"type": "count_in_window", "threshold": 3, "windowSeconds": 3600},
				 "labels": {"team": "payments"}, "annotations": {"summary": "nil maps"}, "channels": ["pager"]}"""
			.formatted(name);
		MvcTestResult created = send(HttpMethod.POST, "/api/v1/alert-rules", body, ADMIN);
		assertThat(created).hasStatus(201).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.name").isEqualTo(name);
			assertThat(json).extractingPath("$.severity").isEqualTo("critical");
			assertThat(json).extractingPath("$.enabled").isEqualTo(true);
			assertThat(json).extractingPath("$.condition.type").isEqualTo("count_in_window");
			assertThat(json).extractingPath("$.condition.threshold").isEqualTo(3.0);
			assertThat(json).extractingPath("$.condition.forSeconds").isEqualTo(0);
			assertThat(json).extractingPath("$.matchers.kinds[0]").isEqualTo("nil_map_write");
			assertThat(json).extractingPath("$.updatedBy").isEqualTo("alerts-admin");
		});
		long id = this.json.readTree(created.getResponse().getContentAsByteArray()).get("id").asLong();
		assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/alert-rules/" + id);

		assertThat(get("/api/v1/alert-rules/" + id, READER)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.labels.team")
			.isEqualTo("payments");
		assertThat(get("/api/v1/alert-rules", READER)).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].name")
			.asArray()
			.contains(name, "Nil-map write in production");

		String changed = body.replace("\"critical\"", "\"warning\"").replace("\"pager\"", "\"chat\"");
		assertThat(send(HttpMethod.PUT, "/api/v1/alert-rules/" + id, changed, ADMIN)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.severity").isEqualTo("warning");
				assertThat(json).extractingPath("$.channels[0]").isEqualTo("chat");
			});

		assertThat(send(HttpMethod.DELETE, "/api/v1/alert-rules/" + id, null, ADMIN)).hasStatus(204);
		assertThat(get("/api/v1/alert-rules/" + id, READER)).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void refusesToDeleteABuiltInRuleWhichCanBeDisabledInstead() {
		AlertRule builtin = this.rules.all()
			.stream()
			.filter((rule) -> "goroutines_above_limit".equals(rule.builtinKey()))
			.findFirst()
			.orElseThrow();
		assertThat(send(HttpMethod.DELETE, "/api/v1/alert-rules/" + builtin.id(), null, ADMIN)).hasStatus(409)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/builtin-rule");
				assertThat(json).extractingPath("$.builtinKey").isEqualTo("goroutines_above_limit");
				assertThat(json).extractingPath("$.instance").isEqualTo("/api/v1/alert-rules/" + builtin.id());
				assertThat(json).extractingPath("$.detail")
					.isEqualTo("Alert rule " + builtin.id() + " (“" + builtin.name()
							+ "”) is a built-in rule: it can be edited and disabled (\"enabled\": false) but not deleted.");
			});
		assertThat(this.rules.find(builtin.id())).isPresent();
	}

	@Test
	void rejectsAnInvalidRuleNamingEveryInvalidField() {
		String body = """
				{"name": "", "severity": "urgent",
				 "matchers": {"kinds": ["nil_map"], "severities": ["bad"]},
				 "condition": {"type": "metric_threshold", "forSeconds": -5, "metric": "cpu"},
				 "labels": {"bad-name": "x"}}""";
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", body, ADMIN)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("name", "severity", "matchers.kinds", "matchers.severities",
					"condition.forSeconds", "condition.threshold", "condition.metric", "labels");
		refusedFields("/api/v1/alert-rules",
				"{\"name\": \"x\", \"severity\": \"info\", \"condition\": {\"type\": \"sometimes\"}}")
			.containsExactly("condition.type");
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", "{not json", ADMIN)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void refusesARunbookUrlThatIsNotAnAbsoluteHttpUrl() {
		for (String runbook : List.of("javascript:alert(1)", "/kinds/nil_map_write", "wiki.example/run",
				"https://ok.example/x|Fake> <https://evil.example/phish|How to fix it")) {
			String body = """
					{"name": "%s", "severity": "high", "condition": {"type": "regression"},
					 "annotations": {"runbook_url": %s}}""".formatted(AlertTestData.unique("r"),
					this.json.writeValueAsString(runbook));
			refusedFields("/api/v1/alert-rules", body).as(runbook).containsExactly("annotations.runbook_url");
		}
		String valid = """
				{"name": "%s", "severity": "high", "condition": {"type": "regression"},
				 "annotations": {"runbook_url": "https://wiki.example/runbooks/regression?team=a&x=1"}}"""
			.formatted(AlertTestData.unique("r"));
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", valid, ADMIN)).hasStatus(201);
	}

	@Test
	void refusesANullChannelNamingChannels() {
		String body = """
				{"name": "%s", "severity": "high", "condition": {"type": "regression"}, "channels": [null]}"""
			.formatted(AlertTestData.unique("r"));
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", body, ADMIN)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("channels");
	}

	@Test
	void refusesNullMatcherEntriesNamingEachList() {
		String body = """
				{"name": "%s", "severity": "high", "condition": {"type": "regression"},
				 "matchers": {"services": [null], "environments": [null], "kinds": [null], "severities": [null]}}"""
			.formatted(AlertTestData.unique("r"));
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", body, ADMIN)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[*].field")
					.asArray()
					.containsExactlyInAnyOrder("matchers.services", "matchers.environments", "matchers.kinds",
							"matchers.severities");
			});
	}

	@Test
	void refusesALabelNameReservedByPrometheus() {
		String body = """
				{"name": "%s", "severity": "high", "condition": {"type": "regression"}, "labels": {"__name__": "x"}}"""
			.formatted(AlertTestData.unique("r"));
		refusedFields("/api/v1/alert-rules", body).containsExactly("labels");
	}

	@Test
	void refusesConditionFieldsThatMeanNothingForTheType() {
		refusedFields("/api/v1/alert-rules", rule("""
				{"type": "any_occurrence", "threshold": 5, "windowSeconds": 60}"""))
			.containsExactly("condition.threshold");
		refusedFields("/api/v1/alert-rules", rule("""
				{"type": "new_fingerprint", "windowSeconds": 1.5, "forSeconds": 0.5}"""))
			.containsExactlyInAnyOrder("condition.windowSeconds", "condition.forSeconds");
		refusedFields("/api/v1/alert-rules", rule("""
				{"type": "count_in_window", "threshold": 2.5, "windowSeconds": 60}"""))
			.containsExactly("condition.threshold");
		refusedFields("/api/v1/alert-rules", rule("""
				{"type": "metric_threshold", "threshold": 100, "metric": "goroutines", "windowSeconds": 60}"""))
			.containsExactly("condition.windowSeconds");
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", rule("""
				{"type": "count_in_window", "threshold": 3.0, "windowSeconds": 3600.0, "forSeconds": 60}"""), ADMIN))
			.hasStatus(201)
			.bodyJson()
			.extractingPath("$.condition.windowSeconds")
			.isEqualTo(3600);
	}

	private static String rule(String condition) {
		return """
				{"name": "%s", "severity": "warning", "condition": %s}""".formatted(AlertTestData.unique("cond"),
				condition);
	}

	@Test
	void refusesATakenName() {
		String body = """
				{"name": "Regression", "severity": "high", "condition": {"type": "regression"}}""";
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", body, ADMIN)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void namesATakenNameTogetherWithTheOtherInvalidFields() {
		String body = """
				{"name": "Regression", "severity": "urgent", "condition": {"type": "regression"}}""";
		refusedFields("/api/v1/alert-rules", body).containsExactlyInAnyOrder("severity", "name");
	}

	@Test
	void readingNeedsAReadTokenAndChangesAnAdminToken() {
		assertThat(get("/api/v1/alert-rules", INGEST)).hasStatus(403)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(get("/api/v1/alerts", INGEST)).hasStatus(403);
		assertThat(get("/api/v1/silences", INGEST)).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/alerts")).hasStatus(401);
		String rule = """
				{"name": "%s", "severity": "high", "condition": {"type": "regression"}}"""
			.formatted(AlertTestData.unique("r"));
		assertThat(send(HttpMethod.POST, "/api/v1/alert-rules", rule, READER)).hasStatus(403);
		AlertRule builtin = this.rules.all().get(0);
		assertThat(send(HttpMethod.PUT, "/api/v1/alert-rules/" + builtin.id(), rule, READER)).hasStatus(403);
		assertThat(send(HttpMethod.DELETE, "/api/v1/alert-rules/" + builtin.id(), null, READER)).hasStatus(403);
		assertThat(send(HttpMethod.POST, "/api/v1/silences", silence("api", 3600), READER)).hasStatus(403);
		assertThat(send(HttpMethod.DELETE, "/api/v1/silences/1", null, READER)).hasStatus(403);
		assertThat(get("/api/v1/alert-rules", READER)).hasStatusOk();
		assertThat(get("/api/v1/silences", READER)).hasStatusOk();
	}

	@Test
	void listsAlertsFilteredByStateRuleAndService() {
		String service = AlertTestData.unique("svc");
		AlertRule rule = this.data.rule(service, new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null),
				List.of(), null);
		long incident = this.data.occurrence(service, AlertTestData.NIL_MAP, UUID.randomUUID().toString(),
				this.clock.instant());
		this.evaluator.evaluate(List.of(rule), this.clock.instant());

		assertThat(get("/api/v1/alerts?state=firing&service=" + service, READER)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.length()").isEqualTo(1);
				assertThat(json).extractingPath("$[0].ruleId").isEqualTo(rule.id().intValue());
				assertThat(json).extractingPath("$[0].ruleName").isEqualTo(rule.name());
				assertThat(json).extractingPath("$[0].severity").isEqualTo("critical");
				assertThat(json).extractingPath("$[0].labels.service").isEqualTo(service);
				assertThat(json).extractingPath("$[0].incidentId").isEqualTo((int) incident);
				assertThat(json).extractingPath("$[0].silenced").isEqualTo(false);
			});
		assertThat(get("/api/v1/alerts?state=resolved&service=" + service, READER)).bodyJson()
			.extractingPath("$.length()")
			.isEqualTo(0);
		assertThat(get("/api/v1/alerts?rule=" + rule.id(), READER)).bodyJson()
			.extractingPath("$.length()")
			.isEqualTo(1);
		assertThat(get("/api/v1/alerts?state=burning&rule=x&limit=0", READER)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("state", "rule", "limit");
	}

	@Test
	void createsListsAndExpiresSilencesAndSilencedAlertsAreMarked() {
		String service = AlertTestData.unique("svc");
		MvcTestResult created = send(HttpMethod.POST, "/api/v1/silences", silence(service, 3600), ADMIN);
		assertThat(created).hasStatus(201).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.state").isEqualTo("active");
			assertThat(json).extractingPath("$.createdBy").isEqualTo("alerts-admin");
			assertThat(json).extractingPath("$.matchers[0].op").isEqualTo("=");
		});
		long id = this.json.readTree(created.getResponse().getContentAsByteArray()).get("id").asLong();

		AlertRule rule = this.data.rule(service, new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null),
				List.of(), null);
		this.data.occurrence(service, AlertTestData.NIL_MAP, UUID.randomUUID().toString(), this.clock.instant());
		this.evaluator.evaluate(List.of(rule), this.clock.instant());
		assertThat(get("/api/v1/alerts?service=" + service, READER)).bodyJson()
			.extractingPath("$[0].silenced")
			.isEqualTo(true);
		assertThat(get("/api/v1/silences", READER)).bodyJson()
			.extractingPath("$[?(@.id == " + id + ")].comment")
			.asArray()
			.containsExactly("maintenance");

		assertThat(send(HttpMethod.DELETE, "/api/v1/silences/" + id, null, ADMIN)).hasStatus(204);
		assertThat(get("/api/v1/silences", READER)).bodyJson()
			.extractingPath("$[?(@.id == " + id + ")].state")
			.asArray()
			.containsExactly("expired");
		assertThat(get("/api/v1/alerts?service=" + service, READER)).bodyJson()
			.extractingPath("$[0].silenced")
			.isEqualTo(false);
		assertThat(send(HttpMethod.DELETE, "/api/v1/silences/987654321", null, ADMIN)).hasStatus(404);
	}

	@Test
	void aSilenceWithoutStartIsActiveAtOnce() {
		// PostgreSQL keeps microseconds: a start of now rounded up would come back after
		// now
		this.clock.set(this.clock.instant().plusNanos(999_999_999));
		assertThat(send(HttpMethod.POST, "/api/v1/silences", silence(AlertTestData.unique("svc"), 3600), ADMIN))
			.hasStatus(201)
			.bodyJson()
			.extractingPath("$.state")
			.isEqualTo("active");
	}

	@Test
	void rejectsAnInvalidSilenceNamingEveryInvalidField() {
		String body = """
				{"matchers": [{"name": "service", "value": "api", "op": "=="},
				              {"name": "bad-name", "value": "(", "op": "=~"}],
				 "endsAt": "%s", "comment": " "}""".formatted(this.clock.instant().minus(Duration.ofHours(1)));
		assertThat(send(HttpMethod.POST, "/api/v1/silences", body, ADMIN)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("matchers[0].op", "matchers[1].name", "matchers[1].value", "endsAt", "comment");
		refusedFields("/api/v1/silences", "{\"matchers\": [], \"comment\": \"x\"}").containsExactly("matchers",
				"endsAt");
	}

	@Test
	void appliesTheLimitsOfTheSilencesPage() {
		Instant now = this.clock.instant();
		String far = """
				{"matchers": [{"name": "service", "value": "checkout", "op": "="}],
				 "endsAt": "+999999999-12-31T23:59:59Z", "comment": "far"}""";
		refusedFields("/api/v1/silences", far).containsExactly("endsAt");
		String longAgo = """
				{"matchers": [{"name": "service", "value": "checkout", "op": "="}],
				 "startsAt": "-999999999-01-01T00:00:00Z", "endsAt": "%s", "comment": "long ago"}"""
			.formatted(now.plus(Duration.ofHours(1)));
		refusedFields("/api/v1/silences", longAgo).containsExactly("endsAt");
		assertThat(
				send(HttpMethod.POST, "/api/v1/silences", silence("checkout", Duration.ofDays(367).toSeconds()), ADMIN))
			.hasStatus(400);
		assertThat(send(HttpMethod.POST, "/api/v1/silences",
				silence(AlertTestData.unique("svc"), Duration.ofDays(366).toSeconds()), ADMIN))
			.hasStatus(201);
		String everything = """
				{"matchers": [{"name": "service", "value": ".*", "op": "=~"}], "endsAt": "%s", "comment": "all"}"""
			.formatted(now.plus(Duration.ofHours(1)));
		refusedFields("/api/v1/silences", everything).containsExactly("matchers");
		String longValue = silence("x".repeat(SilenceValidation.MAX_VALUE + 1), 3600);
		refusedFields("/api/v1/silences", longValue).containsExactly("matchers[0].value");
		String longName = """
				{"matchers": [{"name": "%s", "value": "checkout", "op": "="}], "endsAt": "%s", "comment": "long"}"""
			.formatted("n".repeat(SilenceValidation.MAX_NAME + 1), now.plus(Duration.ofHours(1)));
		refusedFields("/api/v1/silences", longName).containsExactly("matchers[0].name");
		String longComment = silence(AlertTestData.unique("svc"), 3600).replace("maintenance",
				"x".repeat(SilenceValidation.MAX_COMMENT + 1));
		refusedFields("/api/v1/silences", longComment).containsExactly("comment");
		assertThat(send(HttpMethod.POST, "/api/v1/silences", longComment
			.replace("x".repeat(SilenceValidation.MAX_COMMENT + 1), "x".repeat(SilenceValidation.MAX_COMMENT)), ADMIN))
			.hasStatus(201);
	}

	private String silence(String service, long seconds) {
		return """
				{"matchers": [{"name": "service", "value": "%s", "op": "="}], "endsAt": "%s",
				 "comment": "maintenance"}""".formatted(service, this.clock.instant().plusSeconds(seconds));
	}

	private MvcTestResult get(String uri, ApiPrincipal principal) {
		return this.mvc.get().uri(uri).with(TestTokens.as(principal)).exchange();
	}

	/** The fields an admin's POST that is refused with a 400 names. */
	private ObjectArrayAssert<Object> refusedFields(String uri, String body) {
		MvcTestResult result = send(HttpMethod.POST, uri, body, ADMIN);
		assertThat(result).hasStatus(400);
		return assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray();
	}

	@Test
	void deletingARuleResolvesItsFiringAlertsForTheChannelsThatHeardThem(@Autowired JdbcClient jdbc) {
		String service = AlertTestData.unique("svc");
		String channel = this.data.channel(false);
		AlertRule rule = this.data.rule(service, new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null),
				List.of(), channel);
		long incident = this.data.occurrence(service, AlertTestData.NIL_MAP, UUID.randomUUID().toString(),
				this.clock.instant());
		this.evaluator.evaluate(List.of(rule), this.clock.instant());
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("firing");

		this.clock.advance(Duration.ofSeconds(10));
		assertThat(send(HttpMethod.DELETE, "/api/v1/alert-rules/" + rule.id(), null, ADMIN)).hasStatus(204);
		// the alert is gone with its rule; its resolution stays queued, or Alertmanager
		// would hold it active until its endsAt
		assertThat(this.data.alerts(rule.id())).isEmpty();
		assertThat(jdbc
			.sql("""
					SELECT status || ':' || coalesce(payload ->> 'endsAt', 'null') FROM notification WHERE channel = ? ORDER BY id""")
			.param(channel)
			.query(String.class)
			.list()).containsExactly("firing:null", "resolved:" + this.clock.instant());
		assertThat(this.data.timeline(incident)).containsExactly("alert_fired", "alert_resolved");
		this.data.deleteChannel(channel);
	}

	private MvcTestResult send(HttpMethod method, String uri, String body, ApiPrincipal principal) {
		var request = this.mvc.method(method).uri(uri).with(TestTokens.as(principal));
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return request.exchange();
	}

}
