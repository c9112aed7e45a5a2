package io.panicboard.alert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.panicboard.analysis.Kind;
import io.panicboard.slo.SloRules;
import io.panicboard.system.HttpUrls;
import io.panicboard.system.PublicUrl;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import org.springframework.stereotype.Component;

/**
 * The enabled alert rules as a Prometheus rule file: one group, {@code panicboard},
 * evaluated every {@code panicboard.alerts.evaluation-interval}, with an alerting rule
 * per alert rule that Prometheus can express (see {@link PrometheusRules}). Written with
 * SnakeYAML, so every value is quoted as YAML needs it.
 */
@Component
class PrometheusRuleFile {

	static final String GROUP = "panicboard";

	private final AlertRules rules;

	private final PublicUrl publicUrl;

	private final AlertProperties properties;

	private final SloRules sloRules;

	PrometheusRuleFile(AlertRules rules, PublicUrl publicUrl, AlertProperties properties, SloRules sloRules) {
		this.rules = rules;
		this.publicUrl = publicUrl;
		this.properties = properties;
		this.sloRules = sloRules;
	}

	/**
	 * The rule file of the rules enabled now; while an {@code slo_burn_rate} rule is
	 * enabled, every SLO's recording and multi-window burn-rate alerting rules follow as
	 * one group per SLO.
	 * @return the YAML document
	 */
	String yaml() {
		List<AlertRule> enabled = this.rules.enabled();
		List<Object> groups = new ArrayList<>();
		groups.add(group(enabled));
		if (enabled.stream().anyMatch((rule) -> rule.condition().type() == ConditionType.SLO_BURN_RATE)) {
			this.sloRules.groups().forEach((group) -> groups.add(group.toMap()));
		}
		return dumper().dump(Map.of("groups", groups));
	}

	/**
	 * The rule file of some rules.
	 * @param rules the rules, in the order of their ids
	 * @return the YAML document
	 */
	String yaml(List<AlertRule> rules) {
		return dumper().dump(Map.of("groups", List.of(group(rules))));
	}

	private Map<String, Object> group(List<AlertRule> rules) {
		List<Map<String, Object>> alerting = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (AlertRule rule : rules) {
			Optional<String> expression = PrometheusRules.expression(rule);
			if (expression.isEmpty()) {
				continue;
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("alert", unique(AlertNames.of(rule.name()), rule, names));
			entry.put("expr", expression.get());
			entry.put("for", PromQl.duration(rule.condition().forSeconds()));
			entry.put("labels", labels(rule));
			entry.put("annotations", annotations(rule));
			alerting.add(entry);
		}
		Map<String, Object> group = new LinkedHashMap<>();
		group.put("name", GROUP);
		group.put("interval", PromQl.duration(Math.max(1, this.properties.evaluationInterval().toSeconds())));
		group.put("rules", alerting);
		return group;
	}

	/**
	 * The first rule (by id) keeps a name; a later one with the same name gets its id.
	 */
	private static String unique(String name, AlertRule rule, Set<String> names) {
		String unique = name;
		if (!names.add(unique)) {
			unique = name + "_" + rule.id();
			names.add(unique);
		}
		return unique;
	}

	private static Map<String, String> labels(AlertRule rule) {
		Map<String, String> labels = new LinkedHashMap<>();
		// panicboard's alerts keep their series' labels over the rule's, but Prometheus
		// lets a rule's labels override the expression's: those are left out
		Set<String> fromSeries = PrometheusRules.seriesLabels(rule.condition());
		rule.labels().forEach((name, value) -> {
			if (!fromSeries.contains(name)) {
				labels.put(name, literal(value));
			}
		});
		if (rule.condition().type() == ConditionType.METRIC_THRESHOLD) {
			labels.put("metric", rule.condition().metric());
		}
		// the rule's severity is the severity, whatever its labels say
		labels.put("severity", rule.severity().id());
		return labels;
	}

	private Map<String, String> annotations(AlertRule rule) {
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", rule.annotations().getOrDefault("summary", rule.name()));
		String description = rule.annotations().getOrDefault("description", rule.description());
		if (description != null) {
			annotations.put("description", description);
		}
		// a rule stored before runbook URLs were checked may hold javascript: or a
		// relative path: written as if it had none
		String stored = rule.annotations().get("runbook_url");
		String runbook = HttpUrls.isAbsoluteHttp(stored) ? stored : runbook(rule.matchers());
		if (runbook != null) {
			annotations.put("runbook_url", runbook);
		}
		rule.annotations().forEach((name, value) -> {
			if (!name.equals("runbook_url")) {
				annotations.putIfAbsent(name, value);
			}
		});
		annotations.replaceAll((name, value) -> literal(value));
		return annotations;
	}

	/** The kind guide page of a rule about one kind. */
	private String runbook(RuleMatchers matchers) {
		if (matchers.kinds().size() != 1) {
			return null;
		}
		String kind = matchers.kinds().get(0);
		boolean mapRace = Kind.DATA_RACE.id().equals(kind) && Boolean.TRUE.equals(matchers.mapRelated());
		return this.publicUrl.link("/kinds/" + kind + (mapRace ? "?mapRelated=true" : ""));
	}

	/**
	 * Prometheus expands label and annotation values as Go templates; panicboard's are
	 * plain text, so a {@code {{} in them is written as a template that prints it.
	 */
	static String literal(String text) {
		return text.replace("{{", "{{ \"{{\" }}");
	}

	private static Yaml dumper() {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndent(2);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		options.setSplitLines(false);
		options.setWidth(Integer.MAX_VALUE);
		return new Yaml(options);
	}

	/** Rule names as Prometheus alert names. */
	static final class AlertNames {

		private AlertNames() {
		}

		/**
		 * The rule name in CamelCase, of its ASCII letters and digits:
		 * {@code Nil-map write in production} is {@code NilMapWriteInProduction}.
		 * @param name the rule's name
		 * @return a valid alert name
		 */
		static String of(String name) {
			StringBuilder alert = new StringBuilder();
			for (String word : name.split("[^A-Za-z0-9]+")) {
				if (!word.isEmpty()) {
					alert.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
				}
			}
			if (alert.isEmpty() || Character.isDigit(alert.charAt(0))) {
				alert.insert(0, "Rule");
			}
			return alert.toString();
		}

	}

}
