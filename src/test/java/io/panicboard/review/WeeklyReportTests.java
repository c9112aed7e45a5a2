package io.panicboard.review;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.incident.IncidentDecisions;
import io.panicboard.review.WeeklyReport.DebtItem;
import io.panicboard.review.WeeklyReport.Figures;
import io.panicboard.review.WeeklyReport.Hotspot;
import io.panicboard.review.WeeklyReport.IncidentLine;
import io.panicboard.review.WeeklyReport.TopIncident;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every figure of the report, computed on {@link ReviewDataset} in Europe/Berlin.
 */
@SpringBootTest(properties = "panicboard.pages.zone=Europe/Berlin")
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, ReviewTestConfiguration.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeeklyReportTests {

	@Autowired
	private WeeklyReports reports;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private IncidentDecisions decisions;

	private ReviewDataset data;

	private WeeklyReport w13;

	@BeforeAll
	void createDataset() {
		this.data = new ReviewDataset(this.jdbc).create(this.decisions);
		this.w13 = team("2026-W13");
	}

	private WeeklyReport team(String week) {
		return this.reports.report(this.reports.week(week), this.reports.scope(this.data.team, null));
	}

	@Test
	void weekRunsFromMondayToMondayInTheZoneAcrossTheSummerTimeChange() {
		assertThat(this.w13.week()).isEqualTo("2026-W13");
		assertThat(this.w13.start()).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
		assertThat(this.w13.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
		assertThat(this.w13.zone()).isEqualTo("Europe/Berlin");
		assertThat(this.w13.complete()).isTrue();
	}

	@Test
	void headlineCountsOfTheWeekAndTheWeekBefore() {
		Figures now = this.w13.headline().current();
		Figures before = this.w13.headline().previous();
		// i1 5 + 3 (the 7 at Monday 00:00 CEST belong to W14), i2 10, i4 1; i5 is another
		// team's
		assertThat(now.crashes()).isEqualTo(19);
		// i1 4 + 2 (Sunday 23:00 CET), i4 3
		assertThat(before.crashes()).isEqualTo(9);
		assertThat(now.newIncidents()).isEqualTo(1);
		assertThat(before.newIncidents()).isEqualTo(1);
		assertThat(now.regressions()).isEqualTo(1);
		assertThat(before.regressions()).isZero();
		assertThat(now.resolved()).isEqualTo(1);
		assertThat(before.resolved()).isEqualTo(1);
	}

	@Test
	void stillOpenAtTheEndOfEachWeekWithAges() {
		Figures now = this.w13.headline().current();
		Figures before = this.w13.headline().previous();
		// i1 (478 h), i3 (598 h), i4 regressed (326 h)
		assertThat(now.stillOpen()).isEqualTo(3);
		assertThat(now.openMedianAgeSeconds()).isEqualTo(478 * 3600.0);
		assertThat(now.openOldestAgeSeconds()).isEqualTo(598 * 3600.0);
		// i1 (311 h) and i3 (431 h); i4 was resolved, i2 did not exist yet
		assertThat(before.stillOpen()).isEqualTo(2);
		assertThat(before.openMedianAgeSeconds()).isEqualTo(371 * 3600.0);
		assertThat(before.openOldestAgeSeconds()).isEqualTo(431 * 3600.0);
	}

	@Test
	void theWeekStillRunningIsMeasuredUpToNow() {
		// Thursday 2026-11-05 10:00 UTC (ReviewTestConfiguration)
		long[] ids = this.data.createCurrentWeek(this.decisions);
		WeeklyReport w45 = this.reports.report(this.reports.week("2026-W45"), this.reports.scope(null, this.data.e));
		assertThat(w45.complete()).isFalse();
		Figures now = w45.headline().current();
		assertThat(now.stillOpen()).isEqualTo(2);
		// 72 h and 48 h old now, not at the week's end on Sunday night
		assertThat(now.openOldestAgeSeconds()).isEqualTo(72 * 3600.0);
		assertThat(now.openMedianAgeSeconds()).isEqualTo(60 * 3600.0);
		// due on Wednesday is overdue on Thursday; due on Saturday is not yet
		assertThat(w45.techDebt()).extracting((item) -> item.incident().id(), DebtItem::overdue)
			.containsExactlyInAnyOrder(tuple(ids[0], false), tuple(ids[1], true));
	}

	@Test
	void firstSeenAheadOfTheClockGivesNoNegativeAgeOrResponseTime() {
		// first seen at 10:03 by the client's clock, acknowledged at 09:59:30, the report
		// made at 10:00
		String service = this.data.createAheadOfTheClock();
		WeeklyReport w45 = this.reports.report(this.reports.week("2026-W45"), this.reports.scope(null, service));
		Figures now = w45.headline().current();
		assertThat(now.stillOpen()).isEqualTo(1);
		assertThat(now.openOldestAgeSeconds()).isZero();
		assertThat(now.openMedianAgeSeconds()).isZero();
		assertThat(w45.incidents()).singleElement().satisfies((line) -> assertThat(line.openAgeSeconds()).isZero());
		assertThat(now.acknowledgements()).isEqualTo(1);
		assertThat(now.mttaMedianSeconds()).isZero();
		assertThat(now.mttaP90Seconds()).isZero();
	}

	@Test
	void responseTimesFromTheLatestOpeningMedianAndP90() {
		Figures now = this.w13.headline().current();
		Figures before = this.w13.headline().previous();
		// i2 acknowledged 2 h after first seen, i4 1 h after its regression
		assertThat(now.acknowledgements()).isEqualTo(2);
		assertThat(now.mttaMedianSeconds()).isEqualTo(5400.0);
		assertThat(now.mttaP90Seconds()).isEqualTo(6840.0);
		assertThat(now.resolutions()).isEqualTo(1);
		assertThat(now.mttrMedianSeconds()).isEqualTo(86400.0);
		assertThat(now.mttrP90Seconds()).isEqualTo(86400.0);
		assertThat(before.acknowledgements()).isZero();
		assertThat(before.mttaMedianSeconds()).isNull();
		assertThat(before.mttrMedianSeconds()).isEqualTo(86400.0);
	}

	@Test
	void sloComplianceWaitsForTheSloModule() {
		assertThat(this.w13.headline().slo()).isNull();
		assertThat(this.w13.headline().previousSlo()).isNull();
	}

	@Test
	void topIncidentsByCrashesAndByInstancesWithEightWeekSparklines() {
		assertThat(this.w13.topByOccurrences()).extracting((t) -> t.incident().id(), (t) -> t.incident().crashes())
			.containsExactly(tuple(this.data.i2, 10L), tuple(this.data.i1, 8L), tuple(this.data.i4, 1L));
		assertThat(this.w13.topByInstances()).extracting((t) -> t.incident().id(), (t) -> t.incident().instances())
			.containsExactly(tuple(this.data.i2, 4L), tuple(this.data.i1, 2L));
		TopIncident i1 = this.w13.topByOccurrences().get(1);
		assertThat(i1.weekly()).containsExactly(0, 0, 0, 0, 0, 0, 6, 8);
		assertThat(i1.sparkline().total()).isEqualTo(14);
		assertThat(this.w13.topByOccurrences().get(2).weekly()).containsExactly(0, 0, 0, 0, 0, 0, 3, 1);
	}

	@Test
	void memorySafetyHotspotsByFamilyFunctionAndFile() {
		assertThat(this.w13.hotspotFunctions()).extracting(Hotspot::family, Hotspot::location, Hotspot::crashes)
			.containsExactly(tuple("nil_map", "a/cache.(*Cache).Put", 8L),
					tuple("concurrent_map_access", "a/orders.(*Book).Add", 10L),
					tuple("nil_dereference", "b/api.Handler", 1L));
		assertThat(this.w13.hotspotFiles()).extracting(Hotspot::location)
			.containsExactly("cache.go", "book.go", "api.go");
		assertThat(this.w13.hotspotFunctions().get(1).services()).containsExactly(this.data.a);
	}

	@Test
	void openMapRacesFromStagingAndTheProductionCrashInTheSameServiceAndFunction() {
		assertThat(this.w13.openMapRaces()).extracting(IncidentLine::id).containsExactly(this.data.i3);
		// i8 (service b of the same team) and i9 (another team's c) raced in a function
		// of the same name, but in other services
		assertThat(this.w13.raceLinks()).singleElement().satisfies((link) -> {
			assertThat(link.crash().id()).isEqualTo(this.data.i2);
			assertThat(link.raceId()).isEqualTo(this.data.i3);
			assertThat(link.raceEnvironment()).isEqualTo("staging");
		});
	}

	@Test
	void techDebtWithOwnerDueDateTicketAndHowItMoved() {
		assertThat(this.w13.techDebt()).singleElement().satisfies((item) -> {
			assertThat(item.incident().id()).isEqualTo(this.data.i4);
			assertThat(item.incident().owner()).isEqualTo("bob");
			assertThat(item.incident().dueDate()).hasToString("2026-03-27");
			assertThat(item.incident().ticketUrl()).isEqualTo("https://tickets.example/T-1");
			assertThat(item.incident().crashes()).isEqualTo(1);
			assertThat(item.crashesBefore()).isEqualTo(3);
			assertThat(item.wasOpen()).isFalse();
			assertThat(item.overdue()).isTrue();
			assertThat(item.movement()).isEqualTo("regressed");
		});
		assertThat(this.w13.wontFix()).extracting(IncidentLine::id).containsExactly(this.data.i6);
	}

	@Test
	void trendOfCrashesByKindOverEightWeeks() {
		assertThat(this.w13.trend().weeks()).containsExactly("2026-W06", "2026-W07", "2026-W08", "2026-W09", "2026-W10",
				"2026-W11", "2026-W12", "2026-W13");
		assertThat(this.w13.trend().kinds()).extracting(WeeklyReport.KindCounts::kind)
			.containsExactly("nil_map_write", "concurrent_map_writes", "nil_pointer_dereference");
		assertThat(this.w13.trend().kinds().get(0).counts()).containsExactly(0, 0, 0, 0, 0, 0, 6, 8);
		assertThat(this.w13.trend().chart().total()).isEqualTo(28);
	}

	@Test
	void incidentsOfTheWeekAreTheCsvRows() {
		assertThat(this.w13.incidents()).extracting(IncidentLine::id)
			.containsExactlyInAnyOrder(this.data.i1, this.data.i2, this.data.i3, this.data.i4, this.data.i6);
	}

	@Test
	void oneServiceAndAllServices() {
		WeeklyReport b = this.reports.report(this.reports.week("2026-W13"), this.reports.scope(null, this.data.b));
		assertThat(b.headline().current().crashes()).isEqualTo(1);
		assertThat(b.headline().current().stillOpen()).isEqualTo(1);
		WeeklyReport all = this.reports.report(this.reports.week("2026-W13"), ReportScope.ALL);
		assertThat(all.headline().current().crashes()).isGreaterThanOrEqualTo(119);
		assertThat(all.incidents()).extracting(IncidentLine::id).contains(this.data.i5, this.data.i1);
	}

	@Test
	void defaultWeekIsTheLastCompleteOneAcrossTheWinterTimeChange() {
		ReportWeek week = this.reports.week(null);
		assertThat(week.id()).isEqualTo("2026-W44");
		WeeklyReport d = this.reports.report(week, this.reports.scope(this.data.dstTeam, null));
		// 3 at Monday 00:00 CET; the 2 at Sunday 23:00 CET are W43's, which is 169 hours
		// long
		assertThat(d.headline().current().crashes()).isEqualTo(3);
		assertThat(d.headline().previous().crashes()).isEqualTo(2);
		assertThat(d.trend().kinds().get(0).counts()).containsExactly(0, 0, 0, 0, 0, 1, 2, 3);
	}

	@Test
	void weeksOfAZoneGivenAsAnOffsetStartAtItsMidnight() {
		// GMT+02:00 is two hours east of UTC, as Java reads it (PostgreSQL reads such a
		// name the POSIX way, west): W13 runs from Sunday 2026-03-22 22:00 UTC, so i1's 2
		// at 22:00 and 5 at 23:00 are W13's, and the 7 at 03-29 22:00 are W14's
		ReportWeek w13 = ReportWeek.parse("2026-W13", ZoneId.of("GMT+02:00")).orElseThrow();
		WeeklyReport report = this.reports.report(w13, this.reports.scope(this.data.team, null));
		assertThat(report.incidents()).filteredOn((line) -> line.id() == this.data.i1)
			.singleElement()
			.satisfies((i1) -> assertThat(i1.crashes()).isEqualTo(10));
		// i1 10, i2 10, i4 1; the week before i1 4 and i4 3
		assertThat(report.headline().current().crashes())
			.isEqualTo(report.incidents().stream().mapToLong(IncidentLine::crashes).sum())
			.isEqualTo(21);
		assertThat(report.headline().previous().crashes()).isEqualTo(7);
		assertThat(report.trend().kinds().get(0).counts()).containsExactly(0, 0, 0, 0, 0, 0, 4, 10);
		assertThat(report.topByOccurrences()).filteredOn((top) -> top.incident().id() == this.data.i1)
			.singleElement()
			.satisfies((i1) -> assertThat(i1.weekly()).containsExactly(0, 0, 0, 0, 0, 0, 4, 10));
	}

	@Test
	void refusesBadParameters() {
		assertThatExceptionOfType(InvalidReportRequest.class).isThrownBy(() -> this.reports.week("2026-W99"))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("week"));
		assertThatExceptionOfType(InvalidReportRequest.class).isThrownBy(() -> this.reports.week("2026-W46"))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("review.error.future"));
		assertThatExceptionOfType(InvalidReportRequest.class).isThrownBy(() -> this.reports.week("1969-W52"))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("review.error.tooEarly"))
			.satisfies((ex) -> assertThat(ex.value()).isEqualTo("1969-W52"));
		// 1969 had 52 weeks
		assertThatExceptionOfType(InvalidReportRequest.class).isThrownBy(() -> this.reports.week("1969-W53"))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("review.error.week"));
		assertThatExceptionOfType(InvalidReportRequest.class)
			.isThrownBy(() -> this.reports.scope(this.data.team, this.data.a));
		assertThatExceptionOfType(InvalidReportRequest.class)
			.isThrownBy(() -> this.reports.scope("no-such-team", null));
		assertThatExceptionOfType(InvalidReportRequest.class)
			.isThrownBy(() -> this.reports.scope(null, "no-such-service"));
		// the current week may be asked for; it is marked incomplete
		assertThat(this.reports.report(this.reports.week("2026-W45"), ReportScope.ALL).complete()).isFalse();
		assertThat(List.of(this.reports.week("2026-W45").id())).containsExactly("2026-W45");
	}

}
