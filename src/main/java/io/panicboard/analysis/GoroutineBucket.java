package io.panicboard.analysis;

import java.util.List;

/**
 * Goroutines with identical stacks, collapsed for display.
 *
 * @param state the shared state
 * @param frames the shared frames
 * @param createdBy the shared {@code created by} frame, or {@code null}
 * @param goroutineIds the ids of the goroutines in this bucket, in order of appearance
 */
public record GoroutineBucket(String state, List<Frame> frames, Frame createdBy, List<Long> goroutineIds) {

	public GoroutineBucket {
		frames = List.copyOf(frames);
		goroutineIds = List.copyOf(goroutineIds);
	}

	/**
	 * How many goroutines share this stack.
	 * @return the count
	 */
	public int count() {
		return this.goroutineIds.size();
	}

}
