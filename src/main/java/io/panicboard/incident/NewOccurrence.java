package io.panicboard.incident;

import java.time.Instant;

import io.panicboard.analysis.Finding;

/**
 * A crash or race finding to store as an occurrence.
 *
 * @param service the service that sent it
 * @param environment its environment, e.g. {@code production}
 * @param version the build version, or {@code null}
 * @param instance the instance (pod, host), or {@code null}
 * @param eventId the event's idempotency key, or {@code null}
 * @param occurredAt when it happened (the event's timestamp, clamped)
 * @param receivedAt when panicboard received it
 * @param finding the analysed finding (a crash or a race)
 */
public record NewOccurrence(String service, String environment, String version, String instance, String eventId,
		Instant occurredAt, Instant receivedAt, Finding finding) {
}
