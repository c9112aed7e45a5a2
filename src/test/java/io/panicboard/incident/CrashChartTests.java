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
import io.panicboard.system.StackedBarChart.Segment;
import io.panicboard.system.StackedBarChart.Series;
import io.panicboard.system.StackedBarChart.Tick;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
		assertThat(chart.bars()).hasSize(2);
		assertThat(chart.xLabels()).extracting(Tick::label)
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
		assertThat(chart.bars()).hasSize(1);
		assertThat(chart.bars().get(0).title()).isEqualTo("data_race: 5 at Nov 21 06:00");
		assertThat(chart.xLabels()).extracting(Tick::label)
			.containsExactly("Nov 15", "Nov 16", "Nov 17", "Nov 18", "Nov 19", "Nov 20", "Nov 21");
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
		assertThat(week.bars()).extracting(Segment::title)
			.containsExactly("data_race: 4 at Nov 21 00:00", "data_race: 1 at Nov 21 06:00");
		assertThat(week.xLabels()).extracting(Tick::label)
			.containsExactly("Nov 15", "Nov 16", "Nov 17", "Nov 18", "Nov 19", "Nov 20", "Nov 21");
		StackedBarChart day = CrashChart.of(CrashChart.Range.DAY, NOW, berlin,
				List.of(new KindHour("data_race", Instant.parse("2026-11-21T10:00:00Z"), 2)), List.of(), "other kinds",
				(n) -> n + " deploys");
		assertThat(day.bars()).extracting(Segment::title).containsExactly("data_race: 2 at 11:00");
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
		assertThat(chart.series().get(0)).isEqualTo(new Series(kinds[0].id(), 0, 100));
		assertThat(chart.series().get(7)).isEqualTo(new Series("other kinds", 7, 93 + 92 + 91));
		assertThat(chart.total()).isEqualTo(955);
	}

	@Test
	void marksOneDeployByNameAndSeveralInABucketByCount() {
		StackedBarChart chart = chart(CrashChart.Range.DAY, List.of(),
				List.of(new DeployAt("orders", "production", "1.4.2", Instant.parse("2026-11-21T02:10:00Z")),
						new DeployAt("billing", "production", "7.0.0", Instant.parse("2026-11-21T06:05:00Z")),
						new DeployAt("search", "staging", "2.1.0", Instant.parse("2026-11-21T06:40:00Z")),
						new DeployAt("orders", "production", "1.4.1", Instant.parse("2026-11-19T06:40:00Z"))));
		assertThat(chart.markers()).extracting(Marker::label, Marker::title, Marker::labelled)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("orders 1.4.2", "orders 1.4.2", true),
					org.assertj.core.groups.Tuple.tuple("2 deploys", "billing 7.0.0, search 2.1.0", true));
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
		// row again; the last one, near the right edge, would end at its line, but no
		// row has room for it
		assertThat(chart.markers()).extracting(Marker::labelled).containsExactly(true, true, true, true, false);
		assertThat(chart.markers()).extracting(Marker::labelY).startsWith(20.0, 30.0, 40.0, 20.0);
		assertThat(chart.markers()).extracting(Marker::anchor)
			.containsExactly("start", "start", "start", "start", "end");
	}

	@Test
	void axisLabelsAreShortForLargeCounts() {
		StackedBarChart chart = chart(CrashChart.Range.DAY,
				List.of(new KindHour("nil_map_write", NOW.minus(Duration.ofHours(1)), 38_000)), List.of());
		assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0", "10k", "20k", "30k", "40k");
		StackedBarChart small = chart(CrashChart.Range.DAY,
				List.of(new KindHour("nil_map_write", NOW.minus(Duration.ofHours(1)), 7_000)), List.of());
		assertThat(small.yTicks()).extracting(Tick::label).containsExactly("0", "2,000", "4,000", "6,000", "8,000");
	}

	private static StackedBarChart chart(CrashChart.Range range, List<KindHour> counts, List<DeployAt> deploys) {
		return CrashChart.of(range, NOW, ZoneOffset.UTC, counts, deploys, "other kinds", (n) -> n + " deploys");
	}

}
