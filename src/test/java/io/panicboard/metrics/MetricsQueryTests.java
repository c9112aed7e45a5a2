package io.panicboard.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code name[]} with its brackets as scrapers and people type them, sent to the real
 * servlet container (Tomcat refuses {@code [} and {@code ]} in a query unless told
 * otherwise; MockMvc never sees that). The request goes over a plain socket because
 * {@link java.net.URI} refuses the brackets too, as HTTP/1.0 for a body that is not
 * chunked.
 */
@ProtectedMetricsTest
class MetricsQueryTests {

	@LocalServerPort
	private int port;

	@Test
	void takesUnencodedBracketsInTheQuery() throws IOException {
		String response = get("/metrics?name[]=panicboard_ingest_queue_depth&name[]=process_open_fds");
		assertThat(response).matches("(?s)HTTP/1\\.[01] 200 .*");
		String body = response.substring(response.indexOf("\r\n\r\n") + 4);
		assertThat(body).contains("panicboard_ingest_queue_depth", "process_open_fds")
			.doesNotContain("jvm_memory_bytes_used", "panicboard_ingest_requests_total");
	}

	private String get(String target) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.0\r\nHost: localhost:" + this.port + "\r\nAuthorization: Bearer "
					+ ProtectedMetricsTest.SCRAPE_TOKEN + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			try (InputStream in = socket.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}

}
