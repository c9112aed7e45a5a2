package io.panicboard.system;

import java.util.Arrays;

/**
 * Which row a marker's label goes on so that labels of markers close together do not
 * overlap: up to three rows; a marker whose label fits on none is drawn without one (its
 * tooltip still names it). Laid out for a chart of a nominal width, as the label is
 * centred on its marker.
 */
final class MarkerRows {

	/** The width of the plot the layout assumes, in pixels. */
	private static final double PLOT_WIDTH = 680;

	/** The average width of a character of a label (10px system font). */
	private static final double CHARACTER_WIDTH = 5.6;

	private static final int ROWS = 3;

	private static final double GAP = 4;

	private final double[] rowEnds = new double[ROWS];

	MarkerRows() {
		Arrays.fill(this.rowEnds, Double.NEGATIVE_INFINITY);
	}

	/**
	 * The row of the next marker's label, markers taken from left to right.
	 * @param fraction where the marker is, from 0 (left edge of the plot) to 1
	 * @param label its label
	 * @return the row from 0, or {@code null} when its label is not drawn
	 */
	Integer next(double fraction, String label) {
		if (label.isEmpty()) {
			return null;
		}
		double width = label.length() * CHARACTER_WIDTH;
		double left = fraction * PLOT_WIDTH - width / 2;
		for (int row = 0; row < ROWS; row++) {
			if (left >= this.rowEnds[row] + GAP) {
				this.rowEnds[row] = left + width;
				return row;
			}
		}
		return null;
	}

}
