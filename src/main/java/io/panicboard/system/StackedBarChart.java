package io.panicboard.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart over time, one bar per time bucket, each bar stacked by series (a kind, a
 * status…), with optional vertical markers (deploys): the data that
 * {@code static/js/charts.js} draws with Chart.js, from the {@code data-chart} attribute
 * of the {@code fragments/charts :: stackedBars} fragment (see {@link #json()}). Every
 * text is made here but the description (screen readers, and a reader without
 * JavaScript), which the fragment writes from the counts with the messages: time labels
 * in the pages' zone and the tooltips.
 *
 * @param labels the time axis's label of every bucket, empty where none is shown
 * @param titles the time of every bucket, the title of its tooltip
 * @param series the series in stacking order, with their values
 * @param yTicks the value axis's grid lines with their labels
 * @param markers the vertical markers inside the range
 * @param notes per bucket, the titles of its markers (the tooltip's footer)
 * @param total the sum of every value
 */
public record StackedBarChart(List<String> labels, List<String> titles, List<Series> series, List<YTick> yTicks,
		List<Marker> markers, List<List<String>> notes, long total) {

	/** Bucket counts between two time labels, in preference order. */
	private static final int[] LABEL_STEPS = { 1, 2, 3, 4, 6, 8, 12, 24, 48 };

	private static final int MAX_LABELS = 7;

	/**
	 * Builds a chart.
	 * @param bucketStarts the start of every bucket, ascending, equally spaced
	 * @param bucketSeconds the length of one bucket
	 * @param series the series with one value per bucket
	 * @param markers vertical markers inside the time range (others are left out)
	 * @param zone the zone for the time labels
	 * @return the chart
	 */
	public static StackedBarChart of(List<Instant> bucketStarts, long bucketSeconds, List<SeriesValues> series,
			List<MarkerAt> markers, ZoneId zone) {
		int n = bucketStarts.size();
		long[] totals = new long[n];
		long total = 0;
		for (SeriesValues s : series) {
			for (int i = 0; i < n; i++) {
				totals[i] += s.values()[i];
				total += s.values()[i];
			}
		}
		long max = 0;
		for (long t : totals) {
			max = Math.max(max, t);
		}
		long top = niceCeiling(max);
		DateTimeFormatter timeFormat = timeFormat(bucketSeconds, zone);
		// a tooltip names the day as well once the chart spans more than one
		boolean days = n > 0
				&& bucketStarts.get(n - 1).getEpochSecond() - bucketStarts.get(0).getEpochSecond() >= 86_400;
		List<String> titles = BucketTitles.of(bucketStarts, (days && bucketSeconds < 3_600 * 6)
				? DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(zone) : timeFormat);
		List<Series> laidOutSeries = new ArrayList<>();
		for (int s = 0; s < series.size(); s++) {
			SeriesValues values = series.get(s);
			long sum = 0;
			List<String> tooltips = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				sum += values.values()[i];
				tooltips.add(values.name() + ": " + values.values()[i]);
			}
			laidOutSeries.add(new Series(values.name(), s % 8, sum, values.values(), tooltips));
		}
		List<YTick> yTicks = new ArrayList<>();
		for (int k = 0; k <= 4; k++) {
			long value = top * k / 4;
			yTicks.add(new YTick(value, tickLabel(value)));
		}
		List<String> labels = new ArrayList<>(n);
		int every = labelEvery(n, bucketSeconds);
		DateTimeFormatter labelFormat = ((long) every * bucketSeconds % 86_400 == 0)
				? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(zone) : timeFormat;
		for (Instant at : bucketStarts) {
			long local = at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds();
			labels.add((Math.floorMod(Math.floorDiv(local, bucketSeconds), every) == 0) ? labelFormat.format(at) : "");
		}
		List<List<String>> notes = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			notes.add(new ArrayList<>());
		}
		List<Marker> laidOutMarkers = new ArrayList<>();
		if (n > 0) {
			Instant start = bucketStarts.get(0);
			Instant end = bucketStarts.get(n - 1).plusSeconds(bucketSeconds);
			MarkerRows rows = new MarkerRows();
			List<MarkerAt> sorted = new ArrayList<>(markers);
			sorted.sort(Comparator.comparing(MarkerAt::at));
			for (MarkerAt marker : sorted) {
				if (!marker.at().isBefore(start) && marker.at().isBefore(end)) {
					double position = LineChart.position(marker.at(), start, bucketSeconds);
					laidOutMarkers.add(new Marker(position, marker.label(), rows.next(position / n, marker.label()),
							marker.title()));
					notes.get((int) position).add(marker.title());
				}
			}
		}
		return new StackedBarChart(labels, titles, laidOutSeries, yTicks, laidOutMarkers, notes, total);
	}

	/**
	 * The chart as JSON, for the {@code data-chart} attribute.
	 * @return the JSON
	 */
	public String json() {
		return ChartJson.of("bars", this);
	}

	/**
	 * Whether there is anything to draw.
	 * @return {@code true} when every value is zero
	 */
	public boolean isEmpty() {
		return this.total == 0;
	}

	private static DateTimeFormatter timeFormat(long bucketSeconds, ZoneId zone) {
		String pattern = (bucketSeconds >= 86_400) ? "MMM d" : (bucketSeconds >= 3_600 * 6) ? "MMM d HH:mm" : "HH:mm";
		return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
	}

	/**
	 * How many buckets apart the time labels are: at most {@value #MAX_LABELS} labels, on
	 * round times (every 4 hours, every day…) where the bucket length allows it.
	 */
	static int labelEvery(int n, long bucketSeconds) {
		for (int step : LABEL_STEPS) {
			long seconds = step * bucketSeconds;
			boolean round = 86_400 % seconds == 0 || seconds % 86_400 == 0;
			if (round && (n + step - 1) / step <= MAX_LABELS) {
				return step;
			}
		}
		return Math.max(1, (n + MAX_LABELS - 1) / MAX_LABELS);
	}

	/** {@code 800}, {@code 2,500}, {@code 40k}, {@code 1.5M}. */
	static String tickLabel(long value) {
		if (value >= 1_000_000 && value % 100_000 == 0) {
			return (value % 1_000_000 == 0) ? value / 1_000_000 + "M"
					: String.format(Locale.ROOT, "%.1fM", value / 1e6);
		}
		if (value >= 10_000 && value % 1_000 == 0) {
			return value / 1_000 + "k";
		}
		return String.format(Locale.ROOT, "%,d", value);
	}

	static long niceCeiling(long max) {
		if (max <= 4) {
			return 4;
		}
		long magnitude = 1;
		while (magnitude * 10 <= max) {
			magnitude *= 10;
		}
		for (long step : new long[] { 1, 2, 4, 5, 8, 10 }) {
			long candidate = step * magnitude;
			if (candidate >= max && candidate % 4 == 0) {
				return candidate;
			}
		}
		return ((max + 3) / 4) * 4;
	}

	/**
	 * One series' values, one per bucket.
	 *
	 * @param name the series name (shown in the legend and tooltips)
	 * @param values the values
	 */
	public record SeriesValues(String name, long[] values) {

	}

	/**
	 * A marker to draw at a point in time.
	 *
	 * @param at when
	 * @param label its label, e.g. a version
	 * @param title its tooltip, e.g. the deploys it stands for
	 */
	public record MarkerAt(Instant at, String label, String title) {

		/**
		 * A marker whose tooltip is its label.
		 * @param at when
		 * @param label its label
		 */
		public MarkerAt(Instant at, String label) {
			this(at, label, label);
		}

	}

	/**
	 * A series to draw, and its legend entry.
	 *
	 * @param name the series name
	 * @param colour its colour index (0–7)
	 * @param total its sum
	 * @param values its value in every bucket
	 * @param tooltips every value with the series' name, as its tooltip shows it
	 */
	public record Series(String name, int colour, long total, long[] values, List<String> tooltips) {

	}

	/**
	 * A grid line of the value axis.
	 *
	 * @param value where
	 * @param label its label, e.g. {@code 40k}
	 */
	public record YTick(long value, String label) {

	}

	/**
	 * A vertical marker.
	 *
	 * @param position where, in buckets from the start of the first (2.5 is the middle of
	 * the third)
	 * @param label its label
	 * @param row the row of its label from the top (0–2), {@code null} when its label is
	 * not drawn (markers crowd)
	 * @param title its tooltip
	 */
	public record Marker(double position, String label, Integer row, String title) {

	}

}
