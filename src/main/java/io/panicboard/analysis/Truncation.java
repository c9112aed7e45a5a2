package io.panicboard.analysis;

/**
 * What panicboard or the source left out of a finding.
 *
 * @param goroutines goroutines beyond the limit were dropped
 * @param frames frames beyond the per-goroutine limit were dropped
 * @param text the kept trace text was cut at the byte limit
 * @param lines a line of the record was longer than the line limit: it was cut there, and
 * the rest of it was not examined
 * @param incomplete the trace ended before it was complete (the input stopped, or another
 * record started)
 */
public record Truncation(boolean goroutines, boolean frames, boolean text, boolean lines, boolean incomplete) {

	/** Nothing was left out. */
	public static final Truncation NONE = new Truncation(false, false, false, false, false);

	/**
	 * Whether anything was left out.
	 * @return {@code true} if any flag is set
	 */
	public boolean any() {
		return this.goroutines || this.frames || this.text || this.lines || this.incomplete;
	}

}
