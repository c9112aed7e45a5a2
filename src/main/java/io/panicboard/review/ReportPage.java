package io.panicboard.review;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.panicboard.review.WeeklyReport.Figures;

/**
 * The weekly review page's model.
 *
 * @param report the report
 * @param rows the headline table
 * @param permalink the report's stable address (week always given)
 * @param previousWeek the week before, or {@code null} when it is before 1970-W01
 * @param previousLink its report, or {@code null}
 * @param nextWeek the week after, or {@code null} when it has not started
 * @param nextLink its report, or {@code null}
 * @param exportLink the exports' address without the format
 * @param teams the teams to filter by
 * @param services the services to filter by
 * @param zone the zone times are shown in
 */
record ReportPage(WeeklyReport report, List<HeadlineRow> rows, String permalink, String previousWeek,
		String previousLink, String nextWeek, String nextLink, String exportLink, List<String> teams,
		List<String> services, ZoneId zone) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

	/**
	 * One figure: its name's message key, this week's and last week's values and the
	 * change. {@code trend} is {@code up}, {@code down} or empty, for styling.
	 */
	record HeadlineRow(String key, String current, String previous, String change, String trend) {

	}

	static List<HeadlineRow> rows(WeeklyReport.Headline h) {
		Figures c = h.current();
		Figures p = h.previous();
		return List.of(count("review.figure.crashes", c.crashes(), p.crashes()),
				count("review.figure.newIncidents", c.newIncidents(), p.newIncidents()),
				count("review.figure.regressions", c.regressions(), p.regressions()),
				count("review.figure.resolved", c.resolved(), p.resolved()),
				count("review.figure.stillOpen", c.stillOpen(), p.stillOpen()),
				duration("review.figure.openAge", c.openMedianAgeSeconds(), p.openMedianAgeSeconds()),
				duration("review.figure.openOldest", c.openOldestAgeSeconds(), p.openOldestAgeSeconds()),
				duration("review.figure.mttaMedian", c.mttaMedianSeconds(), p.mttaMedianSeconds()),
				duration("review.figure.mttaP90", c.mttaP90Seconds(), p.mttaP90Seconds()),
				duration("review.figure.mttrMedian", c.mttrMedianSeconds(), p.mttrMedianSeconds()),
				duration("review.figure.mttrP90", c.mttrP90Seconds(), p.mttrP90Seconds()));
	}

	private static HeadlineRow count(String key, long current, long previous) {
		return new HeadlineRow(key, Long.toString(current), Long.toString(previous),
				Durations.change(current, previous), (current > previous) ? "up" : (current < previous) ? "down" : "");
	}

	private static HeadlineRow duration(String key, Double current, Double previous) {
		String trend = (current == null || previous == null || Math.round(current - previous) == 0) ? ""
				: (current > previous) ? "up" : "down";
		return new HeadlineRow(key, Durations.format(current), Durations.format(previous),
				Durations.change(current, previous), trend);
	}

	/**
	 * A day in the page's zone.
	 * @param at the time, or {@code null}
	 * @return e.g. {@code 2026-11-16}
	 */
	public String day(Instant at) {
		return (at != null) ? DAY.format(at.atZone(this.zone)) : "";
	}

	/**
	 * A duration for the page.
	 * @param seconds seconds, or {@code null}
	 * @return e.g. {@code 3h 20m}
	 */
	public String age(Long seconds) {
		return Durations.format(seconds);
	}

	/**
	 * SLO compliance as text, or {@code null} when no SLO is defined.
	 * @param figure the figure
	 * @return e.g. {@code 75.0% (3 of 4)}
	 */
	public String slo(SloCompliance.Figure figure) {
		return (figure != null)
				? String.format(Locale.ROOT, "%.1f%% (%d of %d)", figure.percent(), figure.met(), figure.total())
				: null;
	}

}
