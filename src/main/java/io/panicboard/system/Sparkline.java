package io.panicboard.system;

/**
 * A small line of counts without axes (e.g. an incident's last 24 hours, one point per
 * hour), drawn by {@code static/js/charts.js} from the {@code data-chart} attribute of
 * the {@code fragments/charts :: sparkline} fragment (see {@link #json()}).
 *
 * @param values the counts, oldest first
 * @param total the sum of the values
 * @param max the largest value
 */
public record Sparkline(long[] values, long total, long max) {

	/**
	 * A sparkline of counts.
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
		return new Sparkline(values.clone(), total, max);
	}

	/**
	 * The sparkline as JSON, for the {@code data-chart} attribute.
	 * @return the JSON
	 */
	public String json() {
		return ChartJson.of("sparkline", this);
	}

}
