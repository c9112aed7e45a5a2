package io.panicboard;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
class SignInBrowserTests {

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
		TestUsers.ensure(this.jdbc, this.passwordEncoder, "browser-viewer", "viewer", "a long viewer password");
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void wrongPasswordStaysOnSignInWithAMessageAndRightOneSignsIn() {
		this.browser.get("http://localhost:" + this.port + "/incidents");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		signIn("browser-viewer", "not the password");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login?error");
		assertThat(this.browser.findElement(By.cssSelector(".flash.error")).getText()).contains("Wrong user name");
		Chromium.screenshot(this.browser, "sign-in-error");
		signIn("browser-viewer", "a long viewer password");
		Chromium.screenshot(this.browser, "signed-in");
		assertThat(this.browser.getCurrentUrl()).doesNotContain("/login");
		assertThat(this.browser.findElement(By.cssSelector(".account-name")).getText()).isEqualTo("browser-viewer");
	}

	private void signIn(String user, String password) {
		this.browser.findElement(By.id("username")).clear();
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys(password);
		WebElement page = Chromium.root(this.browser);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		// the click returns before the answer replaced the page
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> Chromium.isGone(page));
	}

}
