package io.panicboard.slo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The Prometheus recording and alerting rules of every SLO, as data and as a rule file,
 * over panicboard's own SLO metrics. Each SLO gets one group
 * {@code panicboard-slo-<name>}: a recording rule for the budget consumed, and one alert
 * per burn-rate condition, {@code PanicboardSloBurnRate}, that fires exactly when
 * panicboard's own evaluation does (both windows above the factor, at least the minimum
 * bad events in the long window), once however many replicas export the gauges, with the
 * same {@code slo}, {@code service}, {@code environment}, {@code tier}, {@code severity},
 * {@code long_window} and {@code short_window} labels as {@link BurnRateSignal}. The
 * {@code slo} label keeps every rule unique by its labels, also for several SLOs of one
 * service.
 */
@Component
public class SloRules {

	/** The alert's name. */
	public static final String ALERT = "PanicboardSloBurnRate";

	private final SloStore store;

	private final SloProperties properties;

	private final Clock clock;

	SloRules(SloStore store, SloProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The rule groups of every SLO.
	 * @return one group per SLO
	 */
	public List<RuleGroup> groups() {
		return groups(this.store.all(), this.properties.minBadEvents(), this.clock.instant());
	}

	/**
	 * The rule file of every SLO: {@code groups: [...]} in YAML.
	 * @return the YAML
	 */
	public String yaml() {
		return yaml(groups());
	}

	static String yaml(List<RuleGroup> groups) {
		return SloYaml.write(Map.of("groups", groups.stream().map(RuleGroup::toMap).toList()));
	}

	/**
	 * The groups of some SLOs.
	 * @param slos the SLOs
	 * @param minBadEvents the minimum-traffic guard
	 * @param at when: the factors of calendar-month SLOs depend on the month's length
	 */
	static List<RuleGroup> groups(List<Slo> slos, int minBadEvents, Instant at) {
		List<RuleGroup> groups = new ArrayList<>();
		for (Slo slo : slos) {
			String selector = "slo=\"" + slo.name() + "\"";
			List<Rule> rules = new ArrayList<>();
			// the slo label, which the series have anyway, tells the rules of two SLOs of
			// one service apart for promtool's duplicate-rule check
			rules.add(new Rule("panicboard:slo_error_budget_consumed:ratio", null,
					"1 - panicboard_slo_error_budget_remaining_ratio{" + selector + "}", null,
					Map.of("slo", slo.name()), Map.of()));
			for (BurnRateCondition condition : BurnRateCondition.ALL) {
				String factor = factor(condition.factor(slo.window().length(at)));
				// every replica exports the same gauges, told apart by their job and
				// instance: max across them, so that one alert fires with panicboard's
				// labels, as in the panicboard group
				String expr = gauge("panicboard_slo_burn_rate", selector, condition.longWindow()) + " > " + factor
						+ "\nand ignoring(window) "
						+ gauge("panicboard_slo_burn_rate", selector, condition.shortWindow()) + " > " + factor
						+ "\nand ignoring(window) "
						+ gauge("panicboard_slo_bad_events", selector, condition.longWindow()) + " >= " + minBadEvents;
				Map<String, String> labels = SloSignals.labels(slo, condition);
				Map<String, String> annotations = new LinkedHashMap<>();
				annotations.put("summary",
						"SLO " + slo.name() + " burns its error budget (" + condition.tier().id() + ": "
								+ condition.longWindow().id() + " and " + condition.shortWindow().id() + " above "
								+ factor + "x)");
				annotations.put("description", "The error budget of " + slo.name() + " (" + slo.service() + ", "
						+ slo.environment() + ") is being spent " + factor + " times faster than its window allows.");
				rules.add(new Rule(null, ALERT, expr, "0s", labels, annotations));
			}
			groups.add(new RuleGroup("panicboard-slo-" + slo.name(), rules));
		}
		return groups;
	}

	private static String gauge(String name, String selector, BurnWindow window) {
		return "max by (slo, window) (" + name + "{" + selector + ",window=\"" + window.id() + "\"})";
	}

	/**
	 * A factor as the rule file writes it: the shortest decimal that reads back as the
	 * very double panicboard compares burn rates with, so 13.44 and 6, and
	 * 0.9333333333333333 for 28/30 (rounded to fewer digits it would be a lower
	 * threshold, and Prometheus would fire on a burn rate of exactly 28/30, which
	 * panicboard does not count as above it).
	 * @param factor the factor
	 * @return the factor in plain decimal notation
	 */
	static String factor(double factor) {
		return BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
	}

	/**
	 * A Prometheus rule group.
	 *
	 * @param name its name
	 * @param rules its rules, in order
	 */
	public record RuleGroup(String name, List<Rule> rules) {

		/** The group as a rule file's YAML library would write it. */
		public Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("name", this.name);
			map.put("rules", this.rules.stream().map(Rule::toMap).toList());
			return map;
		}

	}

	/**
	 * A recording rule ({@code record}) or an alerting rule ({@code alert}).
	 *
	 * @param record the recorded series' name, or {@code null}
	 * @param alert the alert's name, or {@code null}
	 * @param expr the PromQL expression
	 * @param forDuration the alert's {@code for}, or {@code null}
	 * @param labels labels added
	 * @param annotations the alert's annotations
	 */
	public record Rule(String record, String alert, String expr, String forDuration, Map<String, String> labels,
			Map<String, String> annotations) {

		/** The rule as a rule file's YAML library would write it. */
		public Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			if (this.record != null) {
				map.put("record", this.record);
			}
			if (this.alert != null) {
				map.put("alert", this.alert);
			}
			map.put("expr", this.expr);
			if (this.forDuration != null) {
				map.put("for", this.forDuration);
			}
			if (!this.labels.isEmpty()) {
				map.put("labels", new LinkedHashMap<>(this.labels));
			}
			if (!this.annotations.isEmpty()) {
				map.put("annotations", new LinkedHashMap<>(this.annotations));
			}
			return map;
		}

	}

}
