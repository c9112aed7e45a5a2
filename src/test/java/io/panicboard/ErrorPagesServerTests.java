package io.panicboard;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in person who opens an address the pages cannot answer gets panicboard's own
 * page for its status, through the real servlet container (which forwards errors to the
 * error pages; MockMvc does not): never Spring's fallback "Whitelabel" page or JSON.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class ErrorPagesServerTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@BeforeEach
	void signIn() throws Exception {
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "error-pages-responder", "responder",
				"a long responder password");
		Matcher csrf = CSRF.matcher(get("/login").body());
		assertThat(csrf.find()).isTrue();
		String form = "username=error-pages-responder&password="
				+ URLEncoder.encode("a long responder password", StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> signedIn = this.http.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@ParameterizedTest
	@CsvSource({ "/alerts/rules/abc, 400, This address cannot be shown (400)",
			"/slos/abc, 400, This address cannot be shown (400)",
			"/reports/weekly/export?format=xml, 400, This address cannot be shown (400)",
			"/incidents/1/acknowledge, 405, This address cannot be shown (405)", "/no-such-page, 404, Not found",
			"/error, 404, Not found" })
	void answersWithTheStatusAndPanicboardsOwnPage(String path, int status, String heading) throws Exception {
		HttpResponse<String> page = get(path);
		assertThat(page.statusCode()).isEqualTo(status);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<h1>" + heading + "</h1>")
			.contains("Back to the overview")
			.doesNotContain("Whitelabel");
	}

	@Test
	void aFormWithoutAValidCsrfTokenSaysItExpiredNotThatTheRoleIsMissing() throws Exception {
		// what a form left open past the session's timeout sends: the token of the old
		// session
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("/incidents/1/acknowledge"))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=a-token-of-a-session-that-ended"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("<h1>This form has expired</h1>", "reload the page")
			.doesNotContain("Your role does not allow this");
	}

	@Test
	void anActionTheRoleDoesNotAllowSaysSo() throws Exception {
		Matcher csrf = CSRF.matcher(get("/").body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("/admin/users"))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("<h1>Not allowed</h1>", "Your role does not allow this")
			.doesNotContain("expired");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
