package io.panicboard.metrics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.panicboard.TestDatabaseConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The application on the shared test PostgreSQL with a bootstrap token, the database
 * gauges refreshed only when a test asks; every metrics test class with it shares one
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
		properties = { "panicboard.bootstrap-token=" + MetricsTest.TOKEN, "panicboard.metrics.refresh-interval=1h" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@interface MetricsTest {

	String TOKEN = "metrics-test-bootstrap-token";

}
