package io.panicboard.analysis;

/**
 * The clean text of a record, cut at a limit.
 */
final class TraceText {

	private final StringBuilder text = new StringBuilder();

	private final int max;

	private boolean truncated;

	TraceText(int max) {
		this.max = max;
	}

	void append(String line) {
		if (this.truncated) {
			return;
		}
		if (this.text.length() + line.length() + 1 > this.max) {
			this.truncated = true;
			return;
		}
		this.text.append(line).append('\n');
	}

	boolean truncated() {
		return this.truncated;
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
