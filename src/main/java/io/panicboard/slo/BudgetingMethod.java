package io.panicboard.slo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * OpenSLO's budgeting methods that panicboard's indicators use: events counted one by
 * one, or instance-minutes (time slices).
 */
enum BudgetingMethod {

	OCCURRENCES("Occurrences"), TIMESLICES("Timeslices");

	private final String openSlo;

	BudgetingMethod(String openSlo) {
		this.openSlo = openSlo;
	}

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	String openSlo() {
		return this.openSlo;
	}

	static Optional<BudgetingMethod> fromOpenSlo(String value) {
		return Arrays.stream(values()).filter((m) -> m.openSlo.equals(value) || m.id().equals(value)).findFirst();
	}

}
