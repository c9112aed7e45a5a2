package io.panicboard.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWeekTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void weekOfTheSpringChangeIs167HoursFromMondayToMondayLocalTime() {
		ReportWeek w13 = ReportWeek.parse("2026-W13", BERLIN).orElseThrow();
		assertThat(w13.start()).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
		assertThat(w13.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
		assertThat(Duration.between(w13.start(), w13.end())).hasHours(167);
		assertThat(w13.days()).isEqualTo("2026-03-23 – 2026-03-29");
	}

	@Test
	void weekOfTheAutumnChangeIs169Hours() {
		ReportWeek w43 = ReportWeek.parse("2026-W43", BERLIN).orElseThrow();
		assertThat(w43.start()).isEqualTo(Instant.parse("2026-10-18T22:00:00Z"));
		assertThat(Duration.between(w43.start(), w43.end())).hasHours(169);
		assertThat(w43.next().id()).isEqualTo("2026-W44");
		assertThat(w43.next().start()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
	}

	@Test
	void weeksCrossYearsTheIsoWay() {
		assertThat(ReportWeek.parse("2026-W53", BERLIN).orElseThrow().monday()).hasToString("2026-12-28");
		assertThat(ReportWeek.parse("2026-W53", BERLIN).orElseThrow().next().id()).isEqualTo("2027-W01");
		assertThat(ReportWeek.parse("2027-W53", BERLIN)).isEmpty();
		assertThat(ReportWeek.parse("2026-W01", BERLIN).orElseThrow().monday()).hasToString("2025-12-29");
		assertThat(ReportWeek.parse("2026-W01", BERLIN).orElseThrow().previous().id()).isEqualTo("2025-W52");
	}

	@Test
	void rejectsWhatIsNotAnIsoWeek() {
		for (String text : new String[] { "2026-W00", "2026-W54", "2026-47", "2026W47", "w47", "2026-W4", "",
				"2026-W47x", "1969-W53" }) {
			assertThat(ReportWeek.parse(text, BERLIN)).as(text).isEmpty();
		}
	}

	@Test
	void weeksBefore1970AreIsoWeeks() {
		// the review refuses them as before its first week, not as malformed
		ReportWeek week = ReportWeek.parse("1969-W52", BERLIN).orElseThrow();
		assertThat(week.monday()).hasToString("1969-12-22");
		assertThat(week.next().id()).isEqualTo("1970-W01");
		assertThat(ReportWeek.parse("0000-W01", BERLIN)).isPresent();
	}

	@Test
	void lastCompleteWeekIsTheOneBeforeTheCurrentInTheZone() {
		// Sunday 23:30 in Berlin (22:30 UTC) is still in W13: the last complete week is
		// W12
		assertThat(ReportWeek.lastComplete(Instant.parse("2026-03-29T21:30:00Z"), BERLIN).id()).isEqualTo("2026-W12");
		// Monday 00:30 in Berlin is W14 already
		assertThat(ReportWeek.lastComplete(Instant.parse("2026-03-29T22:30:00Z"), BERLIN).id()).isEqualTo("2026-W13");
		assertThat(ReportWeek.lastComplete(Instant.parse("2026-03-29T22:30:00Z"), ZoneId.of("UTC")).id())
			.isEqualTo("2026-W12");
	}

}
