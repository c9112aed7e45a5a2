package io.panicboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form body ({@code application/x-www-form-urlencoded}) of a {@code PUT}, {@code PATCH}
 * or {@code DELETE} is not read before the caller is authenticated: a request without a
 * token announcing a large body is answered 401 at once, while its body has not even
 * arrived. Through the real servlet container and a plain socket, which can send the
 * headers of a body it never completes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class FormBodiesBeforeAuthenticationTests {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@CsvSource({ "PUT, /api/v1/slos/1", "PATCH, /api/v1/alert-rules/1", "DELETE, /api/v1/tokens/1",
			"POST, /api/v1/events" })
	void answers401BeforeTheBodyArrives(String method, String path) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\na=b&c=d")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] statusLine = new byte[12];
			assertThat(in.readNBytes(statusLine, 0, statusLine.length)).isEqualTo(statusLine.length);
			assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 401");
		}
	}

}
