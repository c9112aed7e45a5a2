package io.panicboard.memory;

import java.time.Instant;
import java.util.List;

/**
 * The heap of a service minute by minute, from the GC minute rollups: what other modules
 * (the incident page's out-of-memory trend) read of memory.
 */
public interface HeapTrends {

	/**
	 * The minutes of a service's environment that have heap figures, oldest first.
	 * @param service the service
	 * @param environment the environment
	 * @param instance an instance whose own heap to return as well, or {@code null}
	 * @param from the first minute (inclusive)
	 * @param to the end (exclusive)
	 * @return one point per minute with data
	 */
	List<HeapMinute> heapMinutes(String service, String environment, String instance, Instant from, Instant to);

	/**
	 * One minute of a service's heap.
	 *
	 * @param minute the minute
	 * @param heapLiveBytes the largest live heap of any instance, or {@code null}
	 * @param heapGoalBytes the largest heap goal of any instance, or {@code null}
	 * @param instanceHeapLiveBytes the live heap of the requested instance, or
	 * {@code null}
	 * @param instanceHeapGoalBytes the heap goal of the requested instance, or
	 * {@code null}
	 */
	record HeapMinute(Instant minute, Long heapLiveBytes, Long heapGoalBytes, Long instanceHeapLiveBytes,
			Long instanceHeapGoalBytes) {

	}

}
