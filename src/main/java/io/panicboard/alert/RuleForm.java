package io.panicboard.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panicboard.alert.RuleValidation.InvalidField;
import io.panicboard.analysis.Severity;

/**
 * The rule form as typed: every field a text, so that an invalid form shows again as it
 * was. Lists are comma-separated ({@code services}, {@code environments}) or checkboxes
 * ({@code kinds}, {@code severities}, {@code channels}); labels and extra annotations are
 * {@code name=value} lines; durations read {@code 90s}, {@code 5m}, {@code 1h}.
 *
 * @param name the rule's name
 * @param description what it is for
 * @param enabled {@code true} when checked
 * @param severity the severity id
 * @param conditionType the condition type id
 * @param threshold the count or metric value (bytes may be written {@code 512MiB})
 * @param window the window
 * @param forDuration the "for" duration
 * @param metric the metric of a metric condition, or blank
 * @param services comma-separated service names
 * @param environments comma-separated environment names
 * @param kinds the checked kinds
 * @param severities the checked incident severities
 * @param mapRelated blank (any), {@code true} or {@code false}
 * @param labels extra labels, {@code name=value} per line
 * @param summary the {@code summary} annotation
 * @param details the {@code description} annotation
 * @param runbookUrl the {@code runbook_url} annotation
 * @param annotations further annotations, {@code name=value} per line
 * @param channels the checked notification channels
 */
record RuleForm(String name, String description, String enabled, String severity, String conditionType,
		String threshold, String window, String forDuration, String metric, String services, String environments,
		List<String> kinds, List<String> severities, String mapRelated, String labels, String summary, String details,
		String runbookUrl, String annotations, List<String> channels) {

	private static final Pattern THRESHOLD = Pattern
		.compile("(\\d+(?:\\.\\d+)?)\\s*(k|ki|kib|kb|m|mi|mib|mb|g|gi|gib|gb)?", Pattern.CASE_INSENSITIVE);

	private static final List<String> STANDARD_ANNOTATIONS = List.of("summary", "description", "runbook_url");

	/** The fields of {@link RuleValidation}'s paths, as the form names them. */
	private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("matchers.services", "services"),
			Map.entry("matchers.environments", "environments"), Map.entry("matchers.kinds", "kinds"),
			Map.entry("matchers.severities", "severities"), Map.entry("matchers.mapRelated", "mapRelated"),
			Map.entry("condition.type", "conditionType"), Map.entry("condition.threshold", "threshold"),
			Map.entry("condition.windowSeconds", "window"), Map.entry("condition.forSeconds", "forDuration"),
			Map.entry("condition.metric", "metric"), Map.entry("annotations.summary", "summary"),
			Map.entry("annotations.description", "details"), Map.entry("annotations.runbook_url", "runbookUrl"));

	RuleForm {
		name = trim(name);
		description = trim(description);
		severity = trim(severity);
		conditionType = trim(conditionType);
		threshold = trim(threshold);
		window = trim(window);
		forDuration = trim(forDuration);
		metric = trim(metric);
		services = trim(services);
		environments = trim(environments);
		kinds = (kinds != null) ? List.copyOf(kinds) : List.of();
		severities = (severities != null) ? List.copyOf(severities) : List.of();
		mapRelated = trim(mapRelated);
		labels = trim(labels);
		summary = trim(summary);
		details = trim(details);
		runbookUrl = trim(runbookUrl);
		annotations = trim(annotations);
		channels = (channels != null) ? List.copyOf(channels) : List.of();
	}

	/**
	 * The form of a new rule: enabled, critical, any nil-map write in production.
	 */
	static RuleForm empty() {
		return new RuleForm("", "", "true", Severity.CRITICAL.id(), ConditionType.ANY_OCCURRENCE.id(), "", "5m", "0s",
				"", "", "production", List.of("nil_map_write"), List.of(), "", "", "", "", "", "", List.of());
	}

	static RuleForm of(AlertRule rule) {
		RuleCondition condition = rule.condition();
		RuleMatchers matchers = rule.matchers();
		Map<String, String> annotations = rule.annotations();
		Map<String, String> extra = new TreeMap<>(annotations);
		STANDARD_ANNOTATIONS.forEach(extra::remove);
		return new RuleForm(rule.name(), orEmpty(rule.description()), Boolean.toString(rule.enabled()),
				rule.severity().id(), condition.type().id(), threshold(condition), seconds(condition.windowSeconds()),
				Durations.input(condition.forSeconds()), orEmpty(condition.metric()),
				String.join(", ", matchers.services()), String.join(", ", matchers.environments()), matchers.kinds(),
				matchers.severities(), (matchers.mapRelated() != null) ? matchers.mapRelated().toString() : "",
				lines(rule.labels()), annotations.getOrDefault("summary", ""),
				annotations.getOrDefault("description", ""), annotations.getOrDefault("runbook_url", ""), lines(extra),
				rule.channels());
	}

	/**
	 * Reads the form into a rule and checks it: first what cannot be read (a threshold
	 * that is not a number), then {@link RuleValidation}.
	 * @param existing the rule being edited (its builtin key and times stay), or
	 * {@code null} for a new one
	 * @return the rule and the errors by form field (message keys or texts)
	 */
	Parsed parse(AlertRule existing) {
		Map<String, String> errors = new LinkedHashMap<>();
		Severity parsedSeverity = Arrays.stream(Severity.values())
			.filter((s) -> s.id().equals(this.severity))
			.findFirst()
			.orElse(null);
		ConditionType type = ConditionType.fromId(this.conditionType).orElse(null);
		Double parsedThreshold = parseThreshold(errors);
		Integer parsedWindow = parseSeconds(this.window, "window", errors);
		Integer parsedFor = parseSeconds(this.forDuration, "forDuration", errors);
		Map<String, String> parsedLabels = parseLines(this.labels, "labels", errors);
		Map<String, String> parsedAnnotations = parseLines(this.annotations, "annotations", errors);
		putIfPresent(parsedAnnotations, "summary", this.summary);
		putIfPresent(parsedAnnotations, "description", this.details);
		putIfPresent(parsedAnnotations, "runbook_url", this.runbookUrl);
		Boolean map = switch (this.mapRelated) {
			case "true" -> true;
			case "false" -> false;
			default -> null;
		};
		RuleMatchers matchers = new RuleMatchers(list(this.services), list(this.environments), this.kinds,
				this.severities, map);
		// the form shows every condition field: a type reads only those it uses (the API
		// refuses the others)
		if (type != null && !type.usesThreshold()) {
			parsedThreshold = null;
			errors.remove("threshold");
		}
		if (type != null && !type.usesWindow()) {
			parsedWindow = null;
			errors.remove("window");
		}
		RuleCondition condition = (type != null) ? new RuleCondition(type, parsedThreshold, parsedWindow,
				(parsedFor != null) ? parsedFor : 0, this.metric.isEmpty() ? null : this.metric) : null;
		AlertRule rule = new AlertRule((existing != null) ? existing.id() : null, this.name,
				(existing != null) ? existing.builtinKey() : null, this.description.isEmpty() ? null : this.description,
				"true".equals(this.enabled), parsedSeverity, matchers, condition, parsedLabels, parsedAnnotations,
				this.channels, (existing != null) ? existing.createdAt() : null,
				(existing != null) ? existing.updatedAt() : null, (existing != null) ? existing.updatedBy() : null);
		if (parsedSeverity == null) {
			errors.putIfAbsent("severity", "alerts.page.rules.error.severity");
		}
		if (rule.severity() != null) {
			for (InvalidField invalid : RuleValidation.validate(rule)) {
				errors.putIfAbsent(field(invalid.field()), invalid.message());
			}
		}
		return new Parsed(rule, errors);
	}

	/**
	 * The form field of a {@link RuleValidation} path.
	 * @param path e.g. {@code condition.threshold} or {@code labels.team}
	 * @return e.g. {@code threshold} or {@code labels}
	 */
	static String field(String path) {
		String field = FIELDS.get(path);
		if (field != null) {
			return field;
		}
		int dot = path.indexOf('.');
		return (dot > 0) ? path.substring(0, dot) : path;
	}

	private Double parseThreshold(Map<String, String> errors) {
		if (this.threshold.isEmpty()) {
			return null;
		}
		Matcher matcher = THRESHOLD.matcher(this.threshold.replace(",", ""));
		if (!matcher.matches()) {
			errors.put("threshold", "alerts.page.rules.error.threshold");
			return null;
		}
		double value = Double.parseDouble(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2).toLowerCase(Locale.ROOT) : "";
		long factor = switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
			case 'k' -> 1024L;
			case 'm' -> 1024L * 1024;
			case 'g' -> 1024L * 1024 * 1024;
			default -> 1;
		};
		return value * factor;
	}

	private static Integer parseSeconds(String text, String field, Map<String, String> errors) {
		if (text.isEmpty()) {
			return null;
		}
		Long seconds = Durations.parseSeconds(text);
		if (seconds == null || seconds > Integer.MAX_VALUE) {
			errors.put(field, "alerts.page.rules.error.duration");
			return null;
		}
		return seconds.intValue();
	}

	private static Map<String, String> parseLines(String text, String field, Map<String, String> errors) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int eq = line.indexOf('=');
			if (eq <= 0) {
				errors.putIfAbsent(field, "alerts.page.rules.error.lines");
				continue;
			}
			map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
		}
		return map;
	}

	private static void putIfPresent(Map<String, String> map, String key, String value) {
		if (!value.isEmpty()) {
			map.put(key, value);
		}
	}

	private static List<String> list(String text) {
		List<String> values = new ArrayList<>();
		for (String value : text.split(",")) {
			if (!value.isBlank()) {
				values.add(value.strip());
			}
		}
		return values;
	}

	private static String threshold(RuleCondition condition) {
		Double value = condition.threshold();
		if (value == null) {
			return "";
		}
		String text = RuleTexts.threshold(condition.metric(), value).replace(",", "").replace(" ", "");
		return text;
	}

	private static String seconds(Integer seconds) {
		return (seconds != null) ? Durations.input(seconds) : "";
	}

	private static String lines(Map<String, String> map) {
		StringBuilder text = new StringBuilder();
		map.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString().strip();
	}

	private static String trim(String text) {
		return (text != null) ? text.strip() : "";
	}

	private static String orEmpty(String text) {
		return (text != null) ? text : "";
	}

	/**
	 * The form read into a rule.
	 *
	 * @param rule the rule (possibly invalid)
	 * @param errors message keys or texts by form field; empty when the rule can be
	 * stored
	 */
	record Parsed(AlertRule rule, Map<String, String> errors) {

	}

}
