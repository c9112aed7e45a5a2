package io.panicboard.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart over time, one point per time bucket and line, with dashed vertical
 * markers (deploys) and coloured ticks along the time axis (crashes), laid out for the
 * {@code fragments/charts :: lineChart} SVG fragment. Geometry is computed here so the
 * template only draws what it is given. A missing value (NaN) breaks its line.
 *
 * @param width the SVG view box width
 * @param height the SVG view box height
 * @param lines the lines, each as polyline segments
 * @param yTicks the horizontal grid lines with their values (with the unit)
 * @param xLabels the time labels under the plot
 * @param markers the dashed vertical markers
 * @param ticks the ticks along the time axis
 * @param tickLegend the distinct tick labels with their colours
 * @param hovers one invisible column per bucket whose tooltip lists every value
 * @param plotTop top of the plot area
 * @param plotBottom bottom of the plot area
 * @param plotLeft left edge of the plot area
 * @param plotRight right edge of the plot area
 * @param empty whether no line has any value
 * @param description a text description of the chart for screen readers
 */
public record LineChart(int width, int height, List<Line> lines, List<Tick> yTicks, List<Tick> xLabels,
		List<Marker> markers, List<AxisTick> ticks, List<Legend> tickLegend, List<Hover> hovers, double plotTop,
		double plotBottom, double plotLeft, double plotRight, boolean empty, String description) {

	private static final int WIDTH = 720;

	private static final int HEIGHT = 180;

	private static final double LEFT = 52;

	private static final double RIGHT = 8;

	private static final double TOP = 14;

	private static final double BOTTOM = 22;

	/** The height of a tick along the time axis. */
	static final double TICK_HEIGHT = 7;

	private static final long KIB = 1024;

	private static final long MIB = KIB * 1024;

	private static final long GIB = MIB * 1024;

	/**
	 * Lays a chart out.
	 * @param bucketStarts the start of every bucket, ascending, equally spaced
	 * @param bucketSeconds the length of one bucket
	 * @param series the lines with one value per bucket ({@code NaN} where missing)
	 * @param unit the unit of every value
	 * @param markers vertical markers; those outside the time range are left out
	 * @param ticks ticks along the time axis; those outside the time range are left out
	 * @param zone the zone for the time labels
	 * @return the laid-out chart
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
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = (n == 0) ? plotWidth : plotWidth / n;
		DateTimeFormatter timeFormat = timeFormat(bucketSeconds, zone);
		List<Line> lines = new ArrayList<>();
		for (int s = 0; s < series.size(); s++) {
			SeriesValues values = series.get(s);
			List<String> segments = new ArrayList<>();
			List<Point> dots = new ArrayList<>();
			List<Point> run = new ArrayList<>();
			for (int i = 0; i <= n; i++) {
				double v = (i < n) ? values.values()[i] : Double.NaN;
				if (!Double.isNaN(v)) {
					run.add(new Point(round(LEFT + slot * (i + 0.5)), round(y(v, scale, plotHeight))));
					continue;
				}
				if (run.size() == 1) {
					dots.add(run.get(0));
				}
				else if (run.size() > 1) {
					segments.add(points(run));
				}
				run.clear();
			}
			lines.add(new Line(values.name(), s % 8, values.emphasised(), segments, dots));
		}
		List<Tick> yTicks = new ArrayList<>();
		for (int k = 0; k <= scale.steps(); k++) {
			double value = k * scale.step();
			yTicks.add(new Tick(round(HEIGHT - BOTTOM - plotHeight * k / scale.steps()), scale.label(value)));
		}
		List<Hover> hovers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			StringBuilder title = new StringBuilder(timeFormat.format(bucketStarts.get(i)));
			for (SeriesValues s : series) {
				double v = s.values()[i];
				title.append('\n')
					.append(s.name())
					.append(": ")
					.append(Double.isNaN(v) ? "–" : Scale.valueLabel(v, unit));
			}
			hovers.add(new Hover(round(LEFT + slot * i), round(slot), title.toString()));
		}
		List<Marker> laidOut = new ArrayList<>();
		List<AxisTick> axisTicks = new ArrayList<>();
		Map<String, Integer> legend = new LinkedHashMap<>();
		if (n > 0) {
			Instant start = bucketStarts.get(0);
			Instant end = bucketStarts.get(n - 1).plusSeconds(bucketSeconds);
			double span = end.getEpochSecond() - start.getEpochSecond();
			int row = 0;
			for (MarkerAt marker : markers) {
				if (!marker.at().isBefore(start) && marker.at().isBefore(end)) {
					double x = round(LEFT + plotWidth * (marker.at().getEpochSecond() - start.getEpochSecond()) / span);
					boolean nearRightEdge = x + 2 + marker.label().length() * 5.6 > WIDTH - RIGHT;
					laidOut.add(new Marker(x, marker.label(), nearRightEdge ? x - 2 : x + 2, TOP + 8 + (row % 3) * 10,
							nearRightEdge ? "end" : "start", marker.title()));
					row++;
				}
			}
			for (TickAt tick : ticks) {
				if (!tick.at().isBefore(start) && tick.at().isBefore(end)) {
					double x = round(LEFT + plotWidth * (tick.at().getEpochSecond() - start.getEpochSecond()) / span);
					axisTicks.add(new AxisTick(x, HEIGHT - BOTTOM - TICK_HEIGHT, HEIGHT - BOTTOM, tick.colour() % 8,
							tick.title()));
					legend.putIfAbsent(tick.label(), tick.colour() % 8);
				}
			}
		}
		List<Legend> tickLegend = new ArrayList<>();
		legend.forEach((label, colour) -> tickLegend.add(new Legend(label, colour)));
		String description = series.size() + " lines over " + n + " points, up to " + scale.label(max / scale.divisor())
				+ (laidOut.isEmpty() ? "" : ", " + laidOut.size() + " markers")
				+ (axisTicks.isEmpty() ? "" : ", " + axisTicks.size() + " ticks");
		return new LineChart(WIDTH, HEIGHT, lines, yTicks, xLabels(bucketStarts, bucketSeconds, slot, zone), laidOut,
				axisTicks, tickLegend, hovers, TOP, HEIGHT - BOTTOM, LEFT, WIDTH - RIGHT, !any, description);
	}

	private static double y(double value, Scale scale, double plotHeight) {
		return HEIGHT - BOTTOM - plotHeight * (value / scale.divisor()) / scale.top();
	}

	private static String points(List<Point> run) {
		StringBuilder points = new StringBuilder();
		for (Point p : run) {
			if (!points.isEmpty()) {
				points.append(' ');
			}
			points.append(p.x()).append(',').append(p.y());
		}
		return points.toString();
	}

	private static List<Tick> xLabels(List<Instant> bucketStarts, long bucketSeconds, double slot, ZoneId zone) {
		int n = bucketStarts.size();
		int every = StackedBarChart.labelEvery(n, bucketSeconds);
		DateTimeFormatter format = ((long) every * bucketSeconds % 86_400 == 0)
				? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(zone) : timeFormat(bucketSeconds, zone);
		List<Tick> labels = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Instant at = bucketStarts.get(i);
			long local = at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds();
			if (Math.floorMod(Math.floorDiv(local, bucketSeconds), every) == 0) {
				labels.add(new Tick(round(LEFT + i * slot + slot / 2), format.format(at)));
			}
		}
		return labels;
	}

	private static DateTimeFormatter timeFormat(long bucketSeconds, ZoneId zone) {
		String pattern = (bucketSeconds >= 3_600) ? "MMM d HH:mm" : "HH:mm";
		return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
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
	 * The y axis: its top, the step between grid lines, and how values are shown.
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

		double top() {
			return this.step * this.steps;
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
	 * @param label its label, e.g. a version
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
	 * A drawn line.
	 *
	 * @param name its name
	 * @param colour its colour index (0–7)
	 * @param emphasised whether it is drawn thicker
	 * @param segments the {@code points} of its polylines (a missing value breaks it)
	 * @param dots single points with no neighbour to join
	 */
	public record Line(String name, int colour, boolean emphasised, List<String> segments, List<Point> dots) {

	}

	/**
	 * A point of the plot.
	 *
	 * @param x x
	 * @param y y
	 */
	public record Point(double x, double y) {

	}

	/**
	 * An axis tick or label.
	 *
	 * @param position the coordinate along its axis
	 * @param label its label
	 */
	public record Tick(double position, String label) {

	}

	/**
	 * A drawn vertical marker.
	 *
	 * @param x its position
	 * @param label its label
	 * @param labelX where its label starts (or ends)
	 * @param labelY the baseline of its label
	 * @param anchor the label's {@code text-anchor}
	 * @param title its tooltip
	 */
	public record Marker(double x, String label, double labelX, double labelY, String anchor, String title) {

	}

	/**
	 * A drawn tick on the time axis.
	 *
	 * @param x its position
	 * @param y1 its top
	 * @param y2 its bottom (the axis)
	 * @param colour its colour index (0–7)
	 * @param title its tooltip
	 */
	public record AxisTick(double x, double y1, double y2, int colour, String title) {

	}

	/**
	 * A legend entry of the axis ticks.
	 *
	 * @param label its label
	 * @param colour its colour index
	 */
	public record Legend(String label, int colour) {

	}

	/**
	 * An invisible column over one bucket, for its tooltip.
	 *
	 * @param x its left edge
	 * @param width its width
	 * @param title its tooltip
	 */
	public record Hover(double x, double width, String title) {

	}

}
