package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.panicboard.alert.RuleValidation.InvalidField;
import io.panicboard.analysis.Severity;

/**
 * The body of {@code POST /api/v1/alert-rules} and {@code PUT /api/v1/alert-rules/{id}}.
 *
 * @param name the unique name
 * @param description what the rule is for
 * @param enabled whether it is evaluated (default {@code true})
 * @param severity {@code critical}, {@code high}, {@code warning} or {@code info}
 * @param matchers what it looks at (omitted: everything)
 * @param condition when it fires
 * @param labels extra labels
 * @param annotations {@code summary}, {@code description}, {@code runbook_url}
 * @param channels channel names (omitted or empty: the default channels)
 */
record RuleBody(String name, String description, Boolean enabled, String severity, RuleMatchers matchers,
		ConditionBody condition, Map<String, String> labels, Map<String, String> annotations, List<String> channels) {

	/**
	 * The rule, after checking every field, the name's uniqueness included.
	 * @param nameTaken whether another rule has a name
	 * @return the rule to store
	 * @throws org.springframework.web.ErrorResponseException 400 naming each invalid
	 * field
	 */
	AlertRule toRule(Predicate<String> nameTaken) {
		List<InvalidField> errors = new ArrayList<>();
		Severity parsedSeverity = parsedSeverity();
		if (this.severity != null && parsedSeverity == null) {
			errors.add(new InvalidField("severity", "must be one of " + RuleValidation.ids(Severity.values())));
		}
		RuleCondition parsedCondition = null;
		if (this.condition != null) {
			Optional<ConditionType> type = Optional.ofNullable(this.condition.type()).flatMap(ConditionType::fromId);
			Integer window = seconds("condition.windowSeconds", this.condition.windowSeconds(), errors);
			Integer forSeconds = seconds("condition.forSeconds", this.condition.forSeconds(), errors);
			parsedCondition = new RuleCondition(type.orElse(null), this.condition.threshold(), window,
					(forSeconds != null) ? forSeconds : 0, this.condition.metric());
		}
		AlertRule rule = new AlertRule(null, (this.name != null) ? this.name.strip() : null, null, this.description,
				this.enabled == null || this.enabled, parsedSeverity, this.matchers, parsedCondition, this.labels,
				this.annotations, this.channels, null, null, null);
		for (InvalidField error : RuleValidation.validate(rule)) {
			if (errors.stream().noneMatch((e) -> e.field().equals(error.field()))) {
				errors.add(error);
			}
		}
		if (errors.stream().noneMatch((e) -> e.field().equals("name")) && nameTaken.test(rule.name())) {
			errors.add(new InvalidField("name", "another rule has this name"));
		}
		if (!errors.isEmpty()) {
			throw AlertProblems.invalid(errors);
		}
		return rule;
	}

	/**
	 * Seconds as a whole number; a larger one than an {@code int} holds becomes
	 * {@link Integer#MAX_VALUE}, for {@link RuleValidation} to refuse.
	 */
	private static Integer seconds(String field, Double value, List<InvalidField> errors) {
		if (value == null) {
			return null;
		}
		if (value.isNaN() || value.isInfinite() || value % 1 != 0) {
			errors.add(new InvalidField(field, "must be a whole number of seconds"));
			return null;
		}
		return (int) value.doubleValue();
	}

	private Severity parsedSeverity() {
		for (Severity candidate : Severity.values()) {
			if (candidate.id().equals((this.severity != null) ? this.severity.toLowerCase(Locale.ROOT) : null)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * The condition of a body: as {@link RuleJson.ConditionJson}, with seconds read as
	 * numbers so that a fraction is refused rather than cut off.
	 *
	 * @param type the condition type, e.g. {@code count_in_window}
	 * @param threshold the threshold
	 * @param windowSeconds the window, whole seconds
	 * @param forSeconds the {@code for} duration, whole seconds (0 when omitted)
	 * @param metric the metric
	 */
	record ConditionBody(String type, Double threshold, Double windowSeconds, Double forSeconds, String metric) {

	}

}
