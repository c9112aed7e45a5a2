package io.panicboard.review;

import java.util.List;
import java.util.Locale;

import io.panicboard.review.WeeklyReport.DebtItem;
import io.panicboard.review.WeeklyReport.Hotspot;
import io.panicboard.review.WeeklyReport.IncidentLine;
import io.panicboard.review.WeeklyReport.RaceLink;
import io.panicboard.review.WeeklyReport.TopIncident;

import org.springframework.context.support.MessageSourceAccessor;

/**
 * The Markdown export for meeting notes: the headline table and the report's lists as
 * GitHub-flavoured tables, with the page's rows and words (its messages). Every cell is
 * escaped, so a title with {@code |}, a backtick or a line break stays one cell of one
 * row.
 */
final class ReportMarkdown {

	private ReportMarkdown() {
	}

	/**
	 * The report as Markdown.
	 * @param r the report
	 * @param baseUrl the public URL that links start with
	 * @param text the page's messages, for the words the page uses (figures, moves)
	 * @return the Markdown
	 */
	static String write(WeeklyReport r, String baseUrl, MessageSourceAccessor text) {
		StringBuilder md = new StringBuilder();
		md.append("# Weekly review ")
			.append(r.week())
			.append(" (")
			.append(r.days())
			.append(", ")
			.append(r.zone())
			.append(")\n\n");
		md.append("Scope: ")
			.append(cell(scope(r)))
			.append(r.complete() ? "" : " — the week has not ended yet")
			.append("\n\n");
		md.append("| figure | this week | week before | change |\n|---|---:|---:|---:|\n");
		for (ReportPage.HeadlineRow row : ReportPage.rows(r.headline())) {
			md.append("| ")
				.append(cell(text.getMessage(row.key())))
				.append(" | ")
				.append(row.current())
				.append(" | ")
				.append(row.previous())
				.append(" | ")
				.append(row.change())
				.append(" |\n");
		}
		md.append("| ")
			.append(cell(text.getMessage("review.figure.slo")))
			.append(" | ")
			.append(slo(r.headline().slo(), text))
			.append(" | ")
			.append(slo(r.headline().previousSlo(), text))
			.append(" | |\n\n");
		top(md, "Top incidents by crashes", r.topByOccurrences(), baseUrl);
		top(md, "Top incidents by affected instances", r.topByInstances(), baseUrl);
		hotspots(md, "Memory-safety hotspots by function", r.hotspotFunctions(), text);
		hotspots(md, "Memory-safety hotspots by file", r.hotspotFiles(), text);
		md.append("## Map races from CI or staging still open\n\n");
		if (r.openMapRaces().isEmpty()) {
			md.append("None.\n\n");
		}
		else {
			md.append("| incident | service | environment | function | first seen |\n|---|---|---|---|---|\n");
			for (IncidentLine i : r.openMapRaces()) {
				md.append("| ")
					.append(link(i, baseUrl))
					.append(" | ")
					.append(cell(i.service()))
					.append(" | ")
					.append(cell(i.environment()))
					.append(" | ")
					.append(code(i.culpritFunction()))
					.append(" | ")
					.append(i.firstSeen())
					.append(" |\n");
			}
			md.append('\n');
		}
		md.append("## Production map crashes where a race was reported before\n\n");
		if (r.raceLinks().isEmpty()) {
			md.append("None.\n\n");
		}
		else {
			md.append("| crash | function | crashes | earlier race | race status |\n|---|---|---:|---|---|\n");
			for (RaceLink l : r.raceLinks()) {
				md.append("| ")
					.append(link(l.crash(), baseUrl))
					.append(" | ")
					.append(code(l.crash().culpritFunction()))
					.append(" | ")
					.append(l.crash().crashes())
					.append(" | [#")
					.append(l.raceId())
					.append("](")
					.append(baseUrl)
					.append("/incidents/")
					.append(l.raceId())
					.append(") ")
					.append(cell(l.raceEnvironment()))
					.append(", ")
					.append(l.raceFirstSeen())
					.append(" | ")
					.append(cell(l.raceStatus()))
					.append(" |\n");
			}
			md.append('\n');
		}
		md.append("## Tech debt\n\n");
		if (r.techDebt().isEmpty()) {
			md.append("None.\n\n");
		}
		else {
			md.append("| incident | owner | due | ticket | crashes | week before | status | moved |\n");
			md.append("|---|---|---|---|---:|---:|---|---|\n");
			for (DebtItem d : r.techDebt()) {
				IncidentLine i = d.incident();
				md.append("| ")
					.append(link(i, baseUrl))
					.append(" | ")
					.append(cell(i.owner()))
					.append(" | ")
					.append(i.dueDate())
					.append(d.overdue() ? " (overdue)" : "")
					.append(" | ")
					.append(cell(i.ticketUrl()))
					.append(" | ")
					.append(i.crashes())
					.append(" | ")
					.append(d.crashesBefore())
					.append(" | ")
					.append(i.openAtEnd() ? "open" : "resolved")
					.append(" | ")
					.append(cell(text.getMessage("review.moved." + d.movement())))
					.append(" |\n");
			}
			md.append('\n');
		}
		md.append("## Won't fix\n\n");
		if (r.wontFix().isEmpty()) {
			md.append("None.\n\n");
		}
		else {
			md.append("| incident | reason | decided by |\n|---|---|---|\n");
			for (IncidentLine i : r.wontFix()) {
				md.append("| ")
					.append(link(i, baseUrl))
					.append(" | ")
					.append(cell(i.reason()))
					.append(" | ")
					.append(cell(i.decidedBy()))
					.append(" |\n");
			}
			md.append('\n');
		}
		md.append("## Crashes by kind, 8 weeks\n\n| kind |");
		r.trend().weeks().forEach((w) -> md.append(' ').append(w).append(" |"));
		md.append("\n|---|");
		r.trend().weeks().forEach((w) -> md.append("---:|"));
		md.append('\n');
		for (WeeklyReport.KindCounts k : r.trend().kinds()) {
			md.append("| ").append(cell(k.kind())).append(" |");
			for (long n : k.counts()) {
				md.append(' ').append(n).append(" |");
			}
			md.append('\n');
		}
		return md.toString();
	}

	static String scope(WeeklyReport r) {
		if (r.service() != null) {
			return "service " + r.service();
		}
		return (r.team() != null) ? "team " + r.team() : "all services";
	}

	private static String slo(SloCompliance.Figure figure, MessageSourceAccessor text) {
		return (figure != null)
				? String.format(Locale.ROOT, "%.1f%% (%d of %d)", figure.percent(), figure.met(), figure.total())
				: cell(text.getMessage("review.slo.none"));
	}

	private static void top(StringBuilder md, String heading, List<TopIncident> top, String baseUrl) {
		md.append("## ").append(heading).append("\n\n");
		if (top.isEmpty()) {
			md.append("None.\n\n");
			return;
		}
		md.append("| incident | service | kind | crashes | instances | 8 weeks |\n|---|---|---|---:|---:|---|\n");
		for (TopIncident t : top) {
			IncidentLine i = t.incident();
			StringBuilder weeks = new StringBuilder();
			for (long n : t.weekly()) {
				weeks.append(weeks.isEmpty() ? "" : " ").append(n);
			}
			md.append("| ")
				.append(link(i, baseUrl))
				.append(" | ")
				.append(cell(i.service()))
				.append(" | ")
				.append(cell(i.kind()))
				.append(" | ")
				.append(i.crashes())
				.append(" | ")
				.append(i.instances())
				.append(" | ")
				.append(weeks)
				.append(" |\n");
		}
		md.append('\n');
	}

	private static void hotspots(StringBuilder md, String heading, List<Hotspot> hotspots, MessageSourceAccessor text) {
		md.append("## ").append(heading).append("\n\n");
		if (hotspots.isEmpty()) {
			md.append("None.\n\n");
			return;
		}
		md.append("| family | where | crashes | incidents | services |\n|---|---|---:|---:|---|\n");
		for (Hotspot h : hotspots) {
			md.append("| ")
				.append(cell(text.getMessage("review.family." + h.family())))
				.append(" | ")
				.append(code(h.location()))
				.append(" | ")
				.append(h.crashes())
				.append(" | ")
				.append(h.incidents())
				.append(" | ")
				.append(cell(String.join(", ", h.services())))
				.append(" |\n");
		}
		md.append('\n');
	}

	private static String link(IncidentLine i, String baseUrl) {
		return "[#" + i.id() + "](" + baseUrl + "/incidents/" + i.id() + ") " + cell(i.title());
	}

	/**
	 * Text as one table cell: line breaks become spaces; Markdown's punctuation is
	 * backslash-escaped, so nothing is read as a link, emphasis, HTML or a cell border,
	 * nor {@code &} as the start of an entity ({@code &lt;} would show as {@code <}), nor
	 * {@code $} as math (GitHub's and GitLab's, between two dollar signs).
	 */
	static String cell(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (ch == '\r' || ch == '\n') {
				out.append(' ');
			}
			else if ("\\`*_{}[]()<>#+-!|~&$".indexOf(ch) >= 0) {
				out.append('\\').append(ch);
			}
			else {
				out.append(ch);
			}
		}
		return out.toString();
	}

	private static String code(String text) {
		return cell(text);
	}

}
