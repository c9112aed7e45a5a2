package io.panicboard.system;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of an event's own time are one setting for ingestion and for the pages and
 * rollups that rely on them.
 */
class EventTimeLimitsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(ClockConfiguration.class);

	@Test
	void defaultsToFiveMinutesAheadAndThirtyDaysBehind() {
		this.context.run((context) -> assertThat(context.getBean(EventTimeLimits.class))
			.isEqualTo(new EventTimeLimits(Duration.ofMinutes(5), Duration.ofDays(30))));
	}

	@Test
	void readsTheIngestSettings() {
		this.context
			.withPropertyValues("panicboard.ingest.timestamp-future=2m", "panicboard.ingest.timestamp-past=7d",
					"panicboard.ingest.max-batch-items=10")
			.run((context) -> {
				EventTimeLimits limits = context.getBean(EventTimeLimits.class);
				assertThat(limits.timestampPast()).isEqualTo(Duration.ofDays(7));
				assertThat(limits.earliestReceiptOf(Instant.parse("2026-11-23T10:00:00Z")))
					.isEqualTo(Instant.parse("2026-11-23T09:58:00Z"));
			});
	}

	@Test
	void refusesToStartWithANegativeBound() {
		this.context.withPropertyValues("panicboard.ingest.timestamp-future=-1m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must not be negative"));
	}

}
