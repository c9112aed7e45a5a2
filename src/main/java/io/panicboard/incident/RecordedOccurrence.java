package io.panicboard.incident;

/**
 * Where an occurrence was stored.
 *
 * @param incidentId the incident it was grouped into
 * @param newIncident whether that incident was opened by the batch this occurrence was
 * recorded in (every occurrence of the batch in that incident says so)
 * @param regression whether it is the occurrence that reopened a resolved incident
 */
public record RecordedOccurrence(long incidentId, boolean newIncident, boolean regression) {
}
