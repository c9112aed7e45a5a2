package io.panicboard.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A point in time as a page shows it: relative ("5 min ago", a message key with its
 * amount) with the absolute time for a tooltip and the machine-readable one for
 * {@code <time datetime>}.
 *
 * @param key the message key of the relative text
 * @param amount the amount the message shows
 * @param iso the RFC 3339 time
 * @param absolute the time in the pages' zone with the zone's name, e.g.
 * {@code 2026-11-21 10:15:30 UTC}
 */
record TimeAgo(String key, long amount, String iso, String absolute) {

	private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	/**
	 * A time as a page shows it.
	 * @param at the time, or {@code null}
	 * @param now the current time
	 * @param zone the zone pages show times in ({@code panicboard.pages.zone})
	 * @return the time, or {@code null} for {@code null}
	 */
	static TimeAgo of(Instant at, Instant now, ZoneId zone) {
		if (at == null) {
			return null;
		}
		Duration ago = Duration.between(at, now);
		String iso = at.toString();
		String absolute = ABSOLUTE.withZone(zone).format(at) + " " + zone.getId();
		if (ago.toSeconds() < 60) {
			// a timestamp up to a few minutes ahead (clock skew) is "just now" as well
			return new TimeAgo("time.justNow", 0, iso, absolute);
		}
		if (ago.toMinutes() < 60) {
			return new TimeAgo("time.minutesAgo", ago.toMinutes(), iso, absolute);
		}
		if (ago.toHours() < 48) {
			return new TimeAgo("time.hoursAgo", ago.toHours(), iso, absolute);
		}
		return new TimeAgo("time.daysAgo", ago.toDays(), iso, absolute);
	}

}
