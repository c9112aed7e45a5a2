package io.panicboard.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.panicboard.analysis.Severity;

/**
 * An alert rule, a row of {@code alert_rule}.
 *
 * @param id the id, {@code null} before it is stored
 * @param name the unique name, used as the {@code alertname} label
 * @param builtinKey the key of a rule created on first start, e.g. {@code nil_map_write};
 * {@code null} for rules users made
 * @param description what the rule is for, or {@code null}
 * @param enabled whether it is evaluated
 * @param severity the severity of its alerts (the {@code severity} label)
 * @param matchers what it looks at
 * @param condition when it fires
 * @param labels extra labels of its alerts
 * @param annotations {@code summary}, {@code description}, {@code runbook_url}
 * @param channels names of notification channels; empty: every enabled channel that sends
 * by default
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param updatedBy who changed it last, or {@code null} for the system
 */
public record AlertRule(Long id, String name, String builtinKey, String description, boolean enabled, Severity severity,
		RuleMatchers matchers, RuleCondition condition, Map<String, String> labels, Map<String, String> annotations,
		List<String> channels, Instant createdAt, Instant updatedAt, String updatedBy) {

	public AlertRule {
		matchers = (matchers != null) ? matchers : RuleMatchers.ANY;
		labels = sorted(labels);
		annotations = sorted(annotations);
		// a null name survives for RuleValidation to name (List.copyOf would throw)
		channels = (channels != null) ? Collections.unmodifiableList(new ArrayList<>(channels)) : List.of();
	}

	/**
	 * This rule with another id and times, as stored.
	 * @param id the id
	 * @param createdAt when it was created
	 * @param updatedAt when it was changed
	 * @param updatedBy who changed it
	 * @return the stored rule
	 */
	public AlertRule stored(long id, Instant createdAt, Instant updatedAt, String updatedBy) {
		return new AlertRule(id, this.name, this.builtinKey, this.description, this.enabled, this.severity,
				this.matchers, this.condition, this.labels, this.annotations, this.channels, createdAt, updatedAt,
				updatedBy);
	}

	private static Map<String, String> sorted(Map<String, String> map) {
		return (map != null) ? Collections.unmodifiableMap(new TreeMap<>(map)) : Map.of();
	}

}
