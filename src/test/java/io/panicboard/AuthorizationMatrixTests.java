package io.panicboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Every page and every action of the dashboard, requested as an anonymous visitor, a
 * viewer, a responder, an admin, and without a session but with an API token (another
 * service's ingest token, a revoked admin token): visitors without a session are sent to
 * sign in whatever token they carry, viewers read everything and change nothing,
 * responders also act on incidents and silence alerts, and only admins reach the admin
 * pages and change alert rules. "Allowed" means neither refused (403) nor sent to sign
 * in; what an allowed action then does is tested with each page.
 */
@SpringBootTest(properties = "panicboard.bootstrap-token=" + AuthorizationMatrixTests.TOKEN)
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

	static final String TOKEN = "authorization-matrix-test-token";

	enum Who {

		ANONYMOUS, VIEWER, RESPONDER, ADMIN,

		/**
		 * No session, but an API token for another service in the Authorization header.
		 */
		INGEST_TOKEN_OF_ANOTHER_SERVICE,

		/** No session, but a revoked admin API token in the Authorization header. */
		REVOKED_ADMIN_TOKEN

	}

	enum Needs {

		/** The sign-in page itself. */
		NOBODY,

		/** Any signed-in user. */
		VIEWER,

		/** Responders and admins. */
		RESPONDER,

		/** Admins only. */
		ADMIN

	}

	record Route(HttpMethod method, String path, Map<String, String> params, Needs needs) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	private final String service = "matrix-" + UUID.randomUUID().toString().substring(0, 8);

	private long incident;

	private long occurrence;

	private long otherUser;

	private long token;

	private long channel;

	private long rule;

	private long deletableRule;

	private long alert;

	private long silence;

	private long slo;

	private String otherServiceToken;

	private String revokedToken;

	@BeforeAll
	void createOneOfEverything() {
		this.otherServiceToken = createToken("{\"name\":\"matrix\",\"scope\":\"ingest\",\"service\":\"elsewhere\"}")
			.path("secret")
			.asString();
		JsonNode revoked = createToken("{\"name\":\"matrix\",\"scope\":\"admin\"}");
		this.revokedToken = revoked.path("secret").asString();
		assertThat(this.mvc.delete()
			.uri("/api/v1/tokens/" + revoked.path("id").asLong())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)).hasStatus(204);
		assertThat(this.mvc.post()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"service\":\"" + this.service + "\",\"environment\":\"production\",\"text\":"
					+ "\"panic: assignment to entry in nil map\\n\\ngoroutine 1 [running]:\\nmain.main()\\n"
					+ "\\t/src/app/main.go:8 +0x65\\n\"}"))
			.hasStatus(202);
		this.incident = this.jdbc.sql("SELECT id FROM incident WHERE service = ?")
			.param(this.service)
			.query(Long.class)
			.single();
		this.occurrence = this.jdbc.sql("SELECT id FROM occurrence WHERE incident_id = ?")
			.param(this.incident)
			.query(Long.class)
			.single();
		this.otherUser = this.jdbc.sql("""
				INSERT INTO app_user (username, password_hash, role) VALUES (?, '{noop}unused-password', 'viewer')
				RETURNING id""").param(this.service + "-user").query(Long.class).single();
		this.token = this.jdbc.sql("""
				INSERT INTO api_token (name, secret_hash, display_prefix, scope, created_by)
				VALUES (?, md5(?) || md5(?), 'matrix', 'read', 'test') RETURNING id""")
			.params(this.service, this.service, this.service + "x")
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
		this.channel = this.jdbc.sql("""
				INSERT INTO notification_channel (name, type, url, created_at, updated_at)
				VALUES (?, 'webhook', 'http://127.0.0.1:9/', now(), now()) RETURNING id""")
			.param(this.service)
			.query(Long.class)
			.single();
		this.rule = rule(this.service + "-rule");
		this.deletableRule = rule(this.service + "-deletable");
		this.alert = this.jdbc.sql("""
				INSERT INTO alert (rule_id, label_key, labels, state, incident_id, active_since, fired_at, last_seen_at)
				VALUES (?, ?, jsonb_build_object('service', ?::text), 'firing', ?, now(), now(), now()) RETURNING id""")
			.params(this.rule, this.service, this.service, this.incident)
			.query(Long.class)
			.single();
		this.silence = this.jdbc.sql("""
				INSERT INTO silence (matchers, starts_at, ends_at, created_by, comment, created_at)
				VALUES (jsonb_build_array(jsonb_build_object('name', 'service', 'op', '=', 'value', ?::text)),
				    now(), now() + interval '1 hour', 'matrix', 'matrix', now()) RETURNING id""")
			.param(this.service)
			.query(Long.class)
			.single();
	}

	private JsonNode createToken(String body) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/tokens")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
		assertThat(result).hasStatus(201);
		return JsonMapper.builder().build().readTree(result.getResponse().getContentAsByteArray());
	}

	private long rule(String name) {
		return this.jdbc.sql("""
				INSERT INTO alert_rule (name, severity, enabled, condition_type, created_at, updated_at)
				VALUES (?, 'high', false, 'any_occurrence', now(), now()) RETURNING id""")
			.param(name)
			.query(Long.class)
			.single();
	}

	Stream<Arguments> matrix() {
		String incidentPath = "/incidents/" + this.incident;
		List<Route> routes = List.of(new Route(HttpMethod.GET, "/login", Map.of(), Needs.NOBODY),
				get("/", Needs.VIEWER), get("/incidents", Needs.VIEWER),
				get("/incidents?service=" + this.service + "&status=open&q=main", Needs.VIEWER),
				get(incidentPath, Needs.VIEWER), get(incidentPath + "?occurrence=" + this.occurrence, Needs.VIEWER),
				get(incidentPath + "/occurrences/" + this.occurrence, Needs.VIEWER),
				get(incidentPath + "/occurrences/" + this.occurrence + "/raw", Needs.VIEWER),
				get("/analyze", Needs.VIEWER),
				post("/analyze", Needs.VIEWER, "text", "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"),
				post(incidentPath + "/acknowledge", Needs.RESPONDER),
				post(incidentPath + "/assign", Needs.RESPONDER, "assignee", "someone"),
				post(incidentPath + "/notes", Needs.RESPONDER, "text", "looking"),
				post(incidentPath + "/resolve", Needs.RESPONDER, "version", "v2"),
				post(incidentPath + "/reopen", Needs.RESPONDER),
				post(incidentPath + "/mute", Needs.RESPONDER, "duration", "1h"),
				post(incidentPath + "/merge", Needs.RESPONDER, "into", Long.toString(this.incident)),
				post(incidentPath + "/unmerge", Needs.RESPONDER), get("/admin/users", Needs.ADMIN),
				post("/admin/users", Needs.ADMIN, "username", "", "role", "viewer", "password", "short"),
				post("/admin/users/" + this.otherUser + "/role", Needs.ADMIN, "role", "viewer"),
				post("/admin/users/" + this.otherUser + "/enabled", Needs.ADMIN, "enabled", "true"),
				post("/admin/users/" + this.otherUser + "/password", Needs.ADMIN, "password", "short"),
				post("/admin/users/" + this.otherUser + "/unlock", Needs.ADMIN), get("/admin/tokens", Needs.ADMIN),
				post("/admin/tokens", Needs.ADMIN, "name", "", "scope", "read"),
				post("/admin/tokens/" + this.token + "/revoke", Needs.ADMIN), get("/admin/services", Needs.ADMIN),
				get("/admin/services/" + this.service, Needs.ADMIN),
				post("/admin/services/" + this.service, Needs.ADMIN, "team", "checkout"),
				get("/admin/channels", Needs.ADMIN), get("/admin/channels/" + this.channel, Needs.ADMIN),
				post("/admin/channels", Needs.ADMIN, "name", "", "type", "webhook", "url", ""),
				post("/admin/channels/" + this.channel, Needs.ADMIN, "name", "", "type", "webhook", "url", ""),
				post("/admin/channels/" + this.channel + "/test", Needs.ADMIN),
				post("/admin/channels/" + this.channel + "/delete", Needs.ADMIN),
				get("/alerts/notifications", Needs.VIEWER),
				get("/alerts/notifications?channel=" + this.service + "&delivery=dead&page=2", Needs.VIEWER),
				get("/alerts", Needs.VIEWER), get("/alerts?page=2", Needs.VIEWER), get("/alerts/rules", Needs.VIEWER),
				get("/alerts/rules/new", Needs.VIEWER), get("/alerts/rules/" + this.rule, Needs.VIEWER),
				get("/alerts/silences", Needs.VIEWER), get("/alerts/silences?alert=" + this.alert, Needs.VIEWER),
				post("/alerts/rules", Needs.ADMIN, "name", "", "severity", "high", "conditionType", "any_occurrence"),
				post("/alerts/rules/" + this.rule, Needs.ADMIN, "name", "", "severity", "high", "conditionType",
						"any_occurrence"),
				post("/alerts/rules/" + this.rule + "/enabled", Needs.ADMIN, "enabled", "false"),
				post("/alerts/rules/" + this.deletableRule + "/delete", Needs.ADMIN),
				post("/alerts/silences", Needs.RESPONDER, "matcherName", "service", "matcherOp", "=", "matcherValue",
						this.service, "duration", "1h", "comment", ""),
				post("/alerts/silences/" + this.silence + "/expire", Needs.RESPONDER), get("/kinds", Needs.VIEWER),
				get("/kinds/nil_map_write", Needs.VIEWER), get("/reports/weekly", Needs.VIEWER),
				get("/reports/weekly?week=2026-W13&service=" + this.service, Needs.VIEWER),
				get("/reports/weekly/export?week=2026-W13&format=csv", Needs.VIEWER),
				get("/reports/weekly/export?week=2026-W13&format=md", Needs.VIEWER),
				get("/reports/weekly/decide?incident=" + this.incident, Needs.RESPONDER),
				post("/reports/weekly/decisions", Needs.RESPONDER, "incident", Long.toString(this.incident), "decision",
						"wont_fix", "reason", "matrix"),
				post("/admin/services/" + this.service, Needs.ADMIN, "team", "checkout"), get("/slos", Needs.VIEWER),
				get("/slos/new", Needs.RESPONDER), get("/slos/" + this.slo, Needs.VIEWER),
				get("/slos/" + this.slo + "/edit", Needs.RESPONDER), post("/slos", Needs.RESPONDER, "name", ""),
				post("/slos/" + this.slo, Needs.RESPONDER, "name", ""));
		List<Arguments> cases = new ArrayList<>();
		for (Route route : routes) {
			for (Who who : Who.values()) {
				cases.add(Arguments.of(route, who));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("matrix")
	void everyPageAndActionAnswersEveryRoleAsItsRoleAllows(Route route, Who who) {
		MvcTestResult result = request(route, who);
		int status = result.getResponse().getStatus();
		String location = result.getResponse().getRedirectedUrl();
		boolean sentToSignIn = status / 100 == 3 && location != null && location.endsWith("/login");
		if (route.needs() == Needs.NOBODY) {
			assertThat(status).isEqualTo(200);
		}
		else if (who == Who.ANONYMOUS || who == Who.INGEST_TOKEN_OF_ANOTHER_SERVICE || who == Who.REVOKED_ADMIN_TOKEN) {
			// API tokens never open the dashboard
			assertThat(sentToSignIn).as("%s %s redirected to sign in (status %d)", route, who, status).isTrue();
		}
		else if (allowed(who, route.needs())) {
			assertThat(status).as("%s as %s", route, who).isNotIn(401, 403, 404, 405).isLessThan(500);
			assertThat(sentToSignIn).isFalse();
		}
		else {
			assertThat(status).as("%s as %s", route, who).isEqualTo(403);
		}
	}

	private static boolean allowed(Who who, Needs needs) {
		return switch (needs) {
			case NOBODY, VIEWER -> who == Who.VIEWER || who == Who.RESPONDER || who == Who.ADMIN;
			case RESPONDER -> who == Who.RESPONDER || who == Who.ADMIN;
			case ADMIN -> who == Who.ADMIN;
		};
	}

	private MvcTestResult request(Route route, Who who) {
		MockMvcRequestBuilder request = (route.method() == HttpMethod.GET) ? this.mvc.get().uri(route.path())
				: this.mvc.post().uri(route.path()).with(csrf());
		route.params().forEach(request::param);
		switch (who) {
			case ANONYMOUS -> {
			}
			case INGEST_TOKEN_OF_ANOTHER_SERVICE ->
				request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.otherServiceToken);
			case REVOKED_ADMIN_TOKEN -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.revokedToken);
			default -> request.with(user("matrix-" + who.name().toLowerCase()).roles(who.name()));
		}
		return request.accept(MediaType.TEXT_HTML).exchange();
	}

	private static Route get(String path, Needs needs) {
		return new Route(HttpMethod.GET, path, Map.of(), needs);
	}

	private static Route post(String path, Needs needs, String... params) {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < params.length; i += 2) {
			map.put(params[i], params[i + 1]);
		}
		return new Route(HttpMethod.POST, path, map, needs);
	}

}
