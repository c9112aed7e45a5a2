package io.panicboard.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@TestPropertySource(properties = { "panicboard.admin-password=correct horse battery staple",
		"panicboard.security.login.max-failures=3" })
class SignInTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private FirstAdmin firstAdmin;

	/**
	 * The test database outlives this context: another test class may have created
	 * {@code admin} already, so each test starts from the first-start state.
	 */
	@BeforeEach
	void startWithOnlyTheFirstAdmin() throws Exception {
		this.jdbc.sql("DELETE FROM app_user").update();
		this.firstAdmin.run(null);
	}

	@Test
	void servesTheChartScriptsWithoutSignInTheWebJarsKeptAYearThePagesScriptLikeTheStylesheet() {
		var css = this.mvc.get().uri("/css/panicboard.css").exchange();
		assertThat(css).hasStatusOk();
		assertThat(css.getResponse().getHeader("Cache-Control")).isEqualTo("no-cache");
		for (String script : List.of("/webjars/chart.js/4.5.1/dist/chart.umd.min.js",
				"/webjars/chartjs-plugin-annotation/3.1.0/dist/chartjs-plugin-annotation.min.js")) {
			var response = this.mvc.get().uri(script).exchange();
			assertThat(response).as(script).hasStatusOk().hasContentType("text/javascript");
			assertThat(response.getResponse().getHeader("Cache-Control")).as(script)
				.isEqualTo("max-age=31536000, public, immutable");
		}
		var charts = this.mvc.get().uri("/js/charts.js").exchange();
		assertThat(charts).hasStatusOk().hasContentType("text/javascript");
		assertThat(charts.getResponse().getHeader("Cache-Control")).isEqualTo("no-cache");
	}

	@Test
	void firstStartCreatesAdminWithConfiguredPasswordHashedWithBcrypt() {
		String hash = this.jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("correct horse");
		assertThat(this.jdbc.sql("SELECT role FROM app_user WHERE username = 'admin'").query(String.class).single())
			.isEqualTo("admin");
	}

	@Test
	void replicasStartingTogetherCreateOneAdminAndNoneFails() throws Exception {
		this.jdbc.sql("DELETE FROM app_user").update();
		ExecutorService replicas = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(replicas.submit(() -> {
					start.await();
					this.firstAdmin.run(null);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			replicas.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isEqualTo(1);
		assertThat(this.mvc.perform(formLogin().user("admin").password("correct horse battery staple")))
			.hasRedirectedUrl("/");
	}

	@Test
	void signsInWithTheRightPasswordAndChangesTheSessionId() {
		assertThat(this.mvc.perform(formLogin().user("admin").password("correct horse battery staple")))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/");
		assertThat(this.jdbc.sql("SELECT last_login_at IS NOT NULL FROM app_user WHERE username = 'admin'")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void userNamesAreCaseInsensitive() {
		assertThat(this.mvc.perform(formLogin().user("Admin").password("correct horse battery staple")))
			.hasRedirectedUrl("/");
	}

	@Test
	void refusesAWrongPassword() {
		assertThat(this.mvc.perform(formLogin().user("admin").password("wrong"))).hasRedirectedUrl("/login?error");
	}

	@Test
	void locksAUserAfterRepeatedFailuresEvenForTheRightPassword() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.mvc.perform(formLogin().user("admin").password("wrong"))).hasRedirectedUrl("/login?error");
		}
		assertThat(this.mvc.perform(formLogin().user("admin").password("correct horse battery staple")))
			.hasRedirectedUrl("/login?error");
	}

	@Test
	void signInWithoutCsrfTokenIsRefused() {
		assertThat(this.mvc.post()
			.uri("/login")
			.param("username", "admin")
			.param("password", "correct horse battery staple")).hasStatus(403);
	}

	@Test
	void pagesRedirectAnonymousVisitorsToSignIn() {
		assertThat(this.mvc.get().uri("/incidents")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
	}

	@Test
	void signInPageCarriesStrictSecurityHeaders() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk()
			.headers()
			.hasValue("Content-Security-Policy", WebSecurityConfiguration.CONTENT_SECURITY_POLICY)
			.hasValue("X-Frame-Options", "DENY")
			.hasValue("X-Content-Type-Options", "nosniff")
			.hasValue("Referrer-Policy", "same-origin");
		assertThat(this.mvc.get().uri("/login")).bodyText().contains("name=\"_csrf\"");
	}

	@Test
	void signOutNeedsAPostWithCsrf() {
		assertThat(this.mvc.post().uri("/logout").with(csrf())).hasRedirectedUrl("/login?signedOut");
	}

}
