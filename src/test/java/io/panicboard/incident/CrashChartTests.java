package io.panicboard.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.analysis.Kind;
import io.panicboard.incident.DashboardQueries.DeployAt;
import io.panicboard.incident.DashboardQueries.KindHour;
import io.panicboard.system.StackedBarChart;
import io.panicboard.system.StackedBarChart.Marker;
import io.panicboard.system.StackedBarChart.Series;
import io.panicboard.system.StackedBarChart.YTick;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CrashChartTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");

	@Test
	void dayHas24HourlyBucketsEndingWithTheCurrentHourLabelledEveryFourHours() {
		StackedBarChart chart = chart(CrashChart.Range.DAY,
				List.of(new KindHour("nil_map_write", Instant.parse("2026-11-21T10:00:00Z"), 3),
						new KindHour("nil_map_write", Instant.parse("2026-11-20T11:00:00Z"), 2),
						new KindHour("nil_map_write", Instant.parse("2026-11-20T10:00:00Z"), 100)),
				List.of());
		assertThat(chart.total()).isEqualTo(5);
		assertThat(chart.titles()).hasSize(24).startsWith("11:00", "12:00").endsWith("10:00");
		assertThat(chart.series()).singleElement().satisfies((s) -> {
			assertThat(s.values()).hasSize(24).startsWith(2, 0).endsWith(3);
			assertThat(s.tooltips()).startsWith("nil_map_write: 2", "nil_map_write: 0").endsWith("nil_map_write: 3");
		});
		assertThat(chart.labels()).hasSize(24).startsWith("", "12:00", "", "", "", "16:00");
		assertThat(chart.labels()).filteredOn((label) -> !label.isEmpty())
			.containsExactly("12:00", "16:00", "20:00", "00:00", "04:00", "08:00");
	}

	@Test
	void weekHas28BucketsOfSixHoursLabelledByDay() {
		assertThat(CrashChart.Range.WEEK.start(NOW, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-14T12:00:00Z"));
		assertThat(CrashChart.Range.WEEK.end(NOW, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
		StackedBarChart chart = chart(CrashChart.Range.WEEK,
				List.of(new KindHour("data_race", Instant.parse("2026-11-21T07:00:00Z"), 4),
						new KindHour("data_race", Instant.parse("2026-11-21T10:00:00Z"), 1)),
				List.of());
		assertThat(chart.titles()).hasSize(28).startsWith("Nov 14 12:00", "Nov 14 18:00").endsWith("Nov 21 06:00");
		assertThat(chart.series()).singleElement().satisfies((s) -> {
			assertThat(s.values()).hasSize(28).endsWith(5);
			assertThat(s.tooltips().get(27)).isEqualTo("data_race: 5");
		});
		assertThat(chart.labels()).filteredOn((label) -> !label.isEmpty())
			.containsExactly("Nov 15", "Nov 16", "Nov 17", "Nov 18", "Nov 19", "Nov 20", "Nov 21");
		assertThat(chart.labels().get(2)).isEqualTo("Nov 15");
	}

	@Test
	void labelsAndAlignsBucketsInThePagesZone() {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		// 11:30 in Berlin: the current 6-hour bucket began at 06:00 there, 05:00 UTC
		assertThat(CrashChart.Range.WEEK.start(NOW, berlin)).isEqualTo(Instant.parse("2026-11-14T11:00:00Z"));
		StackedBarChart week = CrashChart.of(CrashChart.Range.WEEK, NOW, berlin,
				List.of(new KindHour("data_race", Instant.parse("2026-11-21T04:00:00Z"), 4),
						new KindHour("data_race", Instant.parse("2026-11-21T05:00:00Z"), 1)),
				List.of(), "other kinds", (n) -> n + " deploys");
		// the last two buckets, as the tooltips name them: their times are in Berlin
		assertThat(week.titles()).endsWith("Nov 21 00:00", "Nov 21 06:00");
		assertThat(week.series().get(0).values()).endsWith(4, 1);
		assertThat(week.labels()).filteredOn((label) -> !label.isEmpty())
			.containsExactly("Nov 15", "Nov 16", "Nov 17", "Nov 18", "Nov 19", "Nov 20", "Nov 21");
		StackedBarChart day = CrashChart.of(CrashChart.Range.DAY, NOW, berlin,
				List.of(new KindHour("data_race", Instant.parse("2026-11-21T10:00:00Z"), 2)), List.of(), "other kinds",
				(n) -> n + " deploys");
		assertThat(day.titles()).endsWith("11:00");
		assertThat(day.series().get(0).values()).endsWith(2);
	}

	@Test
	void keepsSevenKindsAndSumsTheRestAsOtherKinds() {
		List<KindHour> counts = new ArrayList<>();
		Kind[] kinds = Kind.values();
		for (int k = 0; k < 10; k++) {
			counts.add(new KindHour(kinds[k].id(), NOW.minus(Duration.ofHours(1)), 100 - k));
		}
		StackedBarChart chart = chart(CrashChart.Range.DAY, counts, List.of());
		assertThat(chart.series()).hasSize(8);
		assertThat(chart.series()).extracting(Series::name, Series::colour, Series::total)
			.startsWith(tuple(kinds[0].id(), 0, 100L))
			.endsWith(tuple("other kinds", 7, 93L + 92 + 91));
		assertThat(chart.series().get(7).values()).endsWith(93 + 92 + 91, 0);
		assertThat(chart.total()).isEqualTo(955);
	}

	@Test
	void marksOneDeployByNameAndSeveralInABucketByCount() {
		StackedBarChart chart = chart(CrashChart.Range.DAY, List.of(),
				List.of(new DeployAt("orders", "production", "1.4.2", Instant.parse("2026-11-21T02:10:00Z")),
						new DeployAt("billing", "production", "7.0.0", Instant.parse("2026-11-21T06:05:00Z")),
						new DeployAt("search", "staging", "2.1.0", Instant.parse("2026-11-21T06:40:00Z")),
						new DeployAt("orders", "production", "1.4.1", Instant.parse("2026-11-19T06:40:00Z"))));
		assertThat(chart.markers()).extracting(Marker::label, Marker::title, Marker::row)
			.containsExactly(tuple("orders 1.4.2", "orders 1.4.2", 0),
					tuple("2 deploys", "billing 7.0.0, search 2.1.0", 0));
		// at the deploy's time, in buckets from the chart's start (11:00 the day before)
		assertThat(chart.markers()).extracting(Marker::position).containsExactly(15 + 10 / 60.0, 19 + 5 / 60.0);
		assertThat(chart.notes().get(15)).containsExactly("orders 1.4.2");
		assertThat(chart.notes().get(19)).containsExactly("billing 7.0.0, search 2.1.0");
		assertThat(chart.notes().get(18)).isEmpty();
	}

	@Test
	void namesTwelveDeploysOfABucketInItsTooltipAndCountsTheRest() {
		List<DeployAt> deploys = new ArrayList<>();
		for (int m = 1; m <= 14; m++) {
			deploys.add(new DeployAt("svc-" + m, "production", "1.0." + m, NOW.minus(Duration.ofMinutes(31 - m))));
		}
		StackedBarChart chart = chart(CrashChart.Range.DAY, List.of(), deploys);
		assertThat(chart.markers()).singleElement().satisfies((marker) -> {
			assertThat(marker.label()).isEqualTo("14 deploys");
			assertThat(marker.title()).startsWith("svc-1 1.0.1, svc-2 1.0.2")
				.endsWith("svc-12 1.0.12, …")
				.doesNotContain("svc-13");
			assertThat(marker.position()).isEqualTo(23.0);
		});
		assertThat(chart.notes().get(23)).containsExactly(chart.markers().get(0).title());
	}

	@Test
	void labelsOfCrowdedMarkersGoOnThreeRowsThenOnlyIntoTooltips() {
		List<DeployAt> deploys = new ArrayList<>();
		for (int h = 1; h <= 5; h++) {
			deploys.add(new DeployAt("svc-" + h, "production", "1.0." + h, NOW.minus(Duration.ofHours(h))));
		}
		StackedBarChart chart = chart(CrashChart.Range.DAY, List.of(), deploys);
		assertThat(chart.markers()).hasSize(5);
		// an hour apart, each label overlaps the next two: three rows, then the first
		// row again
		assertThat(chart.markers()).extracting(Marker::row).containsExactly(0, 1, 2, 0, 1);
		List<DeployAt> crowded = new ArrayList<>();
		for (int m = 1; m <= 4; m++) {
			crowded.add(new DeployAt("service-with-a-long-name-" + m, "production", "1.0." + m,
					NOW.minus(Duration.ofHours(m))));
		}
		// longer labels an hour apart: the fourth has no room, its tooltip names it
		assertThat(chart(CrashChart.Range.DAY, List.of(), crowded).markers()).extracting(Marker::row)
			.containsExactly(0, 1, 2, null);
	}

	@Test
	void axisLabelsAreShortForLargeCounts() {
		StackedBarChart chart = chart(CrashChart.Range.DAY,
				List.of(new KindHour("nil_map_write", NOW.minus(Duration.ofHours(1)), 38_000)), List.of());
		assertThat(chart.yTicks()).extracting(YTick::label).containsExactly("0", "10k", "20k", "30k", "40k");
		assertThat(chart.yTicks()).extracting(YTick::value).containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L);
		StackedBarChart small = chart(CrashChart.Range.DAY,
				List.of(new KindHour("nil_map_write", NOW.minus(Duration.ofHours(1)), 7_000)), List.of());
		assertThat(small.yTicks()).extracting(YTick::label).containsExactly("0", "2,000", "4,000", "6,000", "8,000");
	}

	private static StackedBarChart chart(CrashChart.Range range, List<KindHour> counts, List<DeployAt> deploys) {
		return CrashChart.of(range, NOW, ZoneOffset.UTC, counts, deploys, "other kinds", (n) -> n + " deploys");
	}

}
