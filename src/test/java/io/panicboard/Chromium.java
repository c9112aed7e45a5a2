package io.panicboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real headless Chromium for browser tests: Debian's {@code /usr/bin/chromium} driven by
 * its {@code /usr/bin/chromedriver} (both overridable with {@code -Dchromium.binary} and
 * {@code -Dchromium.driver}). Tests using it are skipped, with a message saying why,
 * where Chromium is not installed; {@code .ci/run} installs it.
 */
public final class Chromium {

	private static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");

	private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	/**
	 * Starts a headless Chromium with a fresh profile, or skips the calling test when
	 * Chromium or ChromeDriver is missing.
	 * @return the driver; quit it when done
	 */
	public static ChromeDriver start() {
		assumeTrue(Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path
			.of(DRIVER)), () -> "Browser test skipped: Chromium (" + BINARY + ") or ChromeDriver (" + DRIVER
					+ ") is not installed; install Debian's chromium and chromium-driver packages, as .ci/run does");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + tempProfile());
		// the console, for tests that check a page logs no error
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/**
	 * The root element of the page shown, waiting up to 20 s for one: once in a CI run,
	 * ChromeDriver found no {@code html} element right after typing into a textarea of a
	 * loaded page.
	 * @param driver the browser
	 * @return the page's {@code html} element
	 */
	public static org.openqa.selenium.WebElement root(ChromeDriver driver) {
		return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
			.until((d) -> d.findElements(org.openqa.selenium.By.tagName("html")).stream().findFirst().orElse(null));
	}

	/**
	 * Clicks an element and waits until the next page has replaced this one.
	 * @param driver the browser
	 * @param css the element's CSS selector
	 */
	public static void clickAndWait(ChromeDriver driver, String css) {
		org.openqa.selenium.WebElement page = root(driver);
		driver.findElement(org.openqa.selenium.By.cssSelector(css)).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20)).until((d) -> isGone(page));
	}

	/**
	 * Signs in through the sign-in form and checks that it was accepted.
	 * @param driver the browser
	 * @param port the application's port on localhost
	 * @param username the user
	 * @param password the password
	 */
	public static void signIn(ChromeDriver driver, int port, String username, String password) {
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
		driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
		clickAndWait(driver, "form button[type=submit]");
		org.assertj.core.api.Assertions.assertThat(driver.getCurrentUrl()).as("signed in").doesNotContain("/login");
	}

	/**
	 * Whether an element's page has been replaced: ChromeDriver reports a node of the old
	 * document either as stale or, while the new one loads, as "does not belong to the
	 * document".
	 * @param element an element of the old page
	 * @return {@code true} once it is gone
	 */
	public static boolean isGone(org.openqa.selenium.WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return true;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * Records the Content-Security-Policy violations of every page the browser opens from
	 * now on, for {@link #problems}: a listener added before any script of the page runs.
	 * @param driver the browser
	 */
	public static void watchContentSecurityPolicy(ChromeDriver driver) {
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.cspViolations = [];
				document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(
					e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
				"""));
	}

	/**
	 * What went wrong on the page shown: the errors its console logged since the last
	 * call (failed loads, script errors, refused inline code) and its
	 * Content-Security-Policy violations (see {@link #watchContentSecurityPolicy}).
	 * @param driver the browser
	 * @return the problems, none when all is well
	 */
	public static List<String> problems(ChromeDriver driver) {
		List<String> problems = new ArrayList<>();
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
				problems.add(entry.getLevel() + " " + entry.getMessage());
			}
		}
		Object violations = driver.executeScript("return window.cspViolations || ['no CSP listener']");
		if (violations instanceof List<?> list) {
			list.forEach((violation) -> problems.add("CSP " + violation));
		}
		return problems;
	}

	/**
	 * Saves a screenshot under {@code target/screenshots}.
	 * @param driver the browser
	 * @param name the file name without extension
	 */
	public static void screenshot(ChromeDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not save screenshot " + name, ex);
		}
	}

	private static String tempProfile() {
		try {
			Path profile = Files.createTempDirectory("panicboard-chromium");
			// Chromium fills the profile, so deleteOnExit (empty directories only) would
			// leave it
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(profile)));
			return profile.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteQuietly(Path profile) {
		try {
			FileSystemUtils.deleteRecursively(profile);
		}
		catch (IOException ex) {
			// a leftover temporary directory is not worth failing the build for
		}
	}

}
