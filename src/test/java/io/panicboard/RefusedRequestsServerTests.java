package io.panicboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat refuses before any filter or controller runs (an escaped slash,
 * backslash or NUL in the path, a path above the root, headers over the limit) are
 * answered in panicboard's formats: problem+json under {@code /api/}, a short page
 * elsewhere, never Tomcat's own HTML report. Sent over a raw socket so that no client
 * normalises the path first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.max-http-request-header-size=4KB")
@Import(TestDatabaseConfiguration.class)
class RefusedRequestsServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@CsvSource({ "/api/v1/incidents/%2F, escaped slash (%2F)", "/api/v1/incidents/a%00b, NUL (%00)",
			"/api/v1/services/a%5cb, backslash (%5C)", "/api/../../etc/passwd, above the root (..)" })
	void anApiPathTheServerRefusesIsAProblem(String path, String named) throws IOException {
		RawResponse response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asString()).contains(named);
		assertThat(problem.get("instance").asString()).isEqualTo(path);
	}

	@Test
	void headersOverTheLimitUnderTheApiAreAProblemNamingTheLimit() throws IOException {
		RawResponse response = send("GET /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
				+ "a".repeat(6000) + "\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("at most 4096 bytes",
				"server.max-http-request-header-size");
	}

	@Test
	void aPageAddressTheServerRefusesIsAShortPageNotTomcatsReport() throws IOException {
		RawResponse response = send(
				"GET /incidents/%3Cb%3E%2F HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body())
			.contains("<h1>This request cannot be answered (400 Bad Request)</h1>", "escaped slash (%2F)",
					"<a href=\"/\">Back to the overview</a>")
			.doesNotContain("HTTP Status 400", "<b>", "Tomcat");
	}

	@Test
	void anErrorPanicboardAnswersItselfIsLeftAsItIs() throws IOException {
		// HTTP/1.0, so that the body comes unchunked
		RawResponse response = send("GET /api/v1/incidents HTTP/1.0\r\nHost: localhost\r\n\r\n");
		assertThat(response.status()).isEqualTo(401);
		assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo("/problems/unauthorized");
	}

	private RawResponse send(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			return RawResponse.of(all.toString(StandardCharsets.UTF_8));
		}
	}

	private record RawResponse(int status, String head, String body) {

		static RawResponse of(String text) {
			int end = text.indexOf("\r\n\r\n");
			String head = text.substring(0, end);
			int status = Integer.parseInt(head.substring(9, 12));
			return new RawResponse(status, head, text.substring(end + 4));
		}

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
					return line.substring(name.length() + 1).strip();
				}
			}
			return "";
		}

	}

}
