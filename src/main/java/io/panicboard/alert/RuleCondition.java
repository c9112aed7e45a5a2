package io.panicboard.alert;

/**
 * When a rule fires.
 *
 * @param type the condition type
 * @param threshold {@code count_in_window}: the count that fires ({@code >=});
 * {@code metric_threshold}: the value that fires ({@code >}); {@code slo_burn_rate}: the
 * burn rate the long window must reach, or {@code null}; otherwise {@code null}
 * @param windowSeconds {@code count_in_window}: the window counted; occurrence
 * conditions: how long an alert stays active after the last matching occurrence (default
 * 300); otherwise {@code null}
 * @param forSeconds Prometheus' {@code for}: how long the condition must hold before
 * pending becomes firing
 * @param metric {@code metric_threshold}: {@code heap_live_bytes} or {@code goroutines}
 */
public record RuleCondition(ConditionType type, Double threshold, Integer windowSeconds, int forSeconds,
		String metric) {

	/** The window of occurrence conditions when a rule sets none. */
	public static final int DEFAULT_WINDOW_SECONDS = 300;

	/**
	 * The window in effect.
	 * @return {@code windowSeconds}, or {@value #DEFAULT_WINDOW_SECONDS} when unset
	 */
	public int window() {
		return (this.windowSeconds != null) ? this.windowSeconds : DEFAULT_WINDOW_SECONDS;
	}

}
