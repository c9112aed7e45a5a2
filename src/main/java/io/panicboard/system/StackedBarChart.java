package io.panicboard.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart over time, one bar per time bucket, each bar stacked by series (a kind, a
 * status…), with optional vertical markers (deploys), laid out for the
 * {@code fragments/charts :: stackedBars} SVG fragment. Geometry is computed here so the
 * template only draws what it is given.
 *
 * @param width the SVG view box width
 * @param height the SVG view box height
 * @param bars the bar segments
 * @param series the series in stacking order, for the legend
 * @param yTicks the horizontal grid lines with their values
 * @param xLabels the time labels under the bars
 * @param markers the vertical markers
 * @param plotTop top of the plot area
 * @param plotBottom bottom of the plot area
 * @param plotLeft left edge of the plot area
 * @param plotRight right edge of the plot area
 * @param total the sum of every value, for an accessible summary
 * @param description a text description of the chart for screen readers
 */
public record StackedBarChart(int width, int height, List<Segment> bars, List<Series> series, List<Tick> yTicks,
		List<Tick> xLabels, List<Marker> markers, double plotTop, double plotBottom, double plotLeft, double plotRight,
		long total, String description) {

	private static final int WIDTH = 720;

	private static final int HEIGHT = 200;

	private static final double LEFT = 36;

	private static final double RIGHT = 8;

	private static final double TOP = 12;

	private static final double BOTTOM = 22;

	/** The average width of a character of a label (10px system font), for layout. */
	private static final double CHARACTER_WIDTH = 5.6;

	private static final int MARKER_LABEL_ROWS = 3;

	/** Bucket counts between two time labels, in preference order. */
	private static final int[] LABEL_STEPS = { 1, 2, 3, 4, 6, 8, 12, 24, 48 };

	private static final int MAX_LABELS = 7;

	/**
	 * Lays a chart out.
	 * @param bucketStarts the start of every bucket, ascending, equally spaced
	 * @param bucketSeconds the length of one bucket
	 * @param series the series with one value per bucket
	 * @param markers vertical markers inside the time range (others are left out)
	 * @param zone the zone for the time labels
	 * @return the laid-out chart
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
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = (n == 0) ? plotWidth : plotWidth / n;
		double barWidth = Math.max(1, slot * 0.8);
		List<Segment> segments = new ArrayList<>();
		DateTimeFormatter labelFormat = labelFormat(bucketSeconds, zone);
		for (int i = 0; i < n; i++) {
			double base = HEIGHT - BOTTOM;
			for (int s = 0; s < series.size(); s++) {
				long value = series.get(s).values()[i];
				if (value == 0) {
					continue;
				}
				double h = plotHeight * value / top;
				base -= h;
				segments.add(new Segment(round(LEFT + i * slot + (slot - barWidth) / 2), round(base), round(barWidth),
						round(h), s % 8,
						series.get(s).name() + ": " + value + " at " + labelFormat.format(bucketStarts.get(i))));
			}
		}
		List<Tick> yTicks = new ArrayList<>();
		for (int k = 0; k <= 4; k++) {
			long value = top * k / 4;
			yTicks.add(new Tick(round(HEIGHT - BOTTOM - plotHeight * k / 4), tickLabel(value)));
		}
		List<Tick> xLabels = new ArrayList<>();
		int every = labelEvery(n, bucketSeconds);
		DateTimeFormatter xFormat = ((long) every * bucketSeconds % 86_400 == 0)
				? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(zone) : labelFormat;
		for (int i = 0; i < n; i++) {
			Instant at = bucketStarts.get(i);
			long local = at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds();
			if (Math.floorMod(Math.floorDiv(local, bucketSeconds), every) == 0) {
				xLabels.add(new Tick(round(LEFT + i * slot + slot / 2), xFormat.format(at)));
			}
		}
		List<Marker> laidOutMarkers = new ArrayList<>();
		if (n > 0) {
			Instant start = bucketStarts.get(0);
			Instant end = bucketStarts.get(n - 1).plusSeconds(bucketSeconds);
			double span = end.getEpochSecond() - start.getEpochSecond();
			// labels of markers close together go on up to three rows; a marker whose
			// label fits on none is drawn without one (its tooltip still names it)
			double[] rowEnds = new double[MARKER_LABEL_ROWS];
			Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
			List<MarkerAt> sorted = new ArrayList<>(markers);
			sorted.sort(Comparator.comparing(MarkerAt::at));
			for (MarkerAt marker : sorted) {
				if (!marker.at().isBefore(start) && marker.at().isBefore(end)) {
					double x = LEFT + plotWidth * (marker.at().getEpochSecond() - start.getEpochSecond()) / span;
					double width = labelWidth(marker.label());
					boolean nearRightEdge = x + 2 + width > WIDTH - RIGHT;
					double left = nearRightEdge ? x - 2 - width : x + 2;
					int row = 0;
					while (row < MARKER_LABEL_ROWS && left < rowEnds[row] + 4) {
						row++;
					}
					boolean labelled = row < MARKER_LABEL_ROWS;
					if (labelled) {
						rowEnds[row] = left + width;
					}
					laidOutMarkers.add(new Marker(round(x), marker.label(), round(nearRightEdge ? x - 2 : x + 2),
							TOP + 8 + (labelled ? row : 0) * 10, nearRightEdge ? "end" : "start", labelled,
							marker.title()));
				}
			}
		}
		List<Series> legend = new ArrayList<>();
		for (int s = 0; s < series.size(); s++) {
			long sum = 0;
			for (long v : series.get(s).values()) {
				sum += v;
			}
			legend.add(new Series(series.get(s).name(), s % 8, sum));
		}
		String description = total + " in " + n + " buckets"
				+ (laidOutMarkers.isEmpty() ? "" : ", " + laidOutMarkers.size() + " markers");
		return new StackedBarChart(WIDTH, HEIGHT, segments, legend, yTicks, xLabels, laidOutMarkers, TOP,
				HEIGHT - BOTTOM, LEFT, WIDTH - RIGHT, total, description);
	}

	/**
	 * Whether there is anything to draw.
	 * @return {@code true} when every value is zero
	 */
	public boolean isEmpty() {
		return this.total == 0;
	}

	private static DateTimeFormatter labelFormat(long bucketSeconds, ZoneId zone) {
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

	private static double labelWidth(String label) {
		return label.length() * CHARACTER_WIDTH;
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

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
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
	 * A drawn bar segment.
	 *
	 * @param x left
	 * @param y top
	 * @param width width
	 * @param height height
	 * @param colour the series colour index (0–7)
	 * @param title the tooltip
	 */
	public record Segment(double x, double y, double width, double height, int colour, String title) {

	}

	/**
	 * A legend entry.
	 *
	 * @param name the series name
	 * @param colour its colour index (0–7)
	 * @param total its sum
	 */
	public record Series(String name, int colour, long total) {

	}

	/**
	 * An axis tick.
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
	 * @param labelX where its label starts (or ends, see {@code anchor})
	 * @param labelY the baseline of its label; labels of close markers alternate rows
	 * @param anchor the label's {@code text-anchor}: {@code end} near the right edge,
	 * else {@code start}
	 * @param labelled whether its label is drawn (not when markers crowd)
	 * @param title its tooltip
	 */
	public record Marker(double x, String label, double labelX, double labelY, String anchor, boolean labelled,
			String title) {

	}

}
