package io.panicboard.security;

import java.util.stream.Stream;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.incident.ServiceCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Every admin page and action is for admins only, and every action needs a CSRF token.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class AdminAccessTests {

	private static final String SERVICE = "access-tests";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ServiceCatalog services;

	@BeforeEach
	void aServiceExists() {
		this.services.register(SERVICE);
	}

	static Stream<Arguments> adminRequests() {
		return Stream.of(get("/admin/users"), post("/admin/users"), post("/admin/users/1/role"),
				post("/admin/users/1/enabled"), post("/admin/users/1/password"), post("/admin/users/1/unlock"),
				get("/admin/tokens"), post("/admin/tokens"), post("/admin/tokens/1/revoke"), get("/admin/services"),
				get("/admin/services/" + SERVICE), post("/admin/services/" + SERVICE));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminRequests")
	void viewersAndRespondersAreRefused(HttpMethod method, String uri) {
		for (String role : new String[] { "VIEWER", "RESPONDER" }) {
			assertThat(this.mvc.method(method)
				.uri(uri)
				.param("role", "admin")
				.param("enabled", "false")
				.param("name", "forbidden")
				.param("scope", "admin")
				.param("team", "intruders")
				.with(user("someone").roles(role))
				.with(csrf())).hasStatus(403);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'forbidden'").query(Long.class).single())
			.isZero();
		assertThat(this.services.find(SERVICE).orElseThrow().team()).isNotEqualTo("intruders");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminRequests")
	void anonymousVisitorsAreSentToSignIn(HttpMethod method, String uri) {
		assertThat(this.mvc.method(method).uri(uri).with(csrf())).hasStatus3xxRedirection()
			.redirectedUrl()
			.endsWith("/login");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminRequests")
	void actionsWithoutCsrfTokenAreRefusedEvenForAdmins(HttpMethod method, String uri) {
		if (method == HttpMethod.POST) {
			assertThat(this.mvc.post()
				.uri(uri)
				.param("name", "no csrf")
				.param("scope", "admin")
				.param("team", "no csrf")
				.with(user("an-admin").roles("ADMIN"))).hasStatus(403);
		}
		else {
			assertThat(this.mvc.get().uri(uri).with(user("an-admin").roles("ADMIN"))).hasStatusOk()
				.bodyText()
				.contains("name=\"_csrf\"");
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'no csrf'").query(Long.class).single())
			.isZero();
	}

	@Test
	void adminPagesCarryTheStrictSecurityHeaders() {
		assertThat(this.mvc.get().uri("/admin/users").with(user("an-admin").roles("ADMIN"))).hasStatusOk()
			.headers()
			.hasValue("Content-Security-Policy", WebSecurityConfiguration.CONTENT_SECURITY_POLICY)
			.hasValue("X-Frame-Options", "DENY");
	}

	@Test
	void adminPagesUseNoInlineScriptsOrStyles() {
		for (String uri : new String[] { "/admin/users", "/admin/tokens", "/admin/services",
				"/admin/services/" + SERVICE }) {
			assertThat(this.mvc.get().uri(uri).with(user("an-admin").roles("ADMIN"))).bodyText()
				.doesNotContain("<script", "style=", "<style", "onclick", "onsubmit");
		}
	}

	private static Arguments get(String uri) {
		return Arguments.of(HttpMethod.GET, uri);
	}

	private static Arguments post(String uri) {
		return Arguments.of(HttpMethod.POST, uri);
	}

}
