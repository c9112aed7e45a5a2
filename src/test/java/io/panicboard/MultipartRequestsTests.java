package io.panicboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API takes no form uploads ({@code multipart/*}): nothing parses one, so a request
 * without a valid token is 401 and one with a token 415, never a 500 (a multipart type
 * without a boundary) nor a 413 about the upload size, and nothing is logged. Through the
 * real servlet container, which is what parses multipart bodies (MockMvc does not).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class MultipartRequestsTests {

	private static final ApiPrincipal ADMIN = new ApiPrincipal(0, "multipart-admin", TokenScope.ADMIN, null);

	private static final String BOUNDARY = "panicboard-boundary";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@CsvSource({ "/api/v1/logs?service=multipart, multipart/form-data",
			"/api/v1/logs?service=multipart, multipart/mixed", "/api/v1/events, multipart/form-data",
			"/api/v1/deploys, multipart/form-data", "/api/v1/heartbeats, multipart/mixed",
			"/api/v1/analyze, multipart/form-data" })
	void withoutATokenAMultipartTypeWithoutBoundaryIs401(String path, String contentType, CapturedOutput output)
			throws Exception {
		HttpResponse<String> answer = post(path, contentType, "x".getBytes(StandardCharsets.US_ASCII), null);
		assertUnauthorized(answer);
		assertThat(output).doesNotContain("MultipartException");
	}

	@Test
	void withoutATokenAFormUploadOverOneMegabyteIs401() throws Exception {
		HttpResponse<String> answer = post("/api/v1/analyze", "multipart/form-data; boundary=" + BOUNDARY,
				formUpload(1_500_000), null);
		assertUnauthorized(answer);
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/logs?service=multipart, multipart/form-data, multipart-not-supported",
			"/api/v1/logs?service=multipart, multipart/mixed, multipart-not-supported",
			"/api/v1/analyze, multipart/form-data, multipart-not-supported",
			"/api/v1/events, multipart/form-data, unsupported-media-type",
			"/api/v1/deploys, multipart/mixed, unsupported-media-type",
			"/api/v1/heartbeats, multipart/form-data, unsupported-media-type" })
	void withATokenAMultipartTypeWithoutBoundaryIs415(String path, String contentType, String type,
			CapturedOutput output) throws Exception {
		HttpResponse<String> answer = post(path, contentType, "x".getBytes(StandardCharsets.US_ASCII),
				TestTokens.bearer(this.jdbc, ADMIN));
		assertUnsupported(answer, type);
		assertThat(output).doesNotContain("MultipartException");
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/logs?service=multipart, multipart-not-supported",
			"/api/v1/analyze, multipart-not-supported" })
	void withATokenAFormUploadOverOneMegabyteIs415(String path, String type) throws Exception {
		HttpResponse<String> answer = post(path, "multipart/form-data; boundary=" + BOUNDARY, formUpload(1_500_000),
				TestTokens.bearer(this.jdbc, ADMIN));
		assertUnsupported(answer, type);
	}

	private static void assertUnauthorized(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(answer.body()).contains("\"type\":\"/problems/unauthorized\"");
	}

	private static void assertUnsupported(HttpResponse<String> answer, String type) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"type\":\"/problems/" + type + "\"");
	}

	private HttpResponse<String> post(String path, String contentType, byte[] body, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] formUpload(int size) {
		String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"trace.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n";
		String tail = "\r\n--" + BOUNDARY + "--\r\n";
		return (head + "x".repeat(size) + tail).getBytes(StandardCharsets.US_ASCII);
	}

}
