package io.panicboard.memory;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the partition maintenance of gc cycles, memory samples and GC pauses at startup
 * and then on its schedule, once across replicas.
 */
@Component
class GcCyclePartitionsJob implements ApplicationRunner {

	private final GcCyclePartitions partitions;

	private final Clock clock;

	GcCyclePartitionsJob(GcCyclePartitions partitions, Clock clock) {
		this.partitions = partitions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		maintain();
	}

	@Scheduled(cron = "${panicboard.memory.maintenance-cron:0 9 * * * *}", zone = "UTC")
	@SchedulerLock(name = "gc-cycle-partitions", lockAtMostFor = "PT10M")
	public void maintain() {
		this.partitions.maintain(this.clock.instant());
	}

}
