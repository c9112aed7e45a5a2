package io.panicboard.metrics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.panicboard.TestDatabaseConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The application on a random port with a bootstrap token and {@code /metrics} behind a
 * bearer token of its own; the test classes with it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panicboard.bootstrap-token=" + ProtectedMetricsTest.API_TOKEN,
				"panicboard.metrics.bearer-token=" + ProtectedMetricsTest.SCRAPE_TOKEN })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@interface ProtectedMetricsTest {

	String API_TOKEN = "protected-metrics-api-token";

	String SCRAPE_TOKEN = "protected-metrics-scrape-token";

}
