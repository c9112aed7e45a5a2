package io.panicboard.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart over time, one point per time bucket and line, with dashed vertical
 * markers (deploys) and coloured ticks along the time axis (crashes): the data that
 * {@code static/js/charts.js} draws with Chart.js, from the {@code data-chart} attribute
 * of the {@code fragments/charts :: lineChart} fragment (see {@link #json()}). Every text
 * is made here but the description (screen readers, and a reader without JavaScript),
 * which the fragment writes from the counts with the messages: time labels in the pages'
 * zone, each value in its unit, the tooltips and the largest value. A missing value is
 * {@code null} and breaks its line.
 *
 * @param labels the time axis's label of every bucket, empty where none is shown
 * @param titles the time of every bucket, the title of its tooltip
 * @param lines the lines
 * @param yTicks the value axis's grid lines with their labels (with the unit)
 * @param markers the dashed vertical markers inside the range
 * @param ticks the ticks along the time axis inside the range
 * @param tickLegend the distinct tick labels with their colours
 * @param notes per bucket, the titles of its markers and ticks (the tooltip's footer)
 * @param empty whether no line has any value
 * @param top the largest value in its unit, for the description ("up to 300 MB")
 */
public record LineChart(List<String> labels, List<String> titles, List<Line> lines, List<YTick> yTicks,
		List<Marker> markers, List<AxisTick> ticks, List<Legend> tickLegend, List<List<String>> notes, boolean empty,
		String top) {

	private static final long KIB = 1024;

	private static final long MIB = KIB * 1024;

	private static final long GIB = MIB * 1024;

	/** The text of a missing value. */
	static final String MISSING = "–";

	/**
	 * Builds a chart.
	 * @param bucketStarts the start of every bucket, ascending, equally spaced
	 * @param bucketSeconds the length of one bucket
	 * @param series the lines with one value per bucket ({@code NaN} where missing)
	 * @param unit the unit of every value
	 * @param markers vertical markers; those outside the time range are left out
	 * @param ticks ticks along the time axis; those outside the time range are left out
	 * @param zone the zone for the time labels
	 * @return the chart
	 */
	public static LineChart of(List<Instant> bucketStarts, long bucketSeconds, List<SeriesValues> series, Unit unit,
			List<MarkerAt> markers, List<TickAt> ticks, ZoneId zone) {
		int n = bucketStarts.size();
		double max = 0;
		boolean any = false;
		for (SeriesValues s : series) {
			for (int i = 0; i < n; i++) {
				double v = s.values()[i];
				if (!Double.isNaN(v)) {
					any = true;
					max = Math.max(max, v);
				}
			}
		}
		Scale scale = Scale.of(max, unit);
		DateTimeFormatter timeFormat = timeFormat(bucketSeconds, zone);
		List<String> titles = BucketTitles.of(bucketStarts, timeFormat);
		List<Line> lines = new ArrayList<>();
		for (int s = 0; s < series.size(); s++) {
			SeriesValues values = series.get(s);
			List<Double> points = new ArrayList<>(n);
			List<String> texts = new ArrayList<>(n);
			List<String> tooltips = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				double v = values.values()[i];
				String text = Double.isNaN(v) ? MISSING : Scale.valueLabel(v, unit);
				points.add(Double.isNaN(v) ? null : v);
				texts.add(text);
				tooltips.add(values.name() + ": " + text);
			}
			lines.add(new Line(values.name(), s % 8, values.emphasised(), points, texts, tooltips));
		}
		List<YTick> yTicks = new ArrayList<>();
		for (int k = 0; k <= scale.steps(); k++) {
			double value = k * scale.step();
			yTicks.add(new YTick(value * scale.divisor(), scale.label(value)));
		}
		List<List<String>> notes = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			notes.add(new ArrayList<>());
		}
		List<Marker> laidOut = new ArrayList<>();
		List<AxisTick> axisTicks = new ArrayList<>();
		Map<String, Integer> legend = new LinkedHashMap<>();
		if (n > 0) {
			Instant start = bucketStarts.get(0);
			Instant end = bucketStarts.get(n - 1).plusSeconds(bucketSeconds);
			MarkerRows rows = new MarkerRows();
			List<MarkerAt> sorted = new ArrayList<>(markers);
			sorted.sort(Comparator.comparing(MarkerAt::at));
			for (MarkerAt marker : sorted) {
				if (!marker.at().isBefore(start) && marker.at().isBefore(end)) {
					double position = position(marker.at(), start, bucketSeconds);
					laidOut.add(new Marker(position, marker.label(), rows.next(position / n, marker.label()),
							marker.title()));
					notes.get((int) position).add(marker.title());
				}
			}
			for (TickAt tick : ticks) {
				if (!tick.at().isBefore(start) && tick.at().isBefore(end)) {
					double position = position(tick.at(), start, bucketSeconds);
					axisTicks.add(new AxisTick(position, tick.colour() % 8, tick.title()));
					notes.get((int) position).add(tick.title());
					legend.putIfAbsent(tick.label(), tick.colour() % 8);
				}
			}
		}
		List<Legend> tickLegend = new ArrayList<>();
		legend.forEach((label, colour) -> tickLegend.add(new Legend(label, colour)));
		return new LineChart(axisLabels(bucketStarts, bucketSeconds, zone), titles, lines, yTicks, laidOut, axisTicks,
				tickLegend, notes, !any, scale.label(max / scale.divisor()));
	}

	/**
	 * The chart as JSON, for the {@code data-chart} attribute.
	 * @return the JSON
	 */
	public String json() {
		return ChartJson.of("lines", this);
	}

	/** Where a time is, in buckets from the start of the first. */
	static double position(Instant at, Instant start, long bucketSeconds) {
		return (double) (at.getEpochSecond() - start.getEpochSecond()) / bucketSeconds;
	}

	/**
	 * The time axis's labels: at most seven, on round times (every 4 hours, every day…)
	 * in the zone where the bucket length allows it, by day when they are days apart.
	 */
	static List<String> axisLabels(List<Instant> bucketStarts, long bucketSeconds, ZoneId zone) {
		int n = bucketStarts.size();
		int every = StackedBarChart.labelEvery(n, bucketSeconds);
		DateTimeFormatter format = ((long) every * bucketSeconds % 86_400 == 0)
				? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(zone) : timeFormat(bucketSeconds, zone);
		List<String> labels = new ArrayList<>(n);
		for (Instant at : bucketStarts) {
			long local = at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds();
			labels.add((Math.floorMod(Math.floorDiv(local, bucketSeconds), every) == 0) ? format.format(at) : "");
		}
		return labels;
	}

	private static DateTimeFormatter timeFormat(long bucketSeconds, ZoneId zone) {
		String pattern = (bucketSeconds >= 3_600) ? "MMM d HH:mm" : "HH:mm";
		return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
	}

	/**
	 * The unit of a chart's values, which decides the axis labels.
	 */
	public enum Unit {

		/** Bytes, shown in KB, MB or GB (of 1024). */
		BYTES,
		/** Seconds, shown in µs, ms or s. */
		SECONDS,
		/** Percent. */
		PERCENT,
		/** A plain count. */
		COUNT

	}

	/**
	 * The value axis: its top, the step between grid lines, and how values are shown.
	 *
	 * @param divisor what a value is divided by for its label (e.g. 1 MiB)
	 * @param suffix the unit label, e.g. {@code " MB"}
	 * @param step the step between grid lines, in divided units
	 * @param steps how many steps up to the top
	 */
	record Scale(double divisor, String suffix, double step, int steps) {

		static Scale of(double max, Unit unit) {
			double divisor = 1;
			String suffix = "";
			switch (unit) {
				case BYTES -> {
					divisor = (max >= GIB) ? GIB : (max >= MIB) ? MIB : KIB;
					suffix = (max >= GIB) ? " GB" : (max >= MIB) ? " MB" : " KB";
				}
				case SECONDS -> {
					divisor = (max >= 1) ? 1 : (max >= 0.001) ? 0.001 : 0.000_001;
					suffix = (max >= 1) ? " s" : (max >= 0.001) ? " ms" : " µs";
				}
				case PERCENT -> suffix = "%";
				case COUNT -> suffix = "";
			}
			double scaled = max / divisor;
			double step = niceStep(scaled / 4, unit == Unit.COUNT);
			int steps = Math.max(1, (int) Math.ceil(scaled / step - 1e-9));
			return new Scale(divisor, suffix, step, steps);
		}

		/**
		 * A value in the unit that suits it, not the axis's: a 40 µs pause on a chart
		 * whose axis goes up to 2 s is {@code 40 µs}, not {@code 0 s}.
		 */
		static String valueLabel(double value, Unit unit) {
			Scale own = of(value, unit);
			return own.label(value / own.divisor());
		}

		String label(double scaledValue) {
			BigDecimal value = BigDecimal.valueOf(scaledValue).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
			return value.toPlainString() + this.suffix;
		}

		/** 1, 2, 2.5 or 5 times a power of ten, at least {@code rough}. */
		static double niceStep(double rough, boolean whole) {
			if (rough <= 0) {
				return 1;
			}
			double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
			double residual = rough / magnitude;
			double step = ((residual <= 1) ? 1
					: (residual <= 2) ? 2 : (residual <= 2.5) ? 2.5 : (residual <= 5) ? 5 : 10) * magnitude;
			return whole ? Math.max(1, Math.ceil(step)) : step;
		}

	}

	/**
	 * One line's values, one per bucket.
	 *
	 * @param name the line's name (legend and tooltips)
	 * @param values the values, {@code NaN} where there is none
	 * @param emphasised whether the line is drawn thicker (e.g. the crashed instance)
	 */
	public record SeriesValues(String name, double[] values, boolean emphasised) {

		/**
		 * A line drawn normally.
		 * @param name its name
		 * @param values its values
		 */
		public SeriesValues(String name, double[] values) {
			this(name, values, false);
		}

	}

	/**
	 * A vertical marker to draw at a point in time.
	 *
	 * @param at when
	 * @param label its label, e.g. a version (empty for none)
	 * @param title its tooltip
	 */
	public record MarkerAt(Instant at, String label, String title) {

	}

	/**
	 * A tick to draw on the time axis, e.g. a crash.
	 *
	 * @param at when
	 * @param colour the colour index (0–7)
	 * @param label the legend entry it belongs to, e.g. a kind
	 * @param title its tooltip
	 */
	public record TickAt(Instant at, int colour, String label, String title) {

	}

	/**
	 * A line to draw.
	 *
	 * @param name its name
	 * @param colour its colour index (0–7)
	 * @param emphasised whether it is drawn thicker
	 * @param values its value in every bucket, {@code null} where missing (a gap)
	 * @param texts every value in its own unit ({@code –} where missing)
	 * @param tooltips every value with the line's name, as its tooltip shows it
	 */
	public record Line(String name, int colour, boolean emphasised, List<Double> values, List<String> texts,
			List<String> tooltips) {

	}

	/**
	 * A grid line of the value axis.
	 *
	 * @param value where, in the values' unit (bytes, seconds…)
	 * @param label its label, e.g. {@code 100 MB}
	 */
	public record YTick(double value, String label) {

	}

	/**
	 * A vertical marker.
	 *
	 * @param position where, in buckets from the start of the first (2.5 is the middle of
	 * the third)
	 * @param label its label
	 * @param row the row of its label from the top (0–2), {@code null} when its label is
	 * not drawn (markers crowd, or it has none)
	 * @param title its tooltip
	 */
	public record Marker(double position, String label, Integer row, String title) {

	}

	/**
	 * A tick on the time axis.
	 *
	 * @param position where, in buckets from the start of the first
	 * @param colour its colour index (0–7)
	 * @param title its tooltip
	 */
	public record AxisTick(double position, int colour, String title) {

	}

	/**
	 * A legend entry of the axis ticks.
	 *
	 * @param label its label
	 * @param colour its colour index
	 */
	public record Legend(String label, int colour) {

	}

}
