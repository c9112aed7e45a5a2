package io.panicboard.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A service level objective of a service in an environment.
 *
 * @param id its id ({@code null} before it is stored)
 * @param name its unique name ({@code metadata.name})
 * @param description what it is for, or {@code null}
 * @param service the service
 * @param environment the environment
 * @param indicator what it measures
 * @param kinds the crash kinds that count (crash budget, crash-free time)
 * @param maxCrashes the crashes allowed per window (crash budget)
 * @param pauseThresholdSeconds the longest good pause (GC pause)
 * @param severity the incidents' severity (time to resolve)
 * @param resolveWithin how soon they must be resolved (time to resolve)
 * @param objective the target share of good events; {@code null} for a crash budget
 * @param window its time window
 * @param budgetingMethod how events are counted
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last
 */
record Slo(Long id, String name, String description, String service, String environment, Indicator indicator,
		List<String> kinds, Integer maxCrashes, Double pauseThresholdSeconds, String severity, Duration resolveWithin,
		Double objective, SloWindow window, BudgetingMethod budgetingMethod, Instant createdAt, Instant updatedAt,
		String updatedBy) {

	Slo withId(long id, Instant createdAt, Instant updatedAt, String updatedBy) {
		return new Slo(id, this.name, this.description, this.service, this.environment, this.indicator, this.kinds,
				this.maxCrashes, this.pauseThresholdSeconds, this.severity, this.resolveWithin, this.objective,
				this.window, this.budgetingMethod, createdAt, updatedAt, updatedBy);
	}

	/**
	 * The allowed share of bad events, {@code 1 − objective} (ratio indicators), computed
	 * in decimal so that 1 − 0.99 is 0.01 and not 0.010000000000000009.
	 */
	BigDecimal errorRatioAllowed() {
		return BigDecimal.ONE.subtract(BigDecimal.valueOf(this.objective));
	}

}
