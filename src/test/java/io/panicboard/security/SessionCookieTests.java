package io.panicboard.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie's attributes, as the real servlet container sets them (MockMvc does
 * not apply {@code server.servlet.session.cookie.*}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class SessionCookieTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void signInSetsAnHttpOnlySameSiteLaxSessionCookie() throws Exception {
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "cookie-viewer", "viewer", "a long viewer password");
		HttpResponse<String> login = this.http.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String loginCookie = sessionCookie(login);
		assertThat(loginCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).isTrue();
		Matcher session = SESSION.matcher(loginCookie);
		assertThat(session.find()).isTrue();

		String form = "username=cookie-viewer&password="
				+ URLEncoder.encode("a long viewer password", StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> signedIn = this.http.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "JSESSIONID=" + session.group(1))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		assertThat(sessionCookie(signedIn)).doesNotContain(session.group(1))
			.contains("HttpOnly")
			.containsIgnoringCase("SameSite=Lax");
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
