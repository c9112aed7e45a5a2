package io.panicboard.slo;

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

	private static final double THIRTY_DAYS_HOURS = 720;

	/**
	 * The burn-rate factor for an SLO window: the workbook's 30-day factor scaled by
	 * {@code window / 30 days}.
	 * @param window the SLO window's length
	 * @return the factor both burn rates must exceed
	 */
	double factor(Duration window) {
		double thirtyDayFactor = Math
			.round(this.budgetFraction * THIRTY_DAYS_HOURS / this.longWindow.length().toHours() * 1e9) / 1e9;
		if (window.equals(Duration.ofDays(30))) {
			return thirtyDayFactor;
		}
		return thirtyDayFactor * (window.toSeconds() / 3600.0) / THIRTY_DAYS_HOURS;
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
