package io.panicboard.system;

/**
 * A small line of counts (e.g. an incident's last 24 hours, one point per hour) for the
 * {@code fragments/charts :: sparkline} SVG fragment.
 *
 * @param points the polyline points, {@code "x,y x,y …"}
 * @param area the closed polygon under the line
 * @param total the sum of the values
 * @param max the largest value
 */
public record Sparkline(String points, String area, long total, long max) {

	private static final double WIDTH = 120;

	private static final double HEIGHT = 24;

	/**
	 * Lays the line out.
	 * @param values the counts, oldest first
	 * @return the sparkline
	 */
	public static Sparkline of(long[] values) {
		long max = 0;
		long total = 0;
		for (long v : values) {
			max = Math.max(max, v);
			total += v;
		}
		StringBuilder points = new StringBuilder();
		double step = (values.length > 1) ? WIDTH / (values.length - 1) : WIDTH;
		for (int i = 0; i < values.length; i++) {
			double x = i * step;
			double y = HEIGHT - 1 - ((max == 0) ? 0 : (HEIGHT - 2) * values[i] / max);
			if (i > 0) {
				points.append(' ');
			}
			points.append(fmt(x)).append(',').append(fmt(y));
		}
		String area = (values.length == 0) ? ""
				: "0," + fmt(HEIGHT) + " " + points + " " + fmt((values.length - 1) * step) + "," + fmt(HEIGHT);
		return new Sparkline(points.toString(), area, total, max);
	}

	private static String fmt(double value) {
		return Double.toString(Math.round(value * 10) / 10.0);
	}

}
