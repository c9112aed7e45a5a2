package io.panicboard.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	/**
	 * The series of several rules at one time, for a source that can share work between
	 * them; by default each rule on its own.
	 * @param rules rules of supported types
	 * @param now the evaluation time
	 * @return each rule's active series
	 */
	default Map<AlertRule, List<AlertSeries>> activeSeries(List<AlertRule> rules, Instant now) {
		Map<AlertRule, List<AlertSeries>> series = new LinkedHashMap<>();
		for (AlertRule rule : rules) {
			series.put(rule, activeSeries(rule, now));
		}
		return series;
	}

}
