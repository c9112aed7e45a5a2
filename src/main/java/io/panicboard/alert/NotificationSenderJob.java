package io.panicboard.alert;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link NotificationSender} every second
 * ({@code panicboard.alerts.sender.interval}) on every replica: rows are claimed with
 * {@code SKIP LOCKED}, so replicas share the work and never send the same row twice. Off
 * with {@code panicboard.alerts.sender.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "panicboard.alerts.sender.enabled", matchIfMissing = true)
class NotificationSenderJob {

	private static final Log logger = LogFactory.getLog(NotificationSenderJob.class);

	private final NotificationSender sender;

	private final Clock clock;

	NotificationSenderJob(NotificationSender sender, Clock clock) {
		this.sender = sender;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${panicboard.alerts.sender.interval:1s}",
			initialDelayString = "${panicboard.alerts.sender.interval:1s}")
	void run() {
		try {
			this.sender.sendDue(this.clock.instant());
		}
		catch (DataAccessException ex) {
			// the rows stay in the outbox; the next run tries again
			logger.warn("Could not pick up due notifications: " + ex.getMessage());
		}
	}

}
