package io.panicboard.incident;

import java.util.List;

/**
 * A trace as the viewer ({@code fragments/trace.html}) draws it: the crashing goroutine
 * first, the other goroutines bucketed by identical stacks, and for a race the two
 * accesses with the stacks that created their goroutines.
 *
 * @param crashing the goroutine that failed, or {@code null} (races)
 * @param others the other goroutines, identical stacks collapsed
 * @param otherGoroutines how many goroutines the buckets hold
 * @param race the race report, or {@code null}
 * @param truncated whether the analysis left goroutines or frames out
 */
record TraceView(GoroutineView crashing, List<BucketView> others, int otherGoroutines, RaceView race,
		boolean truncated) {

	/**
	 * One goroutine block.
	 *
	 * @param id the goroutine id
	 * @param state e.g. {@code running}, {@code chan receive}
	 * @param waitMinutes how long it had been blocked, 0 when not printed
	 * @param lockedToThread whether it was locked to its thread
	 * @param runs its frames, innermost first, in runs
	 * @param createdBy the {@code created by} frame, or {@code null}
	 * @param createdByGoroutine the creating goroutine, or {@code null}
	 * @param elidedFrames frames the runtime left out, -1 for an unknown number
	 * @param framesTruncated whether panicboard dropped frames beyond its limit
	 */
	record GoroutineView(long id, String state, int waitMinutes, boolean lockedToThread, List<FrameRun> runs,
			FrameView createdBy, Long createdByGoroutine, long elidedFrames, boolean framesTruncated) {

	}

	/**
	 * Goroutines with the same stack.
	 *
	 * @param count how many
	 * @param state their state
	 * @param ids the first few goroutine ids
	 * @param moreIds whether more ids exist than listed
	 * @param runs the shared frames in runs
	 * @param createdBy the shared {@code created by} frame, or {@code null}
	 */
	record BucketView(int count, String state, List<Long> ids, boolean moreIds, List<FrameRun> runs,
			FrameView createdBy) {

	}

	/**
	 * Consecutive frames: a run of runtime and standard library frames is collapsed when
	 * the stack has frames of its own code to look at.
	 *
	 * @param collapsed whether to draw the run folded
	 * @param frames the frames
	 */
	record FrameRun(boolean collapsed, List<FrameView> frames) {

	}

	/**
	 * One frame.
	 *
	 * @param function the function as printed
	 * @param location {@code file:line}, or {@code null}
	 * @param link a source link, or {@code null}
	 * @param origin the CSS class of its origin: {@code app}, {@code third-party},
	 * {@code std} or {@code runtime}
	 * @param inlined whether the compiler inlined it
	 */
	record FrameView(String function, String location, String link, String origin, boolean inlined) {

	}

	/**
	 * A race report.
	 *
	 * @param accesses the accesses in printed order
	 * @param foundRaces the N of {@code Found N data race(s)}, or {@code null}
	 * @param detectedInTest whether {@code go test} reported it
	 */
	record RaceView(List<AccessView> accesses, Integer foundRaces, boolean detectedInTest) {

	}

	/**
	 * One access of a race.
	 *
	 * @param operation {@code read}, {@code write}, {@code atomic write}…
	 * @param previous whether the report calls it the previous access
	 * @param address the address, or {@code null}
	 * @param goroutineId the goroutine, {@code null} for the main goroutine
	 * @param runs its stack in runs
	 * @param creation where its goroutine was created, or {@code null}
	 */
	record AccessView(String operation, boolean previous, String address, Long goroutineId, List<FrameRun> runs,
			CreationView creation) {

	}

	/**
	 * Where a racing goroutine was created.
	 *
	 * @param goroutineId the goroutine
	 * @param state {@code running} or {@code finished}
	 * @param runs the creating stack in runs
	 */
	record CreationView(long goroutineId, String state, List<FrameRun> runs) {

	}

}
