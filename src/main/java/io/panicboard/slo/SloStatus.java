package io.panicboard.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An SLO evaluated at one instant.
 *
 * @param slo the SLO
 * @param at the end of every range evaluated (a whole minute)
 * @param window the budget's range
 * @param events what the budget's range counted
 * @param budget the error budget
 * @param burnRates the burn rate of each window
 * @param windowEvents what each burn-rate window counted
 * @param conditions the four burn-rate conditions
 * @param state healthy, burning or exhausted
 */
record SloStatus(Slo slo, Instant at, TimeRange window, Events events, ErrorBudget budget,
		Map<BurnWindow, Double> burnRates, Map<BurnWindow, Events> windowEvents, List<ConditionState> conditions,
		State state) {

	/**
	 * The state shown on the pages: exhausted when no budget remains, burning when a
	 * burn-rate condition fires, else healthy.
	 */
	enum State {

		HEALTHY, BURNING, EXHAUSTED;

		String id() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * One burn-rate condition at the evaluated instant.
	 *
	 * @param condition the condition
	 * @param factor its factor for the SLO's window
	 * @param longBurnRate the burn rate of its long window
	 * @param shortBurnRate the burn rate of its short window
	 * @param longBadEvents the bad events of its long window (the minimum-traffic guard)
	 * @param firing whether both burn rates exceed the factor and the guard is met
	 */
	record ConditionState(BurnRateCondition condition, double factor, double longBurnRate, double shortBurnRate,
			long longBadEvents, boolean firing) {

	}

}
