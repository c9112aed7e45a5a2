package io.panicboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query string the servlet container cannot decode ({@code %zz}, or bytes that are not
 * UTF-8) is the client's fault: the API answers 400 naming the parameter, like any other
 * invalid parameter, and a page answers with the 400 error page; never 500. Through the
 * real servlet container, which is what decodes the query string (MockMvc does not), and
 * over a plain socket, as {@link java.net.URI} refuses such an address before sending it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class MalformedQueryStringTests {

	private static final ApiPrincipal ADMIN = new ApiPrincipal(0, "malformed-query-admin", TokenScope.ADMIN, null);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@ParameterizedTest
	@CsvSource({ "GET, /api/v1/incidents?q=%zz, invalid-request, q",
			"GET, /api/v1/incidents?service=orders&q=%ff, invalid-request, q",
			"GET, /api/v1/alerts?x=%zz, invalid-request, x",
			"GET, /api/v1/incidents/1/occurrences?size=%zz, invalid-request, size",
			"POST, /api/v1/logs?service=%zz, invalid-fields, service",
			"POST, /api/v1/metrics/expvar?service=orders&instance=%zz, invalid-fields, instance" })
	void apiAnswersBadRequestNamingTheUndecodableParameter(String method, String path, String type, String field)
			throws IOException {
		String answer = send(method, path, "Authorization: " + TestTokens.bearer(this.jdbc, ADMIN));
		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"type\":\"/problems/" + type + "\"")
			.contains("\"status\":400")
			.contains("{\"field\":\"" + field + "\",\"message\":\"must be percent-encoded UTF-8\"}");
	}

	@ParameterizedTest
	@CsvSource({ "/login?error=%zz", "/incidents?q=%zz", "/metrics?name[]=%e9" })
	void pageAnswersWithTheBadRequestPage(String path) throws IOException {
		String answer = send("GET", path, "Accept: text/html");
		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: text/html")
			.contains("<h1>This address cannot be shown (400)</h1>")
			.doesNotContain("Whitelabel");
	}

	private String send(String method, String path, String header) throws IOException {
		String body = "POST".equals(method) ? "{}" : "";
		String request = method + " " + path + " HTTP/1.1\r\nHost: localhost:" + this.port + "\r\n" + header
				+ "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
				+ body;
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
