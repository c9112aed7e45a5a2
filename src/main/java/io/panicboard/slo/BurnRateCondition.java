package io.panicboard.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

import io.panicboard.analysis.Severity;

/**
 * One of the four multi-window, multi-burn-rate conditions of the Google SRE workbook
 * ("Alerting on SLOs", table 5-8). The workbook states its factors for a 30-day window;
 * panicboard keeps the <em>fraction of the budget</em> each condition stands for and
 * derives the factor from the SLO's own window:
 *
 * <pre>
 * factor = budgetFraction × windowLength / longWindow
 * </pre>
 *
 * so that a 30-day SLO gets the workbook's 14.4, 6, 3 and 1, a 28-day one 13.44, 5.6, 2.8
 * and 0.933…, and a 7-day one 3.36, 1.4, 0.7 and 0.233…: each condition fires when the
 * same share of the budget (2 %, 5 %, 10 %, 10 %) has been spent in its long window,
 * whatever the SLO's window.
 *
 * @param tier page or ticket
 * @param longWindow the window the budget fraction is measured over
 * @param shortWindow the window that must burn as fast, so the alert resolves soon after
 * the burn stops
 * @param budgetFraction the share of the whole window's budget spent in the long window
 */
record BurnRateCondition(Tier tier, BurnWindow longWindow, BurnWindow shortWindow, double budgetFraction) {

	/** The four conditions, fastest first. */
	static final List<BurnRateCondition> ALL = List.of(
			new BurnRateCondition(Tier.PAGE, BurnWindow.H1, BurnWindow.M5, 0.02),
			new BurnRateCondition(Tier.PAGE, BurnWindow.H6, BurnWindow.M30, 0.05),
			new BurnRateCondition(Tier.TICKET, BurnWindow.D1, BurnWindow.H2, 0.10),
			new BurnRateCondition(Tier.TICKET, BurnWindow.D3, BurnWindow.H6, 0.10));

	/**
	 * The burn-rate factor for an SLO window,
	 * {@code budgetFraction × window / longWindow}, computed in decimal and rounded once
	 * to the nearest double: 14.4 for 2 % of 30 days in an hour, 13.44 for 28 days (not
	 * the 13.440000000000001 of binary arithmetic), and 28/30 for 10 % of 28 days in
	 * three days. The rule file writes this same double
	 * ({@link SloRules#factor(double)}), so that Prometheus compares a burn rate with the
	 * same number panicboard does.
	 * @param window the SLO window's length
	 * @return the factor both burn rates must exceed
	 */
	double factor(Duration window) {
		return BigDecimal.valueOf(this.budgetFraction)
			.multiply(BigDecimal.valueOf(window.toSeconds()))
			.divide(BigDecimal.valueOf(this.longWindow.length().toSeconds()), MathContext.DECIMAL128)
			.doubleValue();
	}

	/**
	 * The page and ticket tiers; {@link #id()} is the stable {@code tier} label.
	 */
	enum Tier {

		PAGE("page", Severity.CRITICAL), TICKET("ticket", Severity.WARNING);

		private final String id;

		private final Severity severity;

		Tier(String id, Severity severity) {
			this.id = id;
			this.severity = severity;
		}

		String id() {
			return this.id;
		}

		Severity severity() {
			return this.severity;
		}

	}

}
