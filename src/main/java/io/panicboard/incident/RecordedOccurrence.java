package io.panicboard.incident;

/**
 * Where an occurrence was stored.
 *
 * @param incidentId the incident it was grouped into
 * @param newIncident whether that incident was opened by it
 * @param regression whether it reopened a resolved incident
 */
public record RecordedOccurrence(long incidentId, boolean newIncident, boolean regression) {
}
