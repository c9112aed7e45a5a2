package io.panicboard.review;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import io.panicboard.review.WeeklyReport.IncidentLine;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV export: one row per incident the week concerns, every column of
 * {@link IncidentLine}, RFC 4180 (Apache Commons CSV), times in RFC 3339 UTC, every text
 * cell {@link #neutralized(String) neutralized}.
 */
final class ReportCsv {

	static final List<String> HEADER = List.of("week", "id", "service", "team", "environment", "type", "kind", "family",
			"severity", "status", "title", "culprit_function", "culprit_file", "map_related", "first_seen", "last_seen",
			"crashes", "crashes_previous_week", "instances", "new_this_week", "regressions", "acknowledgements",
			"resolutions", "open_at_week_end", "open_age_seconds", "decision", "owner", "due_date", "ticket_url",
			"reason", "decided_by", "decided_at");

	private ReportCsv() {
	}

	static String write(WeeklyReport report) {
		StringWriter out = new StringWriter();
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
		try (CSVPrinter printer = new CSVPrinter(out, format)) {
			for (IncidentLine i : report.incidents()) {
				printer.printRecord(Stream.of(report.week(), i.id(), i.service(), i.team(), i.environment(), i.type(),
						i.kind(), i.family(), i.severity(), i.status(), i.title(), i.culpritFunction(), i.culpritFile(),
						i.mapRelated(), i.firstSeen(), i.lastSeen(), i.crashes(), i.crashesBefore(), i.instances(),
						i.newThisWeek(), i.regressions(), i.acknowledgements(), i.resolutions(), i.openAtEnd(),
						i.openAgeSeconds(), i.decision(), i.owner(), i.dueDate(), i.ticketUrl(), i.reason(),
						i.decidedBy(), i.decidedAt())
					.map(ReportCsv::cell));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * A cell: every text value neutralized, not only the free-text ones, so that a column
	 * whose values are constrained today (service, environment) stays safe if that
	 * changes.
	 */
	private static Object cell(Object value) {
		return (value instanceof String text) ? neutralized(text) : value;
	}

	/**
	 * Text from traces and people as a spreadsheet shows it, never as a formula: a cell
	 * starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe
	 * (OWASP's CSV injection advice).
	 */
	static String neutralized(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

}
