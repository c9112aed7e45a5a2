package io.panicboard.review;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the weekly review's summary on schedule
 * ({@code panicboard.review.delivery.cron}, default Monday 09:00 in
 * {@code panicboard.pages.zone}), once across replicas; does nothing unless a webhook or
 * Slack URL is configured.
 */
@Component
class ReviewDeliveryJob {

	private final ReviewDelivery delivery;

	private final ReviewProperties properties;

	private final Clock clock;

	ReviewDeliveryJob(ReviewDelivery delivery, ReviewProperties properties, Clock clock) {
		this.delivery = delivery;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${panicboard.review.delivery.cron:0 0 9 * * MON}", zone = "${panicboard.pages.zone:UTC}")
	@SchedulerLock(name = "review-delivery", lockAtMostFor = "PT10M", lockAtLeastFor = "PT1M")
	void deliver() {
		this.delivery.send(this.properties.delivery(), this.clock.instant());
	}

}
