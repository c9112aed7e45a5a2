package io.panicboard.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses RFC 3339 date-times ({@code date-time} of its section 5.6) exactly: seconds are
 * required, the offset is {@code Z} or {@code ±hh:mm}, {@code T} and {@code Z} may be
 * lower case. Differences from {@link OffsetDateTime#parse}: a fraction may have any
 * number of digits (truncated to nanoseconds); a time without seconds is invalid; a leap
 * second ({@code 23:59:60Z}, or that moment with an offset: only at the end of a UTC day)
 * is read as the next second, {@code 00:00:00Z} of the next day ({@link Instant} has no
 * leap seconds; this keeps it after every {@code 23:59:59.x} and survives PostgreSQL's
 * microseconds unchanged).
 */
final class Rfc3339 {

	private static final Pattern DATE_TIME = Pattern.compile(
			"(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

	private static final int NANO_DIGITS = 9;

	private Rfc3339() {
	}

	/**
	 * Parses a date-time.
	 * @param text the text
	 * @return the instant
	 * @throws DateTimeException when it is not an RFC 3339 date-time
	 */
	static Instant parse(String text) {
		Matcher m = DATE_TIME.matcher(text);
		if (!m.matches()) {
			throw new DateTimeException("Not an RFC 3339 date-time: " + text);
		}
		LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
		ZoneOffset offset = (m.group(8) != null) ? ZoneOffset.UTC : offset(m.group(9), number(m, 10), number(m, 11));
		boolean leap = number(m, 6) == 60;
		LocalTime time = LocalTime.of(number(m, 4), number(m, 5), leap ? 59 : number(m, 6), nanos(m.group(7)));
		Instant instant = OffsetDateTime.of(date, time, offset).toInstant();
		if (!leap) {
			return instant;
		}
		Instant next = instant.plusSeconds(1);
		if (next.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() != 0) {
			throw new DateTimeException("A leap second lies at the end of a UTC day: " + text);
		}
		return next;
	}

	private static int number(Matcher m, int group) {
		return Integer.parseInt(m.group(group));
	}

	private static int nanos(String fraction) {
		if (fraction == null) {
			return 0;
		}
		String digits = (fraction.length() > NANO_DIGITS) ? fraction.substring(0, NANO_DIGITS)
				: fraction + "0".repeat(NANO_DIGITS - fraction.length());
		return Integer.parseInt(digits);
	}

	private static ZoneOffset offset(String sign, int hours, int minutes) {
		return sign.equals("-") ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
				: ZoneOffset.ofHoursMinutes(hours, minutes);
	}

}
