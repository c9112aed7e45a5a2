package io.panicboard.ingest;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link EventIdRetention} once a day, once across replicas.
 */
@Component
class EventIdRetentionJob {

	private final EventIdRetention retention;

	private final Clock clock;

	EventIdRetentionJob(EventIdRetention retention, Clock clock) {
		this.retention = retention;
		this.clock = clock;
	}

	@Scheduled(cron = "${panicboard.ingest.event-id-retention-cron:0 17 3 * * *}", zone = "UTC")
	@SchedulerLock(name = "event-id-retention", lockAtMostFor = "PT30M")
	void run() {
		this.retention.forget(this.clock.instant());
	}

}
