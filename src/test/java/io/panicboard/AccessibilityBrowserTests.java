package io.panicboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.panicboard.alert.AlertRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
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
 * Every page, in light and dark colour scheme, has no WCAG 2.1 A or AA violation that
 * axe-core finds in real headless Chromium: signed in as an admin, with crashes of
 * several kinds, a deploy, GC data, an SLO, an alert rule with a firing alert, a silence,
 * a notification channel with a delivery, and a weekly review of the current week. Every
 * page's first Tab stop is a link that skips to its content.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "panicboard.bootstrap-token=" + AccessibilityBrowserTests.TOKEN)
@Import(TestDatabaseConfiguration.class)
class AccessibilityBrowserTests {

	static final String TOKEN = "accessibility-browser-test-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final List<String> TRACES = List.of("nilmap-basic-go1.23.txt", "nil-pointer.txt",
			"concurrent-map-writes.txt", "race-map-writes.txt", "index-out-of-range.txt", "out-of-memory-huge.txt");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ChromeDriver browser;

	private final String service = "a11y-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<String> violations = new ArrayList<>();

	private List<Long> incidents;

	private long incident;

	private long slo;

	private long rule;

	private long channel;

	@BeforeEach
	void startBrowserWithDataOnEveryPage() throws Exception {
		this.browser = Chromium.start();
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "a11y-admin", "admin", "a long admin password");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		for (int i = 60; i >= 1; i--) {
			gcMinute(now.minus(Duration.ofMinutes(i)), (400 + 2L * i) << 20);
		}
		post("/api/v1/deploys", Map.of("service", this.service, "version", "v1.4.2", "timestamp",
				now.minus(Duration.ofMinutes(30)).toString()));
		for (String trace : TRACES) {
			post("/api/v1/events", Map.of("service", this.service, "environment", "production", "version", "v1.4.2",
					"instance", "pod-a", "text",
					Files.readString(Path.of("src/test/resources/corpus/generated", trace), StandardCharsets.UTF_8)));
		}
		this.incidents = this.jdbc.sql("SELECT id FROM incident WHERE service = ? ORDER BY id")
			.param(this.service)
			.query(Long.class)
			.list();
		this.incident = this.incidents.get(0);
		this.slo = JSON
			.readTree(post("/api/v1/slos",
					Map.of("apiVersion", "openslo/v1", "kind", "SLO", "metadata",
							Map.of("name", this.service + "-crash-free"), "spec",
							Map.of("service", this.service, "indicator",
									Map.of("spec", Map.of("type", "crash_free_time", "environment", "production")),
									"timeWindow", List.of(Map.of("duration", "28d", "isRolling", true)),
									"budgetingMethod", "Timeslices", "objectives", List.of(Map.of("target", 0.999)))))
				.body())
			.get("id")
			.asLong();
		AlertRows alerts = new AlertRows(this.jdbc);
		this.rule = alerts.rule(AlertRows.unique("Nil-map panic rate"), "critical");
		alerts.alert(this.rule, "firing",
				"{\"alertname\":\"Nil-map panic rate\",\"service\":\"" + this.service
						+ "\",\"environment\":\"production\"}",
				4.0, this.incident, now.minus(Duration.ofMinutes(7)), null);
		alerts.silence("[{\"name\":\"service\",\"op\":\"=\",\"value\":\"" + this.service + "\"}]",
				now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(2)), "a11y-admin", "Rolling back v1.4.2");
		String channelName = AlertRows.unique("on-call-webhook");
		this.channel = this.jdbc.sql("""
				INSERT INTO notification_channel (name, type, url, created_at, updated_at)
				VALUES (?, 'webhook', 'http://127.0.0.1:9/', now(), now()) RETURNING id""")
			.param(channelName)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				INSERT INTO notification (channel, status, payload, next_attempt_at, created_at)
				VALUES (?, 'firing', '{"ruleName":"Nil-map panic rate","severity":"critical"}'::jsonb, ?, ?)""")
			.params(channelName, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void everyPageHasNoWcag21AaViolationsInLightAndDarkColourSchemeAndStartsWithASkipLink() {
		for (String scheme : List.of("light", "dark")) {
			this.browser.executeCdpCommand("Emulation.setEmulatedMedia",
					Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
			this.browser.manage().deleteAllCookies();
			audit("/login", scheme);
			signIn();
			auditSignedInPages(scheme);
		}
		assertThat(this.violations)
			.as("WCAG 2.1 A/AA violations found by axe-core, and pages without a working skip link")
			.isEmpty();
	}

	private void auditSignedInPages(String scheme) {
		audit("/", scheme);
		audit("/?range=7d", scheme);
		audit("/incidents", scheme);
		audit("/incidents?service=" + this.service + "&kind=nope", scheme);
		for (long id : this.incidents) {
			audit("/incidents/" + id, scheme);
			this.browser.executeScript("document.querySelectorAll('details').forEach((d) => d.open = true)");
			check("/incidents/" + id + " (every details open)", scheme);
		}
		long occurrence = this.jdbc.sql("SELECT max(id) FROM occurrence WHERE incident_id = ?")
			.param(this.incident)
			.query(Long.class)
			.single();
		audit("/incidents/" + this.incident + "/occurrences/" + occurrence, scheme);
		audit("/analyze", scheme);
		this.browser.executeScript("document.getElementById('text').value = arguments[0]", trace("nil-pointer.txt"));
		submit("form.analyze-form button[type=submit]");
		check("/analyze (result)", scheme);
		audit("/kinds", scheme);
		audit("/kinds/nil_map_write", scheme);
		audit("/services/" + this.service + "?range=1h", scheme);
		audit("/alerts", scheme);
		audit("/alerts/rules", scheme);
		audit("/alerts/rules/new", scheme);
		audit("/alerts/rules/" + this.rule, scheme);
		audit("/alerts/silences", scheme);
		audit("/alerts/notifications", scheme);
		audit("/admin/channels", scheme);
		audit("/admin/channels/" + this.channel, scheme);
		audit("/slos", scheme);
		audit("/slos/" + this.slo, scheme);
		audit("/slos/new", scheme);
		audit("/slos/" + this.slo + "/edit", scheme);
		Instant now = Instant.now();
		String week = String.format("%d-W%02d", now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_BASED_YEAR),
				now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		audit("/reports/weekly?week=" + week, scheme);
		audit("/reports/weekly?week=" + week + "&service=" + this.service, scheme);
		audit("/reports/weekly/decide?incident=" + this.incident + "&week=" + week, scheme);
		audit("/admin/users", scheme);
		audit("/admin/tokens", scheme);
		this.browser.findElement(By.id("token-name")).sendKeys("a11y-" + scheme);
		submit("form[action$='/admin/tokens'] button[type=submit]");
		check("/admin/tokens (created)", scheme);
		audit("/admin/services", scheme);
		audit("/admin/services/" + this.service, scheme);
		audit("/no-such-page", scheme);
		audit("/slos/abc", scheme);
	}

	private void audit(String path, String scheme) {
		this.browser.get("http://localhost:" + this.port + path);
		check(path, scheme);
		checkSkipLink(path, scheme);
	}

	/**
	 * The page's first Tab stop is a link to its content, off screen until it has the
	 * focus (WCAG 2.4.1, which axe checks only in part); following it, the next Tab stop
	 * is the content's first (or the end of the page, if the content has none). A page
	 * that focuses a field of its content on load needs no skip link to get there.
	 */
	private void checkSkipLink(String page, String scheme) {
		if ((Boolean) this.browser
			.executeScript("return document.getElementById('main')?.contains(document.activeElement) ?? false")) {
			return; // the page put the focus into its content itself (the sign-in form's
					// autofocus)
		}
		new Actions(this.browser).sendKeys(Keys.TAB).perform();
		Map<?, ?> first = (Map<?, ?>) this.browser.executeScript(
				"""
						const a = document.activeElement;
						return {skip: a.matches('a.skip-link[href="#main"]'), top: a.getBoundingClientRect().top,
							height: a.getBoundingClientRect().height, target: document.getElementById('main')?.tagName ?? ''};""");
		if (!Boolean.TRUE.equals(first.get("skip")) || ((Number) first.get("top")).doubleValue() < 0
				|| ((Number) first.get("height")).doubleValue() <= 0 || !"MAIN".equals(first.get("target"))) {
			this.violations.add("skip link: first Tab stop on " + page + " (" + scheme + ") is " + first);
			return;
		}
		new Actions(this.browser).sendKeys(Keys.ENTER).sendKeys(Keys.TAB).perform();
		Map<?, ?> next = (Map<?, ?>) this.browser.executeScript(
				"""
						const main = document.getElementById('main');
						const tabbable = [...main.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
							.filter((e) => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0);
						return {hash: location.hash, inMain: main.contains(document.activeElement),
							contentTabbable: tabbable.length};""");
		boolean landed = Boolean.TRUE.equals(next.get("inMain"))
				|| ((Number) next.get("contentTabbable")).intValue() == 0;
		if (!"#main".equals(next.get("hash")) || !landed) {
			this.violations.add("skip link: after it on " + page + " (" + scheme + ") " + next);
		}
	}

	/**
	 * Runs axe on the page shown and keeps what it found, one line a violated node. axe
	 * is injected through ChromeDriver's executeScript, which the pages'
	 * Content-Security-Policy ({@code script-src 'self'}) does not apply to: a run that
	 * could not start would come back errored.
	 */
	private void check(String page, String scheme) {
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until((driver) -> (Boolean) this.browser.executeScript("return document.readyState === 'complete'"));
		Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(this.browser);
		assertThat(results.isErrored()).as(page + ": " + results.getErrorMessage()).isFalse();
		for (Rule violation : results.getViolations()) {
			for (CheckedNode node : violation.getNodes()) {
				this.violations.add(violation.getId() + " [" + violation.getImpact() + "] " + node.getTarget() + " on "
						+ page + " (" + scheme + "): " + node.getFailureSummary().replace('\n', ' '));
			}
		}
	}

	private void signIn() {
		Chromium.signIn(this.browser, this.port, "a11y-admin", "a long admin password");
	}

	/** Clicks and waits until the next page has replaced this one. */
	private void submit(String css) {
		Chromium.clickAndWait(this.browser, css);
	}

	private void gcMinute(Instant minute, long live) {
		this.jdbc
			.sql("""
					INSERT INTO gc_minute (service, environment, instance, minute, cycles, pause_p50_seconds,
						pause_p99_seconds, pause_max_seconds, heap_live_max_bytes, heap_goal_bytes, gc_cpu_percent, goroutines)
					VALUES (?, 'production', 'pod-a', ?, 2, 0.001, 0.002, 0.004, ?, ?, 3, 40)""")
			.params(this.service, minute.atOffset(ZoneOffset.UTC), live, 900L << 20)
			.update();
	}

	private static String trace(String name) {
		try {
			return Files.readString(Path.of("src/test/resources/corpus/generated", name), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return response;
	}

}
