package io.panicboard.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.panicboard.analysis.Kind;

/**
 * Writes an alert rule's condition as a PromQL expression over panicboard's own metrics
 * (see {@code docs/prometheus-rules.md} for the mapping and where it differs from
 * panicboard's own evaluation).
 * <p>
 * Prometheus sees counters per service, environment and kind, not incidents, so an
 * occurrence rule becomes one series per service, environment and kind; the crash counter
 * has no severity or map label, so severity and {@code mapRelated} matchers on crashes
 * select the kinds whose default severity matches and the kinds that are always about
 * maps.
 */
final class PrometheusRules {

	static final String CRASHES = "panicboard_crashes_ingested_total";

	static final String RACES = "panicboard_data_races_total";

	static final String INCIDENTS_OPENED = "panicboard_incidents_opened_total";

	static final String REGRESSIONS = "panicboard_regressions_total";

	private static final String BY_KIND = "sum by (service, environment, kind) ";

	private static final String BY_SERVICE = "sum by (service, environment) ";

	private PrometheusRules() {
	}

	/**
	 * The expression that is non-empty while the rule's condition holds.
	 * @param rule the rule
	 * @return the expression, or empty when the rule's condition has no expression of its
	 * own (an SLO burn rate: the SLO groups of {@code SloRules} carry those alerts) or
	 * selects nothing that is counted
	 */
	static Optional<String> expression(AlertRule rule) {
		RuleMatchers matchers = rule.matchers();
		RuleCondition condition = rule.condition();
		String window = PromQl.duration(condition.window());
		return switch (condition.type()) {
			case ANY_OCCURRENCE -> occurrences(matchers, window).map((v) -> BY_KIND + "(" + v + ") > 0");
			case COUNT_IN_WINDOW -> occurrences(matchers, window)
				.map((v) -> BY_SERVICE + "(" + v + ") >= " + PromQl.number(condition.threshold()));
			case NEW_FINGERPRINT ->
				incidents(INCIDENTS_OPENED, matchers, window).map((v) -> BY_KIND + "(" + v + ") > 0");
			case REGRESSION -> incidents(REGRESSIONS, matchers, window).map((v) -> BY_KIND + "(" + v + ") > 0");
			case METRIC_THRESHOLD -> metric(condition, matchers);
			// PrometheusRuleFile adds the SLO groups' burn-rate alerts instead
			case SLO_BURN_RATE -> Optional.empty();
		};
	}

	/**
	 * The labels that panicboard's own alerts of the rule take from their series,
	 * whatever the rule's labels say: {@code service}, {@code environment}, and
	 * {@code kind} and {@code incident} for occurrence conditions or {@code metric} for
	 * metric thresholds.
	 * @param condition the rule's condition
	 * @return the label names
	 */
	static Set<String> seriesLabels(RuleCondition condition) {
		return switch (condition.type()) {
			case ANY_OCCURRENCE, NEW_FINGERPRINT, REGRESSION -> Set.of("service", "environment", "kind", "incident");
			case COUNT_IN_WINDOW -> Set.of("service", "environment");
			case METRIC_THRESHOLD -> Set.of("service", "environment", "metric");
			case SLO_BURN_RATE -> Set.of();
		};
	}

	/**
	 * The increase of the crash and race counters that the matchers select, with a
	 * {@code kind} label on both.
	 */
	private static Optional<String> occurrences(RuleMatchers matchers, String window) {
		boolean restricted = !matchers.kinds().isEmpty() || !matchers.severities().isEmpty()
				|| matchers.mapRelated() != null;
		Predicate<Kind> crashMapFilter = (kind) -> matchers.mapRelated() == null
				|| kind.alwaysMapRelated() == matchers.mapRelated();
		List<String> crashKinds = kinds(matchers).stream()
			.filter((kind) -> kind != Kind.DATA_RACE)
			.filter(crashMapFilter)
			.map(Kind::id)
			.toList();
		boolean races = kinds(matchers).contains(Kind.DATA_RACE);
		List<String> parts = new ArrayList<>();
		if (!crashKinds.isEmpty()) {
			List<String> selectors = new ArrayList<>();
			if (restricted) {
				selectors.add(PromQl.matcher("kind", crashKinds));
			}
			selectors.addAll(place(matchers));
			parts.add(increase(selector(CRASHES, selectors), window));
		}
		if (races) {
			List<String> selectors = place(matchers);
			if (matchers.mapRelated() != null) {
				selectors.add(PromQl.matcher("map_related", List.of(matchers.mapRelated().toString())));
			}
			parts.add("label_replace(" + increase(selector(RACES, selectors), window) + ", \"kind\", "
					+ PromQl.string(Kind.DATA_RACE.id()) + ", \"\", \"\")");
		}
		return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", parts));
	}

	/**
	 * The increase of an incident counter (labelled by kind) that the matchers select.
	 */
	private static Optional<String> incidents(String counter, RuleMatchers matchers, String window) {
		boolean restricted = !matchers.kinds().isEmpty() || !matchers.severities().isEmpty()
				|| matchers.mapRelated() != null;
		// the counter has no map label: a race may or may not be about a map
		Predicate<Kind> mapFilter = (kind) -> matchers.mapRelated() == null || kind == Kind.DATA_RACE
				|| kind.alwaysMapRelated() == matchers.mapRelated();
		List<String> kinds = kinds(matchers).stream().filter(mapFilter).map(Kind::id).toList();
		if (kinds.isEmpty()) {
			return Optional.empty();
		}
		List<String> selectors = new ArrayList<>();
		if (restricted) {
			selectors.add(PromQl.matcher("kind", kinds));
		}
		selectors.addAll(place(matchers));
		return Optional.of(increase(selector(counter, selectors), window));
	}

	/**
	 * What a counter gained in the window. A series is created with its first increment
	 * (panicboard cannot know label sets in advance), so its first sample is already 1
	 * and {@code increase()} alone would miss the first crash of a kind in a service: a
	 * series that had no sample a window ago counts with its whole value, which it gained
	 * since it appeared.
	 */
	static String increase(String selector, String window) {
		return "(" + selector + " unless " + selector + " offset " + window + ") or increase(" + selector + "[" + window
				+ "])";
	}

	private static Optional<String> metric(RuleCondition condition, RuleMatchers matchers) {
		String gauge = switch (String.valueOf(condition.metric())) {
			case "heap_live_bytes" -> "panicboard_heap_live_bytes";
			case "goroutines" -> "panicboard_goroutines";
			default -> null;
		};
		if (gauge == null || condition.threshold() == null) {
			return Optional.empty();
		}
		// every replica reports the same database value: max, not sum
		return Optional.of("max by (service, environment) (" + selector(gauge, place(matchers)) + ") > "
				+ PromQl.number(condition.threshold()));
	}

	/**
	 * The crash kinds (not gctrace) that the kind and severity matchers select, in the
	 * order of {@link Kind}.
	 */
	private static Set<Kind> kinds(RuleMatchers matchers) {
		Set<Kind> kinds = new LinkedHashSet<>();
		Arrays.stream(Kind.values())
			.filter((kind) -> kind != Kind.GCTRACE)
			.filter((kind) -> matchers.kinds().isEmpty() || matchers.kinds().contains(kind.id()))
			.filter((kind) -> matchers.severities().isEmpty()
					|| matchers.severities().contains(kind.defaultSeverity().id()))
			.forEach(kinds::add);
		return kinds;
	}

	private static List<String> place(RuleMatchers matchers) {
		List<String> selectors = new ArrayList<>();
		if (!matchers.environments().isEmpty()) {
			selectors.add(PromQl.matcher("environment", matchers.environments()));
		}
		if (!matchers.services().isEmpty()) {
			selectors.add(PromQl.matcher("service", matchers.services()));
		}
		return selectors;
	}

	private static String selector(String metric, List<String> matchers) {
		return matchers.isEmpty() ? metric : metric + "{" + String.join(",", matchers) + "}";
	}

}
