package io.panicboard.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week (Monday to Sunday) in a time zone: from Monday 00:00 to the next Monday
 * 00:00 local time, which is 167 or 169 hours long across a daylight-saving change.
 *
 * @param monday the Monday that starts the week
 * @param zone the zone the week's days are in
 */
record ReportWeek(LocalDate monday, ZoneId zone) {

	/**
	 * The Monday of the first week the review covers, 1970-W01.
	 */
	static final LocalDate FIRST_MONDAY = LocalDate.of(1969, 12, 29);

	private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

	/**
	 * Parses {@code 2026-W47}.
	 * @param text the text
	 * @param zone the zone
	 * @return the week, also one {@link #beforeFirst() before 1970-W01}, or empty when
	 * the text is not an ISO week that exists
	 */
	static Optional<ReportWeek> parse(String text, ZoneId zone) {
		Matcher m = ISO_WEEK.matcher(text.trim());
		if (!m.matches()) {
			return Optional.empty();
		}
		int year = Integer.parseInt(m.group(1));
		int week = Integer.parseInt(m.group(2));
		if (week < 1) {
			return Optional.empty();
		}
		LocalDate mid = LocalDate.of(year, 7, 1);
		if (week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
			return Optional.empty();
		}
		LocalDate monday = mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
		return Optional.of(new ReportWeek(monday, zone));
	}

	/**
	 * The last week that has ended at a time.
	 * @param now the time
	 * @param zone the zone
	 * @return the week before the one {@code now} is in
	 */
	static ReportWeek lastComplete(Instant now, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		return new ReportWeek(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1), zone);
	}

	Instant start() {
		return this.monday.atStartOfDay(this.zone).toInstant();
	}

	Instant end() {
		return this.monday.plusWeeks(1).atStartOfDay(this.zone).toInstant();
	}

	ReportWeek previous() {
		return plus(-1);
	}

	ReportWeek next() {
		return plus(1);
	}

	ReportWeek plus(int weeks) {
		return new ReportWeek(this.monday.plusWeeks(weeks), this.zone);
	}

	/**
	 * The week's name, e.g. {@code 2026-W47}.
	 * @return the ISO name
	 */
	String id() {
		return String.format(Locale.ROOT, "%d-W%02d", this.monday.get(IsoFields.WEEK_BASED_YEAR),
				this.monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	/**
	 * The days, e.g. {@code 2026-11-16 – 2026-11-22}.
	 * @return the first and last day
	 */
	String days() {
		DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE;
		return format.format(this.monday) + " – " + format.format(this.monday.plusDays(6));
	}

	/**
	 * Whether the week is before 1970-W01, the first the review covers.
	 * @return {@code true} when it is
	 */
	boolean beforeFirst() {
		return this.monday.isBefore(FIRST_MONDAY);
	}

	boolean endsAfter(Instant now) {
		return end().isAfter(now);
	}

}
