package io.panicboard.analysis;

import java.util.List;

/**
 * One goroutine block of a traceback.
 *
 * @param id the goroutine id
 * @param state the wait reason or status, e.g. {@code running} or {@code chan receive}
 * @param waitMinutes how long it had been blocked, 0 when not printed
 * @param lockedToThread whether the header says {@code locked to thread}
 * @param frames the frames, innermost first
 * @param createdBy the {@code created by} frame, or {@code null}
 * @param createdByGoroutine the creating goroutine id (Go 1.21+), or {@code null}
 * @param elidedFrames frames the runtime left out ({@code ...N frames elided...}); -1
 * when it printed {@code ...additional frames elided...} without a count
 * @param framesTruncated whether panicboard dropped frames beyond its limit
 */
public record Goroutine(long id, String state, int waitMinutes, boolean lockedToThread, List<Frame> frames,
		Frame createdBy, Long createdByGoroutine, long elidedFrames, boolean framesTruncated) {

	public Goroutine {
		frames = List.copyOf(frames);
	}

}
