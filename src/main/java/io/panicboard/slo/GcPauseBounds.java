package io.panicboard.slo;

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

	static List<Double> list() {
		return Arrays.stream(SECONDS).boxed().toList();
	}

}
