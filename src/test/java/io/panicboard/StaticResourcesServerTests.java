package io.panicboard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What browsers get for the files the pages load, through the real servlet container
 * (which compresses; MockMvc does not): WebJars kept a year, the stylesheet and the
 * pages' script revalidated, scripts and styles compressed, pages not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class StaticResourcesServerTests {

	private static final String CHART_JS = "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aWebJarsFileIsKeptForAYearAndSentCompressed() throws Exception {
		HttpResponse<byte[]> response = get(CHART_JS, "Accept-Encoding", "gzip");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		byte[] original = resource("/META-INF/resources" + CHART_JS);
		assertThat(response.body().length).isLessThan(original.length / 2);
		assertThat(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes()).isEqualTo(original);
	}

	@Test
	void theStylesheetAndThePagesScriptAreRevalidatedAndUnchangedAnswer304() throws Exception {
		for (String path : new String[] { "/css/panicboard.css", "/js/charts.js" }) {
			HttpResponse<byte[]> response = get(path, "Accept-Encoding", "gzip");
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
			assertThat(response.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
			String lastModified = response.headers().firstValue("Last-Modified").orElseThrow();
			assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).as(path).isEqualTo(304);
		}
	}

	@Test
	void pagesAreNotCompressed() throws Exception {
		HttpResponse<byte[]> page = get("/login", "Accept-Encoding", "gzip");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> cache.contains("no-store"));
	}

	private HttpResponse<byte[]> get(String path, String header, String value)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header(header, value)
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = StaticResourcesServerTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

}
