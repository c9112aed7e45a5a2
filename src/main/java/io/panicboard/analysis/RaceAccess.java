package io.panicboard.analysis;

import java.util.List;

/**
 * One memory access of a race-detector report.
 *
 * @param operation {@code read} or {@code write} (with {@code atomic } in front when the
 * report says so)
 * @param previous whether the report calls it the previous access
 * @param address the address, or {@code null} in the old format without one
 * @param goroutineId the accessing goroutine, or {@code null} for the main goroutine
 * @param frames the access stack, innermost first
 */
public record RaceAccess(String operation, boolean previous, String address, Long goroutineId, List<Frame> frames) {

	public RaceAccess {
		frames = List.copyOf(frames);
	}

	/**
	 * Whether the access was made by the main goroutine.
	 * @return {@code true} for {@code by main goroutine}
	 */
	public boolean mainGoroutine() {
		return this.goroutineId == null;
	}

}
