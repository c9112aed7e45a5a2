package io.panicboard.memory;

import java.time.Instant;
import java.util.List;

/**
 * Stores gc cycles in bulk; must be called inside the caller's transaction.
 */
public interface GcCycleRecorder {

	/**
	 * Stores a batch.
	 * @param cycles the cycles
	 */
	void record(List<NewGcCycle> cycles);

	/**
	 * Rolls up the gc cycles received in a past range into the per-minute rows the pages
	 * read, for cycles stored with receipt times older than the scheduled rollup's window
	 * (it recomputes only that window), such as the demo's two weeks of history.
	 * @param from the first minute (inclusive)
	 * @param to the end (exclusive)
	 * @return the rows written
	 */
	int rollUpReceivedBetween(Instant from, Instant to);

}
