package io.panicboard.incident;

import java.util.List;

/**
 * Stores occurrences and groups them into incidents, with one aggregated upsert per
 * incident and per hourly bucket for the whole batch. Must be called inside the caller's
 * transaction, so that a batch is acknowledged only after it committed.
 */
public interface OccurrenceRecorder {

	/**
	 * Stores a batch.
	 * @param occurrences the occurrences, in any order
	 * @return where each was stored, in the order given
	 */
	List<RecordedOccurrence> record(List<NewOccurrence> occurrences);

}
