package io.panicboard.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short durations as people write them on the alert pages: {@code 90s}, {@code 5m},
 * {@code 1h}, {@code 7d}, or a number of seconds.
 */
final class Durations {

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|min|h|d)?");

	private Durations() {
	}

	/**
	 * Reads a duration.
	 * @param text the text, e.g. {@code 1h}
	 * @return seconds, or {@code null} when the text is not a duration
	 */
	static Long parseSeconds(String text) {
		Matcher matcher = DURATION.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
		if (!matcher.matches()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "m", "min" -> amount * 60;
			case "h" -> amount * 3600;
			case "d" -> amount * 86400;
			default -> amount;
		};
	}

	/**
	 * Writes a duration in its largest whole unit: {@code 1 h}, {@code 90 min},
	 * {@code 45 s}.
	 * @param seconds the duration
	 * @return the text
	 */
	static String words(long seconds) {
		if (seconds != 0 && seconds % 86400 == 0) {
			return (seconds / 86400) + " d";
		}
		if (seconds != 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + " h";
		}
		if (seconds != 0 && seconds % 60 == 0) {
			return (seconds / 60) + " min";
		}
		return seconds + " s";
	}

	/**
	 * Writes a duration as the input reads it back: {@code 1h}, {@code 5m}, {@code 45s}.
	 * @param seconds the duration
	 * @return the text
	 */
	static String input(long seconds) {
		return words(seconds).replace(" min", "m").replace(" ", "");
	}

}
