package io.panicboard.alert;

import java.time.Instant;
import java.util.List;

/**
 * Finds the active series of rules of some condition types. The evaluator asks the first
 * source that supports a rule's type; a rule whose type no source supports (today
 * {@code slo_burn_rate}, until the SLO engine adds a source) is skipped.
 */
public interface AlertSeriesSource {

	/**
	 * Whether this source evaluates rules of a type.
	 * @param type the condition type
	 * @return {@code true} when {@link #activeSeries} can answer for it
	 */
	boolean supports(ConditionType type);

	/**
	 * The series of a rule whose condition holds at a time.
	 * @param rule the rule, of a supported type
	 * @param now the evaluation time
	 * @return the active series, each label set once
	 */
	List<AlertSeries> activeSeries(AlertRule rule, Instant now);

}
