package io.panicboard.review;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.panicboard.review.WeeklyReport.IncidentLine;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReportCsv} on its own: every text column comes out neutralized.
 */
class ReportCsvTests {

	@Test
	void everyTextColumnIsNeutralized() throws IOException {
		Instant at = Instant.parse("2026-03-24T10:00:00Z");
		IncidentLine line = new IncidentLine(7, "+service", "+SUM(1,2)|x", "-env", "=type", "@kind", "\tfamily",
				"\rseverity", "+status", "=title", "-f", "@file", true, at, at, 3, -1, 2, true, 0, 0, 0, true, -5L,
				"=decision", "-2+3", LocalDate.parse("2026-12-31"), "=ticket", "@reason", "+who", at);
		WeeklyReport report = new WeeklyReport("2026-W13", null, null, null, null, true, null, null, at, null,
				List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null,
				List.of(line));
		CSVRecord row = parse(ReportCsv.write(report));
		for (String column : List.of("service", "team", "environment", "type", "kind", "family", "severity", "status",
				"title", "culprit_function", "culprit_file", "decision", "owner", "ticket_url", "reason",
				"decided_by")) {
			assertThat(row.get(column)).as(column).startsWith("'");
		}
		assertThat(row.get("team")).isEqualTo("'+SUM(1,2)|x");
		assertThat(row.get("owner")).isEqualTo("'-2+3");
		// numbers, flags and times are not text
		assertThat(row.get("crashes_previous_week")).isEqualTo("-1");
		assertThat(row.get("open_age_seconds")).isEqualTo("-5");
		assertThat(row.get("due_date")).isEqualTo("2026-12-31");
		assertThat(row.get("first_seen")).isEqualTo("2026-03-24T10:00:00Z");
	}

	@Test
	void cellsThatASpreadsheetWouldRunAreNeutralized() {
		assertThat(ReportCsv.neutralized("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
		assertThat(ReportCsv.neutralized("@sum")).isEqualTo("'@sum");
		assertThat(ReportCsv.neutralized("\tx")).isEqualTo("'\tx");
		assertThat(ReportCsv.neutralized("main.f")).isEqualTo("main.f");
		assertThat(ReportCsv.neutralized("")).isEmpty();
		assertThat(ReportCsv.neutralized(null)).isNull();
	}

	private static CSVRecord parse(String csv) throws IOException {
		try (CSVParser parser = CSVParser.parse(new StringReader(csv),
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			List<CSVRecord> rows = parser.getRecords();
			assertThat(rows).hasSize(1);
			return rows.get(0);
		}
	}

}
