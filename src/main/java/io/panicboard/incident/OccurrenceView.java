package io.panicboard.incident;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A stored occurrence: where and when it happened, its trace text and the finding as
 * stored (without its text; its {@code crashingGoroutine} written out by
 * {@link CrashingGoroutines}).
 */
record OccurrenceView(long id, long incidentId, String fingerprint, Instant receivedAt, Instant occurredAt,
		String version, String instance, String eventId, String text, @JsonRawValue String finding) {

	OccurrenceView withFinding(String newFinding) {
		return new OccurrenceView(this.id, this.incidentId, this.fingerprint, this.receivedAt, this.occurredAt,
				this.version, this.instance, this.eventId, this.text, newFinding);
	}

}
