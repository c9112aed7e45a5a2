package io.panicboard.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times on the admin pages: to the minute, in UTC.
 */
final class AdminTimes {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private AdminTimes() {
	}

	/**
	 * Formats a time.
	 * @param time the time, or {@code null}
	 * @return the text, or {@code null} for {@code null}
	 */
	static String format(Instant time) {
		return (time != null) ? FORMAT.format(time) : null;
	}

}
