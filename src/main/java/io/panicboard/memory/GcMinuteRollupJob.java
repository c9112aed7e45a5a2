package io.panicboard.memory;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the minute rollup every minute and deletes expired rollups daily, each once across
 * replicas.
 */
@Component
class GcMinuteRollupJob {

	private final GcMinuteRollup rollup;

	private final Clock clock;

	GcMinuteRollupJob(GcMinuteRollup rollup, Clock clock) {
		this.rollup = rollup;
		this.clock = clock;
	}

	@Scheduled(cron = "${panicboard.memory.rollup-cron:20 * * * * *}", zone = "UTC")
	@SchedulerLock(name = "gc-minute-rollup", lockAtMostFor = "PT5M")
	public void rollUp() {
		this.rollup.rollUp(this.clock.instant());
	}

	@Scheduled(cron = "${panicboard.memory.rollup-retention-cron:0 17 3 * * *}", zone = "UTC")
	@SchedulerLock(name = "gc-minute-retention", lockAtMostFor = "PT30M")
	public void deleteExpired() {
		this.rollup.deleteExpired(this.clock.instant());
	}

}
