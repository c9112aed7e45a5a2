package io.panicboard.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.system.LineChart.MarkerAt;
import io.panicboard.system.LineChart.SeriesValues;
import io.panicboard.system.LineChart.TickAt;
import io.panicboard.system.LineChart.Unit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LineChartTests {

	private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

	private static final double MIB = 1024 * 1024;

	@Test
	void hasOneValueAndTooltipPerBucketAndAValueAxisUpToANiceTop() {
		LineChart chart = LineChart.of(starts(4, 60), 60,
				List.of(new SeriesValues("live", new double[] { 0, 100 * MIB, 200 * MIB, 300 * MIB })), Unit.BYTES,
				List.of(), List.of(), ZoneOffset.UTC);
		assertThat(chart.lines()).singleElement().satisfies((line) -> {
			assertThat(line.values()).containsExactly(0.0, 100 * MIB, 200 * MIB, 300 * MIB);
			assertThat(line.texts()).containsExactly("0 KB", "100 MB", "200 MB", "300 MB");
			assertThat(line.tooltips()).containsExactly("live: 0 KB", "live: 100 MB", "live: 200 MB", "live: 300 MB");
		});
		// the grid lines at their values in bytes, labelled in the unit of the top
		assertThat(chart.yTicks()).extracting(LineChart.YTick::value, LineChart.YTick::label)
			.containsExactly(tuple(0.0, "0 MB"), tuple(100 * MIB, "100 MB"), tuple(200 * MIB, "200 MB"),
					tuple(300 * MIB, "300 MB"));
		assertThat(chart.titles()).containsExactly("10:00", "10:01", "10:02", "10:03");
		assertThat(chart.empty()).isFalse();
		assertThat(chart.top()).isEqualTo("300 MB");
	}

	@Test
	void aMissingValueIsNullSoThatItBreaksTheLine() {
		LineChart chart = LineChart.of(starts(5, 60), 60,
				List.of(new SeriesValues("p99", new double[] { 0.001, 0.002, Double.NaN, 0.004, Double.NaN })),
				Unit.SECONDS, List.of(), List.of(), ZoneOffset.UTC);
		LineChart.Line line = chart.lines().get(0);
		assertThat(line.values()).containsExactly(0.001, 0.002, null, 0.004, null);
		assertThat(line.texts()).containsExactly("1 ms", "2 ms", "–", "4 ms", "–");
		assertThat(line.tooltips().get(2)).isEqualTo("p99: –");
		assertThat(chart.yTicks()).extracting(LineChart.YTick::label).contains("0 ms", "4 ms");
		assertThat(ChartJson.of("lines", chart)).contains("\"values\":[0.001,0.002,null,0.004,null]");
	}

	@Test
	void tooltipsShowEachValueInItsOwnUnit() {
		LineChart pauses = LineChart.of(starts(2, 60), 60,
				List.of(new SeriesValues("p50", new double[] { 0.000_04, 0.000_05 }),
						new SeriesValues("max", new double[] { 0.000_3, 1.2 })),
				Unit.SECONDS, List.of(), List.of(), ZoneOffset.UTC);
		assertThat(pauses.yTicks()).extracting(LineChart.YTick::label).last().isEqualTo("1.5 s");
		assertThat(pauses.lines()).extracting(LineChart.Line::tooltips)
			.containsExactly(List.of("p50: 40 µs", "p50: 50 µs"), List.of("max: 300 µs", "max: 1.2 s"));
		LineChart heap = LineChart.of(starts(1, 60), 60,
				List.of(new SeriesValues("live", new double[] { 600 * 1024 }),
						new SeriesValues("goal", new double[] { 3.5 * 1024 * MIB })),
				Unit.BYTES, List.of(), List.of(), ZoneOffset.UTC);
		assertThat(heap.lines()).extracting((line) -> line.tooltips().get(0))
			.containsExactly("live: 600 KB", "goal: 3.5 GB");
	}

	@Test
	void choosesUnitsByMagnitude() {
		assertThat(labels(Unit.BYTES, 3.2 * 1024 * MIB)).last().isEqualTo("4 GB");
		assertThat(labels(Unit.BYTES, 512 * 1024)).last().isEqualTo("600 KB");
		assertThat(labels(Unit.SECONDS, 0.000_4)).last().isEqualTo("400 µs");
		assertThat(labels(Unit.SECONDS, 2.5)).last().isEqualTo("3 s");
		assertThat(labels(Unit.PERCENT, 7)).containsExactly("0%", "2%", "4%", "6%", "8%");
		assertThat(labels(Unit.COUNT, 3)).containsExactly("0", "1", "2", "3");
	}

	@Test
	void marksDeploysAndCrashesInsideTheRangeOnlyAndNamesThemInTheirBucketsTooltip() {
		List<MarkerAt> markers = List.of(new MarkerAt(START.plusSeconds(120), "v2", "Deploy of v2"),
				new MarkerAt(START.minusSeconds(1), "v1", "before"),
				new MarkerAt(START.plusSeconds(240), "v3", "after"));
		List<TickAt> ticks = List.of(new TickAt(START.plusSeconds(60), 0, "out_of_memory", "1 × out_of_memory"),
				new TickAt(START.plusSeconds(90), 1, "nil_map_write", "2 × nil_map_write"),
				new TickAt(START.plusSeconds(100), 0, "out_of_memory", "1 × out_of_memory"),
				new TickAt(START.plusSeconds(400), 0, "out_of_memory", "later"));
		LineChart chart = LineChart.of(starts(4, 60), 60, List.of(new SeriesValues("x", new double[] { 1, 2, 3, 4 })),
				Unit.COUNT, markers, ticks, ZoneOffset.UTC);
		assertThat(chart.markers()).singleElement().isEqualTo(new LineChart.Marker(2.0, "v2", 0, "Deploy of v2"));
		assertThat(chart.ticks()).extracting(LineChart.AxisTick::position, LineChart.AxisTick::colour)
			.containsExactly(tuple(1.0, 0), tuple(1.5, 1), tuple(100 / 60.0, 0));
		assertThat(chart.tickLegend()).extracting(LineChart.Legend::label)
			.containsExactly("out_of_memory", "nil_map_write");
		assertThat(chart.notes()).containsExactly(List.of(),
				List.of("1 × out_of_memory", "2 × nil_map_write", "1 × out_of_memory"), List.of("Deploy of v2"),
				List.of());
		assertThat(chart.top()).isEqualTo("4");
	}

	@Test
	void labelsTheTimeAxisOnRoundTimesOfThePagesZone() {
		// 144 buckets of 10 minutes from 10:00 UTC: a label every 4 hours, in Kolkata
		// (UTC+5:30) at 16:00, 20:00… there, which are 10:30, 14:30… UTC
		List<Instant> starts = starts(144, 600);
		LineChart chart = LineChart.of(starts, 600, List.of(new SeriesValues("x", new double[144])), Unit.COUNT,
				List.of(), List.of(), ZoneId.of("Asia/Kolkata"));
		assertThat(chart.labels()).filteredOn((label) -> !label.isEmpty())
			.containsExactly("16:00", "20:00", "00:00", "04:00", "08:00", "12:00");
		assertThat(chart.labels().get(3)).isEqualTo("16:00");
		assertThat(chart.titles().get(0)).isEqualTo("15:30");
	}

	@Test
	void isEmptyWithoutAnyValue() {
		double[] none = { Double.NaN, Double.NaN };
		LineChart chart = LineChart.of(starts(2, 600), 600, List.of(new SeriesValues("x", none)), Unit.PERCENT,
				List.of(), List.of(), ZoneOffset.UTC);
		assertThat(chart.empty()).isTrue();
		assertThat(chart.lines().get(0).values()).containsOnlyNulls();
	}

	private static List<String> labels(Unit unit, double max) {
		LineChart chart = LineChart.of(starts(2, 60), 60, List.of(new SeriesValues("x", new double[] { 0, max })), unit,
				List.of(), List.of(), ZoneOffset.UTC);
		return chart.yTicks().stream().map(LineChart.YTick::label).toList();
	}

	private static List<Instant> starts(int n, long seconds) {
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			starts.add(START.plusSeconds(i * seconds));
		}
		return starts;
	}

}
