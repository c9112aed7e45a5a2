package io.panicboard.ingest;

import java.util.List;

import io.panicboard.incident.RecordedOccurrence;

/**
 * What the batched writer answers for one request once its batch committed.
 *
 * @param accepted events stored
 * @param duplicates events already stored before (same service and event id)
 * @param findings findings in the accepted events
 * @param occurrences where each crash or race occurrence was stored
 */
record IngestOutcome(int accepted, int duplicates, int findings, List<RecordedOccurrence> occurrences) {

	IngestOutcome {
		occurrences = List.copyOf(occurrences);
	}

}
