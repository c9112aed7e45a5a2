package io.panicboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the HTTP API, called with every kind of token: none, an unknown one,
 * a revoked admin token, a read token, an ingest token of the service the request is
 * about, an ingest token of another service, an ingest token for all services and an
 * admin token. The endpoints are listed from the application's own request mappings, so
 * an endpoint added without a row here fails {@link #everyApiEndpointIsInTheMatrix()}.
 * "Allowed" means neither 401 nor 403 (nor a server error); what an allowed request then
 * does is tested with each endpoint. A request without a valid token gets 401 also when
 * it has a method or a content type that the endpoint would refuse (405, 415): it learns
 * nothing about the endpoint.
 */
@SpringBootTest(properties = { "panicboard.bootstrap-token=" + ApiAuthorizationMatrixTests.BOOTSTRAP,
		"panicboard.security.rate-limit.enabled=false" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthorizationMatrixTests {

	static final String BOOTSTRAP = "api-authorization-matrix-bootstrap-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TRACE = "panic: assignment to entry in nil map\\n\\ngoroutine 1 [running]:\\n"
			+ "main.main()\\n\\t/src/app/main.go:8 +0x65\\n";

	enum Caller {

		NO_TOKEN, UNKNOWN_TOKEN, REVOKED_ADMIN_TOKEN, READ, INGEST_THIS_SERVICE, INGEST_OTHER_SERVICE,
		INGEST_ALL_SERVICES, ADMIN

	}

	/** Who may call an endpoint; every other caller with a valid token gets 403. */
	enum Needs {

		/** Any valid token. */
		ANY_TOKEN(EnumSet.of(Caller.READ, Caller.INGEST_THIS_SERVICE, Caller.INGEST_OTHER_SERVICE,
				Caller.INGEST_ALL_SERVICES, Caller.ADMIN)),

		/** Sending data for the matrix's service. */
		INGEST(EnumSet.of(Caller.INGEST_THIS_SERVICE, Caller.INGEST_ALL_SERVICES, Caller.ADMIN)),

		/** Reading. */
		READ(EnumSet.of(Caller.READ, Caller.ADMIN)),

		/** Changing configuration or incidents. */
		ADMIN(EnumSet.of(Caller.ADMIN));

		final Set<Caller> allowed;

		Needs(Set<Caller> allowed) {
			this.allowed = allowed;
		}

	}

	record Call(HttpMethod method, String pattern, String uri, MediaType contentType, String body, Needs needs) {

		@Override
		public String toString() {
			return this.method + " " + this.uri;
		}

	}

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private final String service = "api-matrix-" + UUID.randomUUID().toString().substring(0, 8);

	private final String[] secrets = new String[Caller.values().length];

	private long incident;

	private long otherIncident;

	private long rule;

	private long channel;

	private long silence;

	private long slo;

	private long token;

	@BeforeAll
	void createTokensAndOneOfEverything() {
		this.secrets[Caller.UNKNOWN_TOKEN.ordinal()] = "pbt_" + UUID.randomUUID().toString().replace("-", "");
		this.secrets[Caller.READ.ordinal()] = createToken("read", null).path("secret").asString();
		this.secrets[Caller.INGEST_THIS_SERVICE.ordinal()] = createToken("ingest", this.service).path("secret")
			.asString();
		this.secrets[Caller.INGEST_OTHER_SERVICE.ordinal()] = createToken("ingest", this.service + "-other")
			.path("secret")
			.asString();
		this.secrets[Caller.INGEST_ALL_SERVICES.ordinal()] = createToken("ingest", null).path("secret").asString();
		this.secrets[Caller.ADMIN.ordinal()] = createToken("admin", null).path("secret").asString();
		JsonNode revoked = createToken("admin", null);
		this.secrets[Caller.REVOKED_ADMIN_TOKEN.ordinal()] = revoked.path("secret").asString();
		assertThat(this.mvc.delete()
			.uri("/api/v1/tokens/" + revoked.path("id").asLong())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP)).hasStatus(204);
		this.token = createToken("read", null).path("id").asLong();
		for (String fingerprintLine : new String[] { "8", "9" }) {
			assertThat(this.mvc.post()
				.uri("/api/v1/events")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP)
				.contentType(MediaType.APPLICATION_JSON)
				.content(event().replace("main.go:8", "main.go:" + fingerprintLine)
					.replace("main.main()", "main.f" + fingerprintLine + "()")))
				.hasStatus(202);
		}
		List<Long> incidents = this.jdbc.sql("SELECT id FROM incident WHERE service = ? ORDER BY id")
			.param(this.service)
			.query(Long.class)
			.list();
		assertThat(incidents).hasSize(2);
		this.incident = incidents.get(0);
		this.otherIncident = incidents.get(1);
		this.rule = this.jdbc.sql("""
				INSERT INTO alert_rule (name, severity, enabled, condition_type, created_at, updated_at)
				VALUES (?, 'high', false, 'any_occurrence', now(), now()) RETURNING id""")
			.param(this.service)
			.query(Long.class)
			.single();
		this.channel = this.jdbc.sql("""
				INSERT INTO notification_channel (name, type, url, created_at, updated_at)
				VALUES (?, 'webhook', 'http://127.0.0.1:9/', now(), now()) RETURNING id""")
			.param(this.service)
			.query(Long.class)
			.single();
		this.silence = this.jdbc.sql("""
				INSERT INTO silence (matchers, starts_at, ends_at, created_by, comment, created_at)
				VALUES (jsonb_build_array(jsonb_build_object('name', 'service', 'op', '=', 'value', ?::text)),
				    now(), now() + interval '1 hour', 'matrix', 'matrix', now()) RETURNING id""")
			.param(this.service)
			.query(Long.class)
			.single();
		this.slo = this.jdbc
			.sql("""
					INSERT INTO slo (name, service, environment, indicator, objective, window_days, rolling,
						budgeting_method, created_at, updated_at)
					VALUES (?, ?, 'production', 'crash_free_time', 0.99, 30, true, 'timeslices', now(), now()) RETURNING id""")
			.params(this.service, this.service)
			.query(Long.class)
			.single();
	}

	private JsonNode createToken(String scope, String tokenService) {
		String body = (tokenService != null)
				? "{\"name\":\"matrix %s\",\"scope\":\"%s\",\"service\":\"%s\"}".formatted(scope, scope, tokenService)
				: "{\"name\":\"matrix %s\",\"scope\":\"%s\"}".formatted(scope, scope);
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/tokens")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
		assertThat(result).hasStatus(201);
		return JSON.readTree(result.getResponse().getContentAsByteArray());
	}

	private String event() {
		return "{\"service\":\"%s\",\"environment\":\"production\",\"eventId\":\"%s\",\"text\":\"%s\"}"
			.formatted(this.service, UUID.randomUUID(), TRACE);
	}

	private List<Call> calls() {
		String incidents = "/api/v1/incidents/";
		String rules = "/api/v1/alert-rules";
		String ruleBody = """
				{"name": "%s rule", "severity": "high", "enabled": false,
				 "matchers": {"services": ["%s"]}, "condition": {"type": "any_occurrence"}}""".formatted(this.service,
				this.service);
		String sloBody = """
				{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "%s"},
				 "spec": {"service": "%s",
				  "indicator": {"metadata": {"name": "crash-free"}, "spec": {"type": "crash_free_time", "environment": "production"}},
				  "timeWindow": [{"duration": "30d", "isRolling": true}], "budgetingMethod": "Timeslices",
				  "objectives": [{"target": 0.99}]}}"""
			.formatted(this.service + "-" + UUID.randomUUID(), this.service);
		String channelBody = "{\"name\":\"%s\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\"}"
			.formatted(this.service + "-" + UUID.randomUUID());
		String silenceBody = """
				{"matchers": [{"name": "service", "op": "=", "value": "%s"}],
				 "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z", "comment": "matrix"}"""
			.formatted(this.service);
		return List.of(
				// ingestion
				json(HttpMethod.POST, "/api/v1/events", "/api/v1/events", event(), Needs.INGEST),
				new Call(HttpMethod.POST, "/api/v1/logs",
						"/api/v1/logs?service=" + this.service + "&environment=production&instance=pod-1",
						MediaType.TEXT_PLAIN, "hello\n", Needs.INGEST),
				json(HttpMethod.POST, "/api/v1/deploys", "/api/v1/deploys",
						"{\"service\":\"%s\",\"environment\":\"production\",\"version\":\"1.0.0\"}"
							.formatted(this.service),
						Needs.INGEST),
				json(HttpMethod.POST, "/api/v1/heartbeats", "/api/v1/heartbeats",
						"{\"service\":\"%s\",\"environment\":\"production\",\"instance\":\"pod-1\"}"
							.formatted(this.service),
						Needs.INGEST),
				json(HttpMethod.POST, "/api/v1/metrics/expvar",
						"/api/v1/metrics/expvar?service=" + this.service + "&environment=production&instance=pod-1",
						"{\"memstats\":{}}", Needs.INGEST),
				new Call(HttpMethod.POST, "/api/v1/analyze", "/api/v1/analyze", MediaType.TEXT_PLAIN,
						TRACE.replace("\\n", "\n").replace("\\t", "\t"), Needs.ANY_TOKEN),
				// incidents
				get("/api/v1/incidents", "/api/v1/incidents?service=" + this.service, Needs.READ),
				get("/api/v1/incidents/{id}", incidents + this.incident, Needs.READ),
				get("/api/v1/incidents/{id}/occurrences", incidents + this.incident + "/occurrences", Needs.READ),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/acknowledge", incidents + this.incident + "/acknowledge",
						"{}", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/resolve", incidents + this.incident + "/resolve",
						"{\"version\":\"1.0.1\"}", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/reopen", incidents + this.incident + "/reopen", "{}",
						Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/mute", incidents + this.incident + "/mute",
						"{\"duration\":\"PT1H\"}", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/assign", incidents + this.incident + "/assign",
						"{\"assignee\":\"someone\"}", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/notes", incidents + this.incident + "/notes",
						"{\"text\":\"looking\"}", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/merge", incidents + this.otherIncident + "/merge",
						"{\"into\":" + this.incident + "}", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/incidents/{id}/unmerge", incidents + this.otherIncident + "/unmerge",
						"{}", Needs.ADMIN),
				// alerting
				get(rules, rules, Needs.READ), get(rules + "/{id}", rules + "/" + this.rule, Needs.READ),
				get(rules + "/prometheus.yml", rules + "/prometheus.yml", Needs.READ),
				json(HttpMethod.POST, rules, rules, ruleBody, Needs.ADMIN),
				json(HttpMethod.PUT, rules + "/{id}", rules + "/" + this.rule, ruleBody, Needs.ADMIN),
				json(HttpMethod.DELETE, rules + "/{id}", rules + "/" + this.rule, null, Needs.ADMIN),
				get("/api/v1/alerts", "/api/v1/alerts", Needs.READ),
				get("/api/v1/silences", "/api/v1/silences", Needs.READ),
				json(HttpMethod.POST, "/api/v1/silences", "/api/v1/silences", silenceBody, Needs.ADMIN),
				json(HttpMethod.DELETE, "/api/v1/silences/{id}", "/api/v1/silences/" + this.silence, null, Needs.ADMIN),
				get("/api/v1/notification-channels", "/api/v1/notification-channels", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/notification-channels", "/api/v1/notification-channels", channelBody,
						Needs.ADMIN),
				json(HttpMethod.PUT, "/api/v1/notification-channels/{id}",
						"/api/v1/notification-channels/" + this.channel, channelBody, Needs.ADMIN),
				json(HttpMethod.DELETE, "/api/v1/notification-channels/{id}",
						"/api/v1/notification-channels/" + this.channel, null, Needs.ADMIN),
				get("/api/v1/notifications", "/api/v1/notifications", Needs.READ),
				// SLOs
				get("/api/v1/slos", "/api/v1/slos", Needs.READ),
				get("/api/v1/slos/{id}", "/api/v1/slos/" + this.slo, Needs.READ),
				json(HttpMethod.POST, "/api/v1/slos", "/api/v1/slos", sloBody, Needs.ADMIN),
				json(HttpMethod.PUT, "/api/v1/slos/{id}", "/api/v1/slos/" + this.slo, sloBody, Needs.ADMIN),
				json(HttpMethod.DELETE, "/api/v1/slos/{id}", "/api/v1/slos/" + this.slo, null, Needs.ADMIN),
				// weekly review
				get("/api/v1/reports/weekly", "/api/v1/reports/weekly?week=2026-W13", Needs.READ),
				json(HttpMethod.POST, "/api/v1/reports/decisions/{incident}",
						"/api/v1/reports/decisions/" + this.incident,
						"{\"decision\":\"wont_fix\",\"reason\":\"matrix\"}", Needs.ADMIN),
				// tokens
				get("/api/v1/tokens", "/api/v1/tokens", Needs.ADMIN),
				json(HttpMethod.POST, "/api/v1/tokens", "/api/v1/tokens", "{\"name\":\"matrix\",\"scope\":\"read\"}",
						Needs.ADMIN),
				json(HttpMethod.DELETE, "/api/v1/tokens/{id}", "/api/v1/tokens/" + this.token, null, Needs.ADMIN));
	}

	Stream<Arguments> matrix() {
		List<Arguments> cases = new ArrayList<>();
		for (Call call : calls()) {
			for (Caller caller : Caller.values()) {
				cases.add(Arguments.of(call, caller));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("matrix")
	void everyEndpointAnswersEveryTokenAsItsScopeAllows(Call call, Caller caller) {
		MvcTestResult result = request(call, caller);
		int status = result.getResponse().getStatus();
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		switch (caller) {
			case NO_TOKEN, UNKNOWN_TOKEN, REVOKED_ADMIN_TOKEN -> {
				assertThat(status).as("%s as %s: %s", call, caller, body).isEqualTo(401);
				assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
				assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
			}
			default -> {
				if (call.needs().allowed.contains(caller)) {
					assertThat(status).as("%s as %s: %s", call, caller, body).isNotIn(401, 403, 405).isLessThan(500);
				}
				else {
					assertThat(status).as("%s as %s: %s", call, caller, body).isEqualTo(403);
					assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
				}
			}
		}
	}

	Stream<Arguments> misfits() {
		List<Arguments> cases = new ArrayList<>();
		for (Call call : calls()) {
			for (Caller caller : EnumSet.of(Caller.NO_TOKEN, Caller.UNKNOWN_TOKEN, Caller.REVOKED_ADMIN_TOKEN)) {
				cases.add(Arguments.of(new Call(HttpMethod.PATCH, call.pattern(), call.uri(), call.contentType(),
						call.body(), call.needs()), caller));
				if (call.body() != null && MediaType.APPLICATION_JSON.equals(call.contentType())) {
					cases.add(Arguments.of(new Call(call.method(), call.pattern(), call.uri(),
							MediaType.APPLICATION_XML, "<event/>", call.needs()), caller));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("misfits")
	void aMethodOrContentTypeTheEndpointRefusesIs401WithoutAValidToken(Call call, Caller caller) {
		MvcTestResult result = request(call, caller);
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as("%s %s as %s: %s", call, call.contentType(), caller, body)
			.isEqualTo(401);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	@ParameterizedTest
	@MethodSource("auditedMisfits")
	void answers401NotWhatTheEndpointWouldRefuse(HttpMethod method, String uri, String contentType, String token) {
		var request = this.mvc.method(method).uri(uri);
		if (contentType != null) {
			request.contentType(contentType).content("x");
		}
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, token);
		}
		assertThat(request).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE,
					(token != null && token.startsWith("Bearer "))
							? "Bearer realm=\"panicboard\", error=\"invalid_token\"" : "Bearer realm=\"panicboard\"")
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("/problems/unauthorized");
	}

	static Stream<Arguments> auditedMisfits() {
		return Stream.of(Arguments.of(HttpMethod.POST, "/api/v1/events", "text/plain", null),
				Arguments.of(HttpMethod.GET, "/api/v1/logs", null, "Bearer nope"),
				Arguments.of(HttpMethod.GET, "/api/v1/analyze", null, null),
				Arguments.of(HttpMethod.POST, "/api/v1/deploys", null, "Basic dXNlcjpwYXNz"),
				Arguments.of(HttpMethod.POST, "/api/v1/logs?service=a", "multipart/form-data", null),
				Arguments.of(HttpMethod.POST, "/api/v1/heartbeats", "multipart/mixed", "Bearer nope"));
	}

	@Test
	void aValidTokenLearnsWhatTheEndpointRefuses() {
		assertThat(this.mvc.post()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.secrets[Caller.READ.ordinal()])
			.contentType(MediaType.TEXT_PLAIN)
			.content("x")).hasStatus(415)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("/problems/unsupported-media-type");
		assertThat(this.mvc.get()
			.uri("/api/v1/logs")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.secrets[Caller.READ.ordinal()])).hasStatus(405);
	}

	@Test
	void everyApiEndpointIsInTheMatrix() {
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods().keySet().forEach((info) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					info.getMethodsCondition().getMethods().forEach((method) -> mapped.add(method + " " + pattern));
				}
			}
		});
		Set<String> covered = new TreeSet<>();
		calls().forEach((call) -> covered.add(call.method() + " " + call.pattern()));
		assertThat(mapped).isNotEmpty();
		assertThat(covered).containsExactlyElementsOf(mapped);
	}

	private MvcTestResult request(Call call, Caller caller) {
		var request = this.mvc.method(call.method()).uri(call.uri());
		if (caller != Caller.NO_TOKEN) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.secrets[caller.ordinal()]);
		}
		if (call.body() != null) {
			request.contentType(call.contentType()).content(call.body());
		}
		return request.exchange();
	}

	private static Call get(String pattern, String uri, Needs needs) {
		return new Call(HttpMethod.GET, pattern, uri, null, null, needs);
	}

	private static Call json(HttpMethod method, String pattern, String uri, String body, Needs needs) {
		return new Call(method, pattern, uri, MediaType.APPLICATION_JSON, body, needs);
	}

}
