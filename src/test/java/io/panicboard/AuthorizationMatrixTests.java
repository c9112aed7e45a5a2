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
 * viewer, a responder and an admin: anonymous visitors are sent to sign in, viewers read
 * everything and change nothing, responders also act on incidents, and only admins reach
 * the admin pages. "Allowed" means neither refused (403) nor sent to sign in; what an
 * allowed action then does is tested with each page.
 */
@SpringBootTest(properties = "panicboard.bootstrap-token=" + AuthorizationMatrixTests.TOKEN)
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

	static final String TOKEN = "authorization-matrix-test-token";

	enum Who {

		ANONYMOUS, VIEWER, RESPONDER, ADMIN

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

	private long slo;

	@BeforeAll
	void createOneOfEverything() {
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
				post("/admin/services/" + this.service, Needs.ADMIN, "team", "checkout"), get("/slos", Needs.VIEWER),
				get("/slos/new", Needs.VIEWER), get("/slos/" + this.slo, Needs.VIEWER),
				get("/slos/" + this.slo + "/edit", Needs.VIEWER), post("/slos", Needs.RESPONDER, "name", ""),
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
		else if (who == Who.ANONYMOUS) {
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
			case NOBODY, VIEWER -> true;
			case RESPONDER -> who == Who.RESPONDER || who == Who.ADMIN;
			case ADMIN -> who == Who.ADMIN;
		};
	}

	private MvcTestResult request(Route route, Who who) {
		MockMvcRequestBuilder request = (route.method() == HttpMethod.GET) ? this.mvc.get().uri(route.path())
				: this.mvc.post().uri(route.path()).with(csrf());
		route.params().forEach(request::param);
		if (who != Who.ANONYMOUS) {
			request.with(user("matrix-" + who.name().toLowerCase()).roles(who.name()));
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
