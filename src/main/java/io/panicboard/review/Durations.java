package io.panicboard.review;

/**
 * Durations and changes as the report shows them.
 */
final class Durations {

	private Durations() {
	}

	/**
	 * A duration in seconds as {@code 45s}, {@code 12m}, {@code 3h 20m} or {@code 2d 4h}.
	 * @param seconds the duration, or {@code null}
	 * @return the text, {@code –} for {@code null}
	 */
	static String format(Double seconds) {
		if (seconds == null) {
			return "–";
		}
		long s = Math.round(seconds);
		if (s < 60) {
			return s + "s";
		}
		long m = s / 60;
		if (m < 60) {
			return m + "m";
		}
		long h = m / 60;
		if (h < 24) {
			return h + "h" + ((m % 60 != 0) ? " " + (m % 60) + "m" : "");
		}
		return (h / 24) + "d" + ((h % 24 != 0) ? " " + (h % 24) + "h" : "");
	}

	static String format(Long seconds) {
		return format((seconds != null) ? seconds.doubleValue() : null);
	}

	/**
	 * A change as {@code +3}, {@code −2} or {@code ±0}.
	 */
	static String change(long current, long previous) {
		long d = current - previous;
		return (d > 0) ? "+" + d : (d < 0) ? "−" + (-d) : "±0";
	}

	/**
	 * A change of durations, e.g. {@code +1h 5m}; {@code –} when either is missing.
	 */
	static String change(Double current, Double previous) {
		if (current == null || previous == null) {
			return "–";
		}
		double d = current - previous;
		if (Math.round(d) == 0) {
			return "±0";
		}
		return ((d > 0) ? "+" : "−") + format(Math.abs(d));
	}

}
