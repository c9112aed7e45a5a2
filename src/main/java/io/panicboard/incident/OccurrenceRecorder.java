package io.panicboard.incident;

import java.time.Duration;
import java.util.List;

/**
 * Stores occurrences and groups them into incidents, with one aggregated upsert per
 * incident and per hourly bucket for the whole batch. Must be called inside the caller's
 * transaction, so that a batch is acknowledged only after it committed.
 */
public interface OccurrenceRecorder {

	/**
	 * How long the per-minute counts of occurrences by receipt ({@code incident_minute})
	 * are kept: the alert rules on occurrences read them, so no rule window may be
	 * longer.
	 */
	Duration MINUTE_COUNTS_KEPT = Duration.ofDays(7);

	/**
	 * Stores a batch.
	 * @param occurrences the occurrences, in any order
	 * @return where each was stored, in the order given
	 */
	List<RecordedOccurrence> record(List<NewOccurrence> occurrences);

}
