package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * An SLO's time window: the last 7, 28 or 30 days (rolling), or the calendar month in
 * UTC.
 *
 * @param days 7, 28 or 30 when rolling, else {@code null}
 * @param rolling whether the window rolls
 */
record SloWindow(Integer days, boolean rolling) {

	static final SloWindow CALENDAR_MONTH = new SloWindow(null, false);

	static SloWindow rolling(int days) {
		return new SloWindow(days, true);
	}

	/**
	 * The window's length: its days, or the length of the calendar month holding
	 * {@code at}.
	 */
	Duration length(Instant at) {
		if (this.rolling) {
			return Duration.ofDays(this.days);
		}
		YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
		return Duration.ofDays(month.lengthOfMonth());
	}

	/**
	 * How much of a window a past range makes up, as a share of the window's length: its
	 * length over the rolling window's, or for a calendar window the sum, month by month,
	 * of the part of the range in that month over the month's length — so that a week
	 * ending at midnight on 1 February is 7/31 of January's budget, not 7/28 of
	 * February's, and a week across the turn of a month takes its days from each.
	 * @param range the range
	 * @return its share of the window (1 for a whole window or month)
	 */
	double share(TimeRange range) {
		double seconds = Duration.between(range.from(), range.to()).toMillis() / 1000.0;
		if (this.rolling) {
			return seconds / Duration.ofDays(this.days).toSeconds();
		}
		double share = 0;
		YearMonth month = YearMonth.from(range.from().atZone(ZoneOffset.UTC));
		while (true) {
			Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			if (!start.isBefore(range.to())) {
				return share;
			}
			Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			Instant from = range.from().isAfter(start) ? range.from() : start;
			Instant to = range.to().isBefore(end) ? range.to() : end;
			share += Duration.between(from, to).toMillis() / 1000.0
					/ Duration.ofDays(month.lengthOfMonth()).toSeconds();
			month = month.plusMonths(1);
		}
	}

	/**
	 * The budget's range at {@code at}: the last {@link #length} for a rolling window,
	 * the start of the month to {@code at} for a calendar window.
	 */
	TimeRange budgetRange(Instant at) {
		if (this.rolling) {
			return new TimeRange(at.minus(Duration.ofDays(this.days)), at);
		}
		ZonedDateTime month = at.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
		return new TimeRange(month.toInstant(), at);
	}

	/** OpenSLO's duration: {@code 30d} or {@code 1M}. */
	String duration() {
		return this.rolling ? this.days + "d" : "1M";
	}

}
