package io.panicboard.analysis;

/**
 * Bounds on what one finding may hold; whatever is dropped is flagged in
 * {@link Truncation}.
 *
 * @param maxGoroutines goroutine blocks kept per finding
 * @param maxFramesPerGoroutine frames kept per goroutine or race access
 * @param maxTextBytes characters of clean trace text kept per finding
 * @param maxLineBytes bytes of one input line that are examined; the rest of a longer
 * line is skipped
 */
public record AnalysisLimits(int maxGoroutines, int maxFramesPerGoroutine, int maxTextBytes, int maxLineBytes) {

	/** Limits that fit real crash dumps of large services. */
	public static final AnalysisLimits DEFAULTS = new AnalysisLimits(10_000, 200, 1 << 20, 64 * 1024);

	public AnalysisLimits {
		if (maxGoroutines < 1 || maxFramesPerGoroutine < 1 || maxTextBytes < 1024 || maxLineBytes < 256) {
			throw new IllegalArgumentException("limits too small");
		}
	}

}
