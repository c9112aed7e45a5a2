package io.panicboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The on-call flow in real headless Chromium against a running panicboard: crashes sent
 * through the ingestion API, then signed in as a responder: find the incident, open it,
 * acknowledge, note, resolve, and read it all on the timeline. Screenshots go to
 * {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "panicboard.bootstrap-token=" + DashboardBrowserTests.TOKEN)
@Import(TestDatabaseConfiguration.class)
class DashboardBrowserTests {

	static final String TOKEN = "dashboard-browser-test-token";

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String IMG = "\"><img src=x onerror=alert(1)>";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ChromeDriver browser;

	private final String service = "browser-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void startBrowser() {
		this.browser = Chromium.start();
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "browser-responder", "responder",
				"a long responder password");
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void respondsToAnIncidentFromSignInToTheTimeline() throws Exception {
		long id = send(corpus("generated/nilmap-basic-go1.23.txt"));
		send(corpus("generated/nil-pointer.txt"));
		signIn();
		open("/incidents");
		new Select(this.browser.findElement(By.name("service"))).selectByValue(this.service);
		new Select(this.browser.findElement(By.name("kind"))).selectByValue("nil_map_write");
		click("form.filters button[type=submit]");
		assertThat(this.browser.getCurrentUrl()).contains("service=" + this.service, "kind=nil_map_write");
		List<WebElement> rows = this.browser.findElements(By.cssSelector("td.title a"));
		assertThat(rows).hasSize(1);
		Chromium.screenshot(this.browser, "incidents-filtered");
		click("td.title a");
		assertThat(this.browser.getCurrentUrl()).endsWith("/incidents/" + id);
		assertThat(this.browser.findElement(By.cssSelector("h1")).getText()).contains("nil_map_write");
		assertThat(this.browser.findElements(By.cssSelector(".frame.app"))).isNotEmpty();
		Chromium.screenshot(this.browser, "incident-open");

		click("form[action$='/acknowledge'] button");
		assertThat(flash()).isNotBlank();
		assertThat(this.browser.findElement(By.cssSelector(".badge.status-acknowledged")).isDisplayed()).isTrue();

		this.browser.findElement(By.id("note")).sendKeys("Rolled back to v1.4.1; the fix is in review.");
		click("form[action$='/notes'] button");

		this.browser.findElement(By.id("resolve-version")).sendKeys("v1.4.3");
		click("form[action$='/resolve'] button");
		assertThat(this.browser.findElement(By.cssSelector(".badge.status-resolved")).isDisplayed()).isTrue();
		Chromium.screenshot(this.browser, "incident-resolved");

		String timeline = this.browser.findElement(By.cssSelector("ol.timeline")).getText();
		assertThat(timeline).contains("First seen", "Acknowledged", "Rolled back to v1.4.1; the fix is in review.",
				"Resolved", "v1.4.3", "by browser-responder");
		assertThat(this.jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("resolved");
	}

	@Test
	void showsHostileTraceTextAsTextAndRunsNoScript() throws Exception {
		long id = send("""
				panic: %s %s

				goroutine 1 [running]:
				main.%s(...)
					/src/%s/%s.go:8 +0x70
				main.main()
					/src/x/main.go:3 +0x10
				exit status 2
				""".formatted(SCRIPT, IMG, SCRIPT, IMG, SCRIPT));
		signIn();
		open("/incidents/" + id);
		Chromium.screenshot(this.browser, "incident-hostile-trace");
		assertNoScriptRan();
		String text = this.browser.findElement(By.tagName("main")).getText();
		assertThat(text).contains(SCRIPT, IMG);
		assertThat(this.browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
		// the only scripts are those that draw the charts, served by panicboard
		assertThat(this.browser.findElements(By.cssSelector("main script")))
			.extracting((script) -> script.getDomAttribute("src"))
			.containsExactly("/webjars/chart.js/4.5.1/dist/chart.umd.min.js",
					"/webjars/chartjs-plugin-annotation/3.1.0/dist/chartjs-plugin-annotation.min.js", "/js/charts.js");

		open("/analyze");
		this.browser.findElement(By.tagName("textarea"))
			.sendKeys("panic: " + SCRIPT + " " + IMG + "\n\n"
					+ "goroutine 1 [running]:\nmain.main()\n\t/src/x/main.go:3 +0x10\n");
		click("main form button[type=submit]");
		assertNoScriptRan();
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains(SCRIPT);
		assertThat(this.browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
	}

	private void assertNoScriptRan() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
	}

	private void signIn() {
		Chromium.signIn(this.browser, this.port, "browser-responder", "a long responder password");
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	/** Clicks a submit button and waits until the next page has replaced this one. */
	private void click(String css) {
		Chromium.clickAndWait(this.browser, css);
	}

	private String flash() {
		List<WebElement> flashes = this.browser.findElements(By.cssSelector(".flash.success"));
		return flashes.isEmpty() ? "" : flashes.get(0).getText();
	}

	/**
	 * Posts one event through the ingestion API and returns the incident it landed in.
	 */
	private long send(String text) throws IOException, InterruptedException {
		String body = JSON.writeValueAsString(java.util.Map.of("service", this.service, "environment", "production",
				"version", "v1.4.2", "instance", "pod-a", "text", text));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/events"))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode incidents = JSON.readTree(response.body()).get("incidents");
		assertThat(incidents.size()).isEqualTo(1);
		return incidents.get(0).get("id").asLong();
	}

	private static String corpus(String name) throws IOException {
		return Files.readString(Path.of("src/test/resources/corpus", name), StandardCharsets.UTF_8);
	}

}
