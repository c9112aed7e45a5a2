package io.panicboard.ingest;

import java.time.Instant;
import java.util.List;

import io.panicboard.analysis.Finding;

/**
 * One event's findings, validated and ready for the batched writer.
 *
 * @param service the service
 * @param environment the environment
 * @param version the build version, or {@code null}
 * @param instance the instance, or {@code null}
 * @param eventId the idempotency key, or {@code null}
 * @param occurredAt when it happened
 * @param findings what the analyzer found in its text (possibly none)
 */
record IngestItem(String service, String environment, String version, String instance, String eventId,
		Instant occurredAt, List<Finding> findings) {

	IngestItem {
		findings = List.copyOf(findings);
	}

}
