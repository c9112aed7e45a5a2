package io.panicboard.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.system.LineChart.MarkerAt;
import io.panicboard.system.LineChart.SeriesValues;
import io.panicboard.system.LineChart.TickAt;
import io.panicboard.system.LineChart.Unit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineChartTests {

	private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

	private static final double MIB = 1024 * 1024;

	@Test
	void placesOnePointPerBucketAtItsCentreScaledToANiceTop() {
		LineChart chart = LineChart.of(starts(4, 60), 60,
				List.of(new SeriesValues("live", new double[] { 0, 100 * MIB, 200 * MIB, 300 * MIB })), Unit.BYTES,
				List.of(), List.of(), ZoneOffset.UTC);
		// plot from x 52 to 712 (4 slots of 165), y from 158 up to 14; top 300 MB in
		// steps
		// of 100
		assertThat(chart.lines()).singleElement()
			.satisfies((line) -> assertThat(line.segments())
				.containsExactly("134.5,158.0 299.5,110.0 464.5,62.0 629.5,14.0"));
		assertThat(chart.yTicks()).extracting(LineChart.Tick::label)
			.containsExactly("0 MB", "100 MB", "200 MB", "300 MB");
		assertThat(chart.empty()).isFalse();
		assertThat(chart.hovers()).hasSize(4);
		assertThat(chart.hovers().get(2).title()).isEqualTo("10:02\nlive: 200 MB");
	}

	@Test
	void breaksALineWhereAValueIsMissingAndKeepsLonePointsAsDots() {
		LineChart chart = LineChart.of(starts(5, 60), 60,
				List.of(new SeriesValues("p99", new double[] { 0.001, 0.002, Double.NaN, 0.004, Double.NaN })),
				Unit.SECONDS, List.of(), List.of(), ZoneOffset.UTC);
		LineChart.Line line = chart.lines().get(0);
		assertThat(line.segments()).hasSize(1);
		assertThat(line.segments().get(0).split(" ")).hasSize(2);
		assertThat(line.dots()).hasSize(1);
		assertThat(chart.yTicks()).extracting(LineChart.Tick::label).contains("0 ms", "4 ms");
	}

	@Test
	void tooltipsShowEachValueInItsOwnUnit() {
		LineChart pauses = LineChart.of(starts(2, 60), 60,
				List.of(new SeriesValues("p50", new double[] { 0.000_04, 0.000_05 }),
						new SeriesValues("max", new double[] { 0.000_3, 1.2 })),
				Unit.SECONDS, List.of(), List.of(), ZoneOffset.UTC);
		assertThat(pauses.yTicks()).extracting(LineChart.Tick::label).last().isEqualTo("1.5 s");
		assertThat(pauses.hovers()).extracting(LineChart.Hover::title)
			.containsExactly("10:00\np50: 40 µs\nmax: 300 µs", "10:01\np50: 50 µs\nmax: 1.2 s");
		LineChart heap = LineChart.of(starts(1, 60), 60,
				List.of(new SeriesValues("live", new double[] { 600 * 1024 }),
						new SeriesValues("goal", new double[] { 3.5 * 1024 * MIB })),
				Unit.BYTES, List.of(), List.of(), ZoneOffset.UTC);
		assertThat(heap.hovers().get(0).title()).isEqualTo("10:00\nlive: 600 KB\ngoal: 3.5 GB");
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
	void marksDeploysAndCrashesInsideTheRangeOnly() {
		List<MarkerAt> markers = List.of(new MarkerAt(START.plusSeconds(120), "v2", "Deploy of v2"),
				new MarkerAt(START.minusSeconds(1), "v1", "before"),
				new MarkerAt(START.plusSeconds(240), "v3", "after"));
		List<TickAt> ticks = List.of(new TickAt(START.plusSeconds(60), 0, "out_of_memory", "1 × out_of_memory"),
				new TickAt(START.plusSeconds(90), 1, "nil_map_write", "2 × nil_map_write"),
				new TickAt(START.plusSeconds(100), 0, "out_of_memory", "1 × out_of_memory"),
				new TickAt(START.plusSeconds(400), 0, "out_of_memory", "later"));
		LineChart chart = LineChart.of(starts(4, 60), 60, List.of(new SeriesValues("x", new double[] { 1, 2, 3, 4 })),
				Unit.COUNT, markers, ticks, ZoneOffset.UTC);
		assertThat(chart.markers()).singleElement().satisfies((m) -> {
			assertThat(m.x()).isEqualTo(382.0);
			assertThat(m.title()).isEqualTo("Deploy of v2");
		});
		assertThat(chart.ticks()).hasSize(3);
		assertThat(chart.ticks().get(0).x()).isEqualTo(217.0);
		assertThat(chart.ticks().get(0).y2()).isEqualTo(chart.plotBottom());
		assertThat(chart.tickLegend()).extracting(LineChart.Legend::label)
			.containsExactly("out_of_memory", "nil_map_write");
	}

	@Test
	void isEmptyWithoutAnyValue() {
		double[] none = { Double.NaN, Double.NaN };
		LineChart chart = LineChart.of(starts(2, 600), 600, List.of(new SeriesValues("x", none)), Unit.PERCENT,
				List.of(), List.of(), ZoneOffset.UTC);
		assertThat(chart.empty()).isTrue();
		assertThat(chart.lines().get(0).segments()).isEmpty();
		assertThat(chart.lines().get(0).dots()).isEmpty();
	}

	private static List<String> labels(Unit unit, double max) {
		LineChart chart = LineChart.of(starts(2, 60), 60, List.of(new SeriesValues("x", new double[] { 0, max })), unit,
				List.of(), List.of(), ZoneOffset.UTC);
		return chart.yTicks().stream().map(LineChart.Tick::label).toList();
	}

	private static List<Instant> starts(int n, long seconds) {
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			starts.add(START.plusSeconds(i * seconds));
		}
		return starts;
	}

}
