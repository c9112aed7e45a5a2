package io.panicboard.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule as the API shows it.
 *
 * @param id the id
 * @param name the name
 * @param builtinKey the key of a built-in rule, or {@code null}
 * @param description the description
 * @param enabled whether it is evaluated
 * @param severity {@code critical}, {@code high}, {@code warning} or {@code info}
 * @param matchers what it looks at
 * @param condition when it fires
 * @param labels extra labels
 * @param annotations annotations
 * @param channels channel names, empty for the default channels
 * @param createdAt when it was created
 * @param updatedAt when it was changed
 * @param updatedBy who changed it
 */
record RuleJson(long id, String name, String builtinKey, String description, boolean enabled, String severity,
		RuleMatchers matchers, ConditionJson condition, Map<String, String> labels, Map<String, String> annotations,
		List<String> channels, Instant createdAt, Instant updatedAt, String updatedBy) {

	static RuleJson of(AlertRule rule) {
		RuleCondition c = rule.condition();
		return new RuleJson(rule.id(), rule.name(), rule.builtinKey(), rule.description(), rule.enabled(),
				rule.severity().id(), rule.matchers(),
				new ConditionJson(c.type().id(), c.threshold(), c.windowSeconds(), c.forSeconds(), c.metric()),
				rule.labels(), rule.annotations(), rule.channels(), rule.createdAt(), rule.updatedAt(),
				rule.updatedBy());
	}

	/**
	 * A condition in the API.
	 *
	 * @param type the condition type, e.g. {@code count_in_window}
	 * @param threshold the threshold
	 * @param windowSeconds the window
	 * @param forSeconds the {@code for} duration (0 when omitted)
	 * @param metric the metric
	 */
	record ConditionJson(String type, Double threshold, Integer windowSeconds, Integer forSeconds, String metric) {

	}

}
