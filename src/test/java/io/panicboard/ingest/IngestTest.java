package io.panicboard.ingest;

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
 * The application on the shared test PostgreSQL with small limits, a clock the test
 * controls and a data source the test can take down; every ingestion test class with it
 * shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "panicboard.ingest.max-events-body-size=256KB",
		"panicboard.ingest.max-event-text-size=64KB", "panicboard.ingest.max-events-per-request=50",
		"panicboard.ingest.max-logs-body-size=1MB", "panicboard.ingest.tail-flush-interval=1h",
		"panicboard.ingest.retry-after=3s", "spring.datasource.hikari.connection-timeout=2000" })
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, IngestTestConfiguration.class })
@interface IngestTest {

}
