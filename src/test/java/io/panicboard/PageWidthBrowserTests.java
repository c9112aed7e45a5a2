package io.panicboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview, the weekly review, the incident list, an incident and the service page
 * fit the window in real headless Chromium, with no sideways scrolling of the page, on a
 * laptop (1280 and 1024 px) and a phone (390 px, where a wide table may scroll inside its
 * own box): with a service name as long as allowed and crashes of many kinds in functions
 * of long Go package paths, which have no space to wrap at. Screenshots go to
 * {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "panicboard.bootstrap-token=" + PageWidthBrowserTests.TOKEN)
@Import(TestDatabaseConfiguration.class)
class PageWidthBrowserTests {

	static final String TOKEN = "page-width-browser-test-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A package path as long as real ones get, for every function of the crashes. */
	private static final String PACKAGE = "github.com/acme-payments/settlement-reconciliation/internal/ledger/reconciliationworker";

	private static final List<String> TRACES = List.of("nilmap-basic-go1.23.txt", "nilmap-nested.txt",
			"nil-pointer.txt", "concurrent-map-writes.txt", "concurrent-map-read-write.txt",
			"concurrent-map-iteration-write.txt", "race-map-writes.txt", "race-struct-field.txt",
			"index-out-of-range.txt", "divide-by-zero.txt", "close-closed-channel.txt", "type-assertion.txt",
			"stack-overflow.txt", "user-panic-error.txt", "out-of-memory-huge.txt");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ChromeDriver browser;

	/** As long as a service name may be (63 characters). */
	private final String service = "settlement-reconciliation-worker-eu-west-1-canary-"
			+ UUID.randomUUID().toString().substring(0, 13);

	@BeforeEach
	void startBrowserWithCrashesOfManyKindsInLongFunctionNames() throws Exception {
		this.browser = Chromium.start();
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "width-viewer", "viewer", "a long viewer password");
		post("/api/v1/deploys", Map.of("service", this.service, "version", "v2026.11.23-rc.1+build.4711.g3f9c2ab",
				"timestamp", Instant.now().minus(Duration.ofMinutes(30)).toString()));
		for (String trace : TRACES) {
			String text = Files
				.readString(Path.of("src/test/resources/corpus/generated", trace), StandardCharsets.UTF_8)
				.replace("main.", PACKAGE + ".")
				.replace("/home/gopher/crashlab/", "/src/" + PACKAGE + "/");
			post("/api/v1/events", Map.of("service", this.service, "environment", "production", "version", "v1",
					"instance", "pod-a", "text", text));
		}
		signIn();
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1280, 1024, 390 })
	void pagesDoNotScrollSideways(int width) {
		this.browser.manage().window().setSize(new Dimension(width, 900));
		Instant now = Instant.now();
		String week = String.format("%d-W%02d", now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_BASED_YEAR),
				now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		List<String> overflowing = new ArrayList<>();
		overflowing.addAll(overflow("/", "overview", width));
		overflowing.addAll(overflow("/reports/weekly?week=" + week, "weekly", width));
		overflowing
			.addAll(overflow("/reports/weekly?week=" + week + "&service=" + this.service, "weekly-service", width));
		overflowing.addAll(overflow("/incidents?service=" + this.service, "incidents", width));
		long incident = this.jdbc.sql("SELECT min(id) FROM incident WHERE service = ?")
			.param(this.service)
			.query(Long.class)
			.single();
		overflowing.addAll(overflow("/incidents/" + incident, "incident", width));
		overflowing.addAll(overflow("/services/" + this.service, "service", width));
		assertThat(overflowing).as("pages wider than the window (scroll width > window width)").isEmpty();
	}

	/** The page, if its scroll width is more than the window's, with both widths. */
	private List<String> overflow(String path, String name, int width) {
		this.browser.get("http://localhost:" + this.port + path);
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until((driver) -> (Boolean) this.browser.executeScript("return document.readyState === 'complete'"));
		Chromium.screenshot(this.browser, "width-" + name + "-" + width);
		assertThat(this.browser.getPageSource()).contains(this.service);
		List<?> widths = (List<?>) this.browser
			.executeScript("return [document.documentElement.scrollWidth, window.innerWidth]");
		long scrollWidth = ((Number) widths.get(0)).longValue();
		long innerWidth = ((Number) widths.get(1)).longValue();
		return (scrollWidth <= innerWidth) ? List.of()
				: List.of(path + " at " + width + " px: " + scrollWidth + " > " + innerWidth);
	}

	private void signIn() {
		Chromium.signIn(this.browser, this.port, "width-viewer", "a long viewer password");
	}

	private void post(String path, Object body) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
	}

}
