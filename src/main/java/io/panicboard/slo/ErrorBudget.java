package io.panicboard.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An SLO's error budget over its window.
 * <p>
 * For a ratio indicator the budget is the bad events the objective allows among the
 * window's events, {@code (1 − objective) × total}; for a crash budget it is the allowed
 * crashes N. Consumed is the bad events (crashes) of the window. The remaining ratio is
 * {@code 1 − consumed / total}: 1 for a window without events, 0 when the budget is
 * exactly used up, negative when overspent.
 *
 * @param total the bad events allowed
 * @param consumed the bad events counted
 * @param remaining {@code total − consumed}
 * @param remainingRatio {@code remaining / total}, 1 when nothing was allowed nor
 * consumed
 */
record ErrorBudget(double total, double consumed, double remaining, double remainingRatio) {

	private static final MathContext TWELVE_DIGITS = new MathContext(12);

	static ErrorBudget of(Slo slo, Events events) {
		double total = (slo.indicator() == Indicator.CRASH_BUDGET) ? slo.maxCrashes()
				: slo.errorRatioAllowed().multiply(BigDecimal.valueOf(events.total())).doubleValue();
		double consumed = events.bad();
		double remaining = total - consumed;
		return new ErrorBudget(total, consumed, remaining, (total > 0) ? remaining / total : 1);
	}

	/**
	 * The budget left in whole percent, rounded down (a budget is never shown as larger
	 * than it is), after rounding away the binary noise of the division: 2.9 of 10 left
	 * is 29 %, though {@code 0.29 * 100} is {@code 28.999999999999996} as a double.
	 * @return the budget left in percent, negative when overspent
	 */
	long remainingPercent() {
		return BigDecimal.valueOf(this.remainingRatio)
			.movePointRight(2)
			.round(TWELVE_DIGITS)
			.setScale(0, RoundingMode.FLOOR)
			.longValueExact();
	}

	boolean exhausted() {
		return this.remainingRatio <= 0 && this.consumed > 0;
	}

	/**
	 * The burn rate of a range: how many times faster than the rate that spends exactly
	 * the budget over the window the range spent it. For a ratio indicator the range's
	 * error ratio over the allowed one ({@code 0} without events); for a crash budget the
	 * range's crashes over {@code N × range / window}.
	 * @param slo the SLO
	 * @param events what the range counted
	 * @param range the range's length in seconds
	 * @param window the SLO window's length in seconds
	 * @return the burn rate
	 */
	static double burnRate(Slo slo, Events events, double range, double window) {
		return burnRate(slo, events, range / window);
	}

	/**
	 * The burn rate of a range that covers {@code share} of the SLO's window (see
	 * {@link SloWindow#share}): for a crash budget the range's crashes over
	 * {@code N × share}; for a ratio indicator as
	 * {@link #burnRate(Slo, Events, double, double)}.
	 * @param slo the SLO
	 * @param events what the range counted
	 * @param share the range's length as a share of the window's
	 * @return the burn rate
	 */
	static double burnRate(Slo slo, Events events, double share) {
		if (slo.indicator() == Indicator.CRASH_BUDGET) {
			return events.bad() / (slo.maxCrashes() * share);
		}
		if (events.total() == 0) {
			return 0;
		}
		return events.bad() / slo.errorRatioAllowed().multiply(BigDecimal.valueOf(events.total())).doubleValue();
	}

}
