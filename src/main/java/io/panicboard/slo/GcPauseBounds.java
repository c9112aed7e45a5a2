package io.panicboard.slo;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pause thresholds a GC pause SLO may use: the bucket bounds of
 * {@code panicboard_gc_pause_seconds}, so that the rollup counts the good cycles exactly
 * and Prometheus can compute the same ratio from the histogram.
 */
final class GcPauseBounds {

	static final double[] SECONDS = { 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
			0.25, 1 };

	private GcPauseBounds() {
	}

	/** The 1-based index of a bound in {@code within[]}, or -1. */
	static int index(double seconds) {
		for (int i = 0; i < SECONDS.length; i++) {
			if (Math.abs(SECONDS[i] - seconds) < 1e-12) {
				return i + 1;
			}
		}
		return -1;
	}

	/** The bounds as a PostgreSQL array literal. */
	static String sqlArray() {
		return Arrays.stream(SECONDS).mapToObj(Double::toString).collect(Collectors.joining(",", "ARRAY[", "]"));
	}

	/**
	 * The bounds in seconds as plain decimals ({@code 0.00005}, never {@code 5.0E-5}),
	 * for messages.
	 */
	static List<String> plainSeconds() {
		return Arrays.stream(SECONDS).mapToObj(GcPauseBounds::plain).toList();
	}

	/**
	 * The form's choices: the value in seconds as a plain decimal, which the form posts
	 * and the document takes, and the label in milliseconds.
	 */
	static List<Option> options() {
		return Arrays.stream(SECONDS)
			.mapToObj((s) -> new Option(plain(s), plain(BigDecimal.valueOf(s).movePointRight(3)) + " ms"))
			.toList();
	}

	/**
	 * A bound as a plain decimal without trailing zeros: {@code 0.00005}, {@code 0.25},
	 * {@code 1}.
	 */
	static String plain(double value) {
		return plain(BigDecimal.valueOf(value));
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	/**
	 * One choice of the form.
	 *
	 * @param seconds the bound in seconds, a plain decimal
	 * @param label the bound in milliseconds, e.g. {@code 0.05 ms}
	 */
	record Option(String seconds, String label) {

	}

}
