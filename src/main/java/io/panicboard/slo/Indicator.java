package io.panicboard.slo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an SLO measures (see {@code docs/slos.md} for each definition).
 */
enum Indicator {

	/** At most N matching crashes per window. */
	CRASH_BUDGET(BudgetingMethod.OCCURRENCES),

	/** The share of observed instance-minutes without a matching crash. */
	CRASH_FREE_TIME(BudgetingMethod.TIMESLICES),

	/** The share of GC cycles whose stop-the-world pause is at most a threshold. */
	GC_PAUSE(BudgetingMethod.OCCURRENCES),

	/** The share of incidents of a severity resolved within a duration. */
	TIME_TO_RESOLVE(BudgetingMethod.OCCURRENCES);

	private final BudgetingMethod method;

	Indicator(BudgetingMethod method) {
		this.method = method;
	}

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The budgeting method this indicator's events are counted by. */
	BudgetingMethod budgetingMethod() {
		return this.method;
	}

	boolean usesKinds() {
		return this == CRASH_BUDGET || this == CRASH_FREE_TIME;
	}

	static Optional<Indicator> fromId(String id) {
		return Arrays.stream(values()).filter((i) -> i.id().equals(id)).findFirst();
	}

}
