package io.panicboard.incident;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link MuteExpiry} every minute, once across replicas.
 */
@Component
class MuteExpiryJob {

	private final MuteExpiry expiry;

	private final Clock clock;

	MuteExpiryJob(MuteExpiry expiry, Clock clock) {
		this.expiry = expiry;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${panicboard.incident.mute-check-interval:60s}")
	@SchedulerLock(name = "mute-expiry", lockAtMostFor = "PT5M")
	void run() {
		this.expiry.expire(this.clock.instant());
	}

}
