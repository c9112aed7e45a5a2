package io.panicboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.panicboard.Chromium;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

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
 * The alert pages in real headless Chromium: an admin creates a rule, finds it listed,
 * silences a firing alert from the alerts page, and sees it marked silenced. Screenshots
 * go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class AlertPagesBrowserTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ChromeDriver browser;

	@BeforeEach
	void startBrowser() {
		this.browser = Chromium.start();
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "browser-alert-admin", "admin", "a long admin password");
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void createsARuleAndSilencesAFiringAlert() {
		AlertRows rows = new AlertRows(this.jdbc);
		String service = AlertRows.unique("storefront");
		long seededRule = rows.rule(AlertRows.unique("Nil-map panic rate"), "critical");
		long alert = rows.alert(seededRule, "firing",
				"{\"alertname\":\"Nil-map panic rate\",\"service\":\"" + service
						+ "\",\"environment\":\"production\",\"note\":\"" + SCRIPT.replace("/", "\\/") + "\"}",
				4.0, null, Instant.now().minus(Duration.ofMinutes(7)), null);
		signIn();

		open("/alerts/rules/new");
		String name = AlertRows.unique("Checkout nil maps");
		this.browser.findElement(By.id("rule-name")).sendKeys(name);
		new Select(this.browser.findElement(By.id("rule-severity"))).selectByValue("high");
		new Select(this.browser.findElement(By.id("rule-type"))).selectByValue("count_in_window");
		this.browser.findElement(By.id("rule-threshold")).sendKeys("3");
		WebElement window = this.browser.findElement(By.id("rule-window"));
		window.clear();
		window.sendKeys("1h");
		this.browser.findElement(By.id("rule-services")).sendKeys("checkout");
		click("form.rule-form button[type=submit]");
		assertThat(this.browser.getCurrentUrl()).endsWith("/alerts/rules");
		assertThat(this.browser.findElement(By.cssSelector(".flash.success")).getText()).contains(name);
		WebElement listed = this.browser.findElement(By.xpath("//tr[td/a[text()='" + name + "']]"));
		assertThat(listed.getText()).contains("≥ 3 in 1 h", "nil_map_write · production · checkout", "enabled");
		Chromium.screenshot(this.browser, "alert-rules");

		open("/alerts");
		WebElement row = this.browser.findElement(By.id("alert-" + alert));
		assertThat(row.getText()).contains(service, SCRIPT, "7 min ago");
		assertNoScriptRan();
		Chromium.screenshot(this.browser, "alerts-firing");

		click("#alert-" + alert + " a.button");
		assertThat(this.browser.getCurrentUrl()).contains("/alerts/silences?alert=" + alert);
		assertThat(this.browser.findElement(By.id("matcher-name-2")).getAttribute("value")).isEqualTo("note");
		// keep service and environment; clear the other rows
		for (int i : List.of(0, 2)) {
			this.browser.findElement(By.id("matcher-name-" + i)).clear();
			this.browser.findElement(By.id("matcher-value-" + i)).clear();
		}
		new Select(this.browser.findElement(By.id("matcher-op-3"))).selectByValue("=~");
		this.browser.findElement(By.cssSelector("input[name=duration][value='4h']")).click();
		this.browser.findElement(By.id("silence-comment")).sendKeys("Rolling back storefront v2");
		click("form.silence-form button[type=submit]");
		assertThat(this.browser.getCurrentUrl()).endsWith("/alerts/silences");
		assertThat(this.browser.findElement(By.cssSelector(".flash.success")).getText()).contains("Created silence");
		String active = this.browser.findElement(By.id("active")).getText();
		assertThat(active).contains("service=~\"" + service + "\"", "environment=\"production\"",
				"Rolling back storefront v2", "browser-alert-admin");
		Chromium.screenshot(this.browser, "alert-silences");

		open("/alerts");
		assertThat(this.browser.findElement(By.id("alert-" + alert)).getText()).contains("silenced");
		Chromium.screenshot(this.browser, "alerts-silenced");
	}

	private void assertNoScriptRan() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
	}

	private void signIn() {
		Chromium.signIn(this.browser, this.port, "browser-alert-admin", "a long admin password");
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	/** Clicks and waits until the next page has replaced this one. */
	private void click(String css) {
		Chromium.clickAndWait(this.browser, css);
	}

}
