package io.panicboard.slo;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the SLO rollup every minute and deletes expired rollups daily, each once across
 * replicas.
 */
@Component
class SloRollupJob {

	private final SloRollup rollup;

	private final Clock clock;

	SloRollupJob(SloRollup rollup, Clock clock) {
		this.rollup = rollup;
		this.clock = clock;
	}

	@Scheduled(cron = "${panicboard.slo.rollup-cron:40 * * * * *}", zone = "UTC")
	@SchedulerLock(name = "slo-rollup", lockAtMostFor = "PT5M")
	public void rollUp() {
		this.rollup.rollUp(this.clock.instant());
	}

	@Scheduled(cron = "${panicboard.slo.retention-cron:0 23 3 * * *}", zone = "UTC")
	@SchedulerLock(name = "slo-retention", lockAtMostFor = "PT30M")
	public void deleteExpired() {
		this.rollup.deleteExpired(this.clock.instant());
	}

}
