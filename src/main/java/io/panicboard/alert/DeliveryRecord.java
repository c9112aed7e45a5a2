package io.panicboard.alert;

import java.time.Instant;

/**
 * One row of the delivery log: a notification and how its delivery went.
 *
 * @param id the outbox row's id (the {@code X-Panicboard-Delivery} header)
 * @param alertId the alert, or {@code null} for a test notification or a deleted alert
 * @param ruleName the rule's name, from the payload
 * @param severity the severity, from the payload
 * @param channel the channel's name
 * @param status {@code firing} or {@code resolved}
 * @param delivery {@code pending}, {@code sent}, {@code failed} (retrying) or
 * {@code dead}
 * @param attempts the attempts made
 * @param responseStatus the HTTP status of the last answer, or {@code null}
 * @param lastError why the last attempt failed, or {@code null}
 * @param createdAt when the notification was queued
 * @param sentAt when it was delivered, or {@code null}
 * @param nextAttemptAt when it is tried next (meaningful while pending or failed)
 */
record DeliveryRecord(long id, Long alertId, String ruleName, String severity, String channel, String status,
		String delivery, int attempts, Integer responseStatus, String lastError, Instant createdAt, Instant sentAt,
		Instant nextAttemptAt) {
}
