package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.system.HttpUrls;

/**
 * Checks a rule before it is stored, naming every invalid field (as the API's
 * {@code errors} and the rule form show them). Field names are the JSON paths of the API:
 * {@code name}, {@code condition.threshold}, {@code matchers.kinds}, {@code labels.team}
 * and so on.
 */
public final class RuleValidation {

	/** The longest rule name. */
	public static final int MAX_NAME_LENGTH = 200;

	/**
	 * The longest window or {@code for} duration: as long as the per-minute occurrence
	 * counts the occurrence rules read are kept (7 days).
	 */
	public static final int MAX_SECONDS = (int) OccurrenceRecorder.MINUTE_COUNTS_KEPT.toSeconds();

	/** The metrics a {@code metric_threshold} rule can watch. */
	public static final List<String> METRICS = List.of("heap_live_bytes", "goroutines");

	static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	/**
	 * Label names starting with this are Prometheus' own ({@code __name__}); promtool
	 * refuses a rule file that sets one. Annotation names may start with it.
	 */
	private static final String RESERVED_PREFIX = "__";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

	private static final int MAX_TEXT = 4000;

	private static final List<String> SEVERITIES = idList(Severity.values());

	private RuleValidation() {
	}

	/**
	 * Checks every field of a rule.
	 * @param rule the rule
	 * @return the invalid fields, empty when the rule is valid
	 */
	public static List<InvalidField> validate(AlertRule rule) {
		List<InvalidField> errors = new ArrayList<>();
		if (rule.name() == null || rule.name().isBlank()) {
			errors.add(new InvalidField("name", "must not be blank"));
		}
		else if (rule.name().length() > MAX_NAME_LENGTH) {
			errors.add(new InvalidField("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
		}
		if (rule.description() != null && rule.description().length() > MAX_TEXT) {
			errors.add(new InvalidField("description", "must be at most " + MAX_TEXT + " characters"));
		}
		if (rule.severity() == null) {
			errors.add(new InvalidField("severity", "must be one of " + ids(Severity.values())));
		}
		matchers(rule.matchers(), errors);
		condition(rule.condition(), errors);
		map("labels", rule.labels(), errors);
		map("annotations", rule.annotations(), errors);
		String runbook = rule.annotations().get("runbook_url");
		if (runbook != null && !HttpUrls.isAbsoluteHttp(runbook)) {
			errors.add(new InvalidField("annotations.runbook_url", "must be an absolute http or https URL"));
		}
		for (String channel : rule.channels()) {
			if (channel == null || channel.isBlank()) {
				errors.add(new InvalidField("channels", "must not contain blank names"));
				break;
			}
		}
		return errors;
	}

	private static void matchers(RuleMatchers matchers, List<InvalidField> errors) {
		names("matchers.services", matchers.services(), errors);
		names("matchers.environments", matchers.environments(), errors);
		for (String kind : matchers.kinds()) {
			if (kind == null) {
				errors.add(new InvalidField("matchers.kinds", "must not contain null"));
			}
			else if (Kind.fromId(kind).isEmpty()) {
				errors.add(new InvalidField("matchers.kinds", "unknown kind '" + kind + "'"));
			}
		}
		for (String severity : matchers.severities()) {
			if (severity == null) {
				errors.add(new InvalidField("matchers.severities", "must not contain null"));
			}
			else if (!SEVERITIES.contains(severity)) {
				errors.add(new InvalidField("matchers.severities",
						"unknown severity '" + severity + "'; one of " + ids(Severity.values())));
			}
		}
	}

	private static void names(String field, List<String> values, List<InvalidField> errors) {
		for (String value : values) {
			if (value == null) {
				errors.add(new InvalidField(field, "must not contain null"));
			}
			else if (!NAME.matcher(value).matches()) {
				errors.add(new InvalidField(field, "'" + value + "' must match " + NAME.pattern()));
			}
		}
	}

	private static void condition(RuleCondition condition, List<InvalidField> errors) {
		if (condition == null || condition.type() == null) {
			errors.add(new InvalidField("condition.type", "must be one of " + ids(ConditionType.values())));
			return;
		}
		if (condition.forSeconds() < 0 || condition.forSeconds() > MAX_SECONDS) {
			errors.add(new InvalidField("condition.forSeconds", "must be between 0 and " + MAX_SECONDS));
		}
		Integer window = condition.windowSeconds();
		if (window != null && (window < 1 || window > MAX_SECONDS)) {
			errors.add(new InvalidField("condition.windowSeconds", "must be between 1 and " + MAX_SECONDS));
		}
		Double threshold = condition.threshold();
		ConditionType type = condition.type();
		switch (type) {
			case COUNT_IN_WINDOW -> {
				if (threshold == null || threshold < 1 || threshold.isInfinite() || threshold % 1 != 0) {
					errors.add(new InvalidField("condition.threshold", "must be a count of at least 1"));
				}
				if (window == null) {
					errors.add(new InvalidField("condition.windowSeconds", "is required for count_in_window"));
				}
			}
			case METRIC_THRESHOLD -> {
				if (threshold == null || threshold < 0 || threshold.isNaN() || threshold.isInfinite()) {
					errors.add(new InvalidField("condition.threshold", "must be a number of at least 0"));
				}
				if (condition.metric() == null || !METRICS.contains(condition.metric())) {
					errors.add(new InvalidField("condition.metric", "must be one of " + String.join(", ", METRICS)));
				}
			}
			case SLO_BURN_RATE -> {
				// optional: the SLO's own multi-window factors decide; a threshold
				// narrows
				if (threshold != null && (!(threshold > 0) || threshold.isInfinite())) {
					errors.add(new InvalidField("condition.threshold", "must be a burn rate above 0, or absent"));
				}
			}
			default -> {
			}
		}
		if (threshold != null && !type.usesThreshold()) {
			errors.add(notUsed("condition.threshold", type));
		}
		if (window != null && !type.usesWindow()) {
			errors.add(notUsed("condition.windowSeconds", type));
		}
		if (condition.metric() != null && type != ConditionType.METRIC_THRESHOLD) {
			errors.add(new InvalidField("condition.metric", "is only for metric_threshold"));
		}
	}

	private static InvalidField notUsed(String field, ConditionType type) {
		return new InvalidField(field, "is not used by " + type.id() + "; leave it out");
	}

	private static void map(String field, Map<String, String> map, List<InvalidField> errors) {
		for (Map.Entry<String, String> entry : map.entrySet()) {
			if (!LABEL_NAME.matcher(entry.getKey()).matches()) {
				errors.add(new InvalidField(field, "name '" + entry.getKey() + "' must match " + LABEL_NAME.pattern()));
			}
			else if (field.equals("labels") && entry.getKey().startsWith(RESERVED_PREFIX)) {
				errors.add(new InvalidField(field, "name '" + entry.getKey() + "' must not start with "
						+ RESERVED_PREFIX + " (reserved by Prometheus)"));
			}
			else if (entry.getValue() == null || entry.getValue().length() > MAX_TEXT) {
				errors.add(new InvalidField(field + "." + entry.getKey(),
						"must be a text of at most " + MAX_TEXT + " characters"));
			}
		}
	}

	static String ids(Enum<?>[] values) {
		return String.join(", ", idList(values));
	}

	private static List<String> idList(Enum<?>[] values) {
		List<String> ids = new ArrayList<>();
		for (Enum<?> value : values) {
			ids.add(value.name().toLowerCase(Locale.ROOT));
		}
		return ids;
	}

	/**
	 * An invalid field.
	 *
	 * @param field the field, as a JSON path of the API ({@code condition.threshold})
	 * @param message what is wrong, in English
	 */
	public record InvalidField(String field, String message) {

	}

}
