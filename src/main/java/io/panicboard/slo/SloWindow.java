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
