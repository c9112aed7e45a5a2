package io.panicboard.memory;

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

}
