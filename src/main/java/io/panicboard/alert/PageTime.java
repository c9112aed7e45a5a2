package io.panicboard.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times on the channel and delivery log pages: to the second, in UTC.
 */
final class PageTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private PageTime() {
	}

	static String format(Instant time) {
		return (time != null) ? FORMAT.format(time) : null;
	}

}
