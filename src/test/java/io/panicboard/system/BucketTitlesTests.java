package io.panicboard.system;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.system.LineChart.SeriesValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chart's tooltip titles tell every bucket apart: by its day once the chart spans more
 * than one, and by the zone's name in the hour that comes twice when daylight saving time
 * ends.
 */
class BucketTitlesTests {

	@Test
	void hourlyBarsOverSeveralDaysNameTheDay() {
		StackedBarChart chart = bars(hours(Instant.parse("2026-11-20T00:00:00Z"), 72), ZoneOffset.UTC);
		assertThat(chart.titles()).hasSize(72)
			.startsWith("Nov 20 00:00", "Nov 20 01:00")
			.contains("Nov 21 00:00")
			.endsWith("Nov 22 23:00")
			.doesNotHaveDuplicates();
		// the axis keeps its short labels
		assertThat(chart.labels()).filteredOn((label) -> !label.isEmpty()).allMatch((label) -> label.length() <= 6);
		// a single day's chart needs no date in its tooltips
		assertThat(bars(hours(Instant.parse("2026-11-20T00:00:00Z"), 24), ZoneOffset.UTC).titles()).startsWith("00:00",
				"01:00");
	}

	@Test
	void theHourThatComesTwiceWhenDaylightSavingTimeEndsIsNamedByItsZone() {
		// Berlin: 2026-10-25 03:00 CEST is 02:00 CET again
		StackedBarChart berlin = bars(hours(Instant.parse("2026-10-24T22:00:00Z"), 6), ZoneId.of("Europe/Berlin"));
		assertThat(berlin.titles()).containsExactly("00:00", "01:00", "02:00 CEST", "02:00 CET", "03:00", "04:00");
		// New York, minute by minute: 01:00–01:59 EDT, then 01:00–01:59 EST
		List<Instant> minutes = new ArrayList<>();
		for (int i = 0; i < 180; i++) {
			minutes.add(Instant.parse("2026-11-01T05:00:00Z").plus(Duration.ofMinutes(i)));
		}
		LineChart line = LineChart.of(minutes, 60, List.of(new SeriesValues("x", new double[180])),
				LineChart.Unit.COUNT, List.of(), List.of(), ZoneId.of("America/New_York"));
		assertThat(line.titles().get(0)).isEqualTo("01:00 EDT");
		assertThat(line.titles().get(59)).isEqualTo("01:59 EDT");
		assertThat(line.titles().get(60)).isEqualTo("01:00 EST");
		assertThat(line.titles().get(120)).isEqualTo("02:00");
		assertThat(line.titles()).doesNotHaveDuplicates();
	}

	private static List<Instant> hours(Instant from, int n) {
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			starts.add(from.plus(Duration.ofHours(i)));
		}
		return starts;
	}

	private static StackedBarChart bars(List<Instant> starts, ZoneId zone) {
		return StackedBarChart.of(starts, 3600,
				List.of(new StackedBarChart.SeriesValues("crashes", new long[starts.size()])), List.of(), zone);
	}

}
