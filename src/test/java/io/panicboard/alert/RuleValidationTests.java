package io.panicboard.alert;

import java.util.List;
import java.util.Map;

import io.panicboard.alert.RuleValidation.InvalidField;
import io.panicboard.analysis.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleValidationTests {

	@Test
	void acceptsAValidCountRule() {
		AlertRule rule = rule("Nil maps in checkout", Severity.CRITICAL,
				new RuleMatchers(List.of("checkout"), List.of("production"), List.of("nil_map_write"), List.of(), null),
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 3600, 0, null), Map.of("team", "payments"));
		assertThat(RuleValidation.validate(rule)).isEmpty();
	}

	@Test
	void namesEveryInvalidField() {
		AlertRule rule = rule(" ", null,
				new RuleMatchers(List.of("Bad Service"), List.of(), List.of("nil_map"), List.of("urgent"), null),
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 0.0, null, -1, "goroutines"),
				Map.of("bad-label", "x"));
		assertThat(RuleValidation.validate(rule)).extracting(InvalidField::field)
			.containsExactlyInAnyOrder("name", "severity", "matchers.services", "matchers.kinds", "matchers.severities",
					"condition.forSeconds", "condition.threshold", "condition.windowSeconds", "condition.metric",
					"labels");
	}

	@Test
	void metricRulesNeedAKnownMetricAndAThreshold() {
		AlertRule rule = rule("Heap", Severity.HIGH, RuleMatchers.ANY,
				new RuleCondition(ConditionType.METRIC_THRESHOLD, null, null, 300, "heap_bytes"), Map.of());
		assertThat(RuleValidation.validate(rule)).extracting(InvalidField::field)
			.containsExactlyInAnyOrder("condition.threshold", "condition.metric");
	}

	@Test
	void refusesLabelNamesReservedByPrometheus() {
		AlertRule rule = rule("Reserved", Severity.INFO, RuleMatchers.ANY,
				new RuleCondition(ConditionType.REGRESSION, null, null, 0, null), Map.of("__name__", "x"));
		assertThat(RuleValidation.validate(rule)).extracting(InvalidField::field).containsExactly("labels");
		AlertRule underscores = rule("Reserved", Severity.INFO, RuleMatchers.ANY,
				new RuleCondition(ConditionType.REGRESSION, null, null, 0, null), Map.of("__team", "x", "_team", "y"));
		assertThat(RuleValidation.validate(underscores)).extracting(InvalidField::message)
			.containsExactly("name '__team' must not start with __ (reserved by Prometheus)");
	}

	@Test
	void allowsAnnotationNamesStartingWithTwoUnderscoresAsPrometheusDoes() {
		AlertRule rule = new AlertRule(null, "Annotated", null, null, true, Severity.INFO, RuleMatchers.ANY,
				new RuleCondition(ConditionType.REGRESSION, null, null, 0, null), Map.of(), Map.of("__note", "x"),
				List.of(), null, null, null);
		assertThat(RuleValidation.validate(rule)).isEmpty();
	}

	@Test
	void refusesConditionFieldsTheTypeDoesNotUse() {
		assertThat(fields(new RuleCondition(ConditionType.ANY_OCCURRENCE, 5.0, 60, 0, null)))
			.containsExactly("condition.threshold");
		assertThat(fields(new RuleCondition(ConditionType.REGRESSION, 1.0, null, 0, "goroutines")))
			.containsExactly("condition.threshold", "condition.metric");
		assertThat(fields(new RuleCondition(ConditionType.METRIC_THRESHOLD, 100.0, 60, 0, "goroutines")))
			.containsExactly("condition.windowSeconds");
		assertThat(fields(new RuleCondition(ConditionType.SLO_BURN_RATE, null, 300, 0, null)))
			.containsExactly("condition.windowSeconds");
		assertThat(fields(new RuleCondition(ConditionType.NEW_FINGERPRINT, null, 600, 60, null))).isEmpty();
	}

	@Test
	void aCountMustBeWhole() {
		assertThat(fields(new RuleCondition(ConditionType.COUNT_IN_WINDOW, 2.5, 60, 0, null)))
			.containsExactly("condition.threshold");
		assertThat(fields(new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 60, 0, null))).isEmpty();
	}

	private static List<String> fields(RuleCondition condition) {
		return RuleValidation.validate(rule("Condition", Severity.INFO, RuleMatchers.ANY, condition, Map.of()))
			.stream()
			.map(InvalidField::field)
			.toList();
	}

	@Test
	void requiresAConditionType() {
		AlertRule rule = rule("No condition", Severity.INFO, RuleMatchers.ANY, null, Map.of());
		assertThat(RuleValidation.validate(rule)).extracting(InvalidField::field).containsExactly("condition.type");
	}

	static AlertRule rule(String name, Severity severity, RuleMatchers matchers, RuleCondition condition,
			Map<String, String> labels) {
		return new AlertRule(null, name, null, null, true, severity, matchers, condition, labels,
				Map.of("summary", "s"), List.of(), null, null, null);
	}

}
