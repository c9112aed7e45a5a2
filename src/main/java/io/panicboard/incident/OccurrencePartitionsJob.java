package io.panicboard.incident;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the occurrence partition maintenance at startup and then on its schedule, once
 * across replicas.
 */
@Component
class OccurrencePartitionsJob implements ApplicationRunner {

	private final OccurrencePartitions partitions;

	private final Clock clock;

	OccurrencePartitionsJob(OccurrencePartitions partitions, Clock clock) {
		this.partitions = partitions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		maintain();
	}

	@Scheduled(cron = "${panicboard.incident.maintenance-cron:0 7 * * * *}", zone = "UTC")
	@SchedulerLock(name = "occurrence-partitions", lockAtMostFor = "PT10M")
	public void maintain() {
		this.partitions.maintain(this.clock.instant());
	}

}
