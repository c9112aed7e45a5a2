package io.panicboard.incident;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.panicboard.analysis.Goroutine;

/**
 * A goroutine block as the API writes it: a finding's {@code crashingGoroutine} in
 * {@code /api/v1/analyze} and in the occurrences of an incident, and each of
 * {@code goroutines}.
 *
 * @param id the goroutine id
 * @param state its state ({@code running}, {@code chan receive}, …)
 * @param waitMinutes the minutes it has waited, 0 when not printed
 * @param lockedToThread whether it is locked to its thread
 * @param frames its frames, innermost first
 * @param createdBy the {@code created by} frame, or {@code null}
 * @param createdByGoroutine the goroutine that created it, or {@code null}
 * @param elidedFrames frames the runtime left out
 * @param framesTruncated whether the analysis kept only some of the frames
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoroutineJson(long id, String state, int waitMinutes, boolean lockedToThread, List<FrameJson> frames,
		FrameJson createdBy, Long createdByGoroutine, long elidedFrames, boolean framesTruncated) {

	/**
	 * Maps a goroutine.
	 * @param goroutine the goroutine, or {@code null}
	 * @return its JSON view, or {@code null}
	 */
	public static GoroutineJson of(Goroutine goroutine) {
		if (goroutine == null) {
			return null;
		}
		return new GoroutineJson(goroutine.id(), goroutine.state(), goroutine.waitMinutes(), goroutine.lockedToThread(),
				FrameJson.ofAll(goroutine.frames()), FrameJson.of(goroutine.createdBy()),
				goroutine.createdByGoroutine(), goroutine.elidedFrames(), goroutine.framesTruncated());
	}

}
