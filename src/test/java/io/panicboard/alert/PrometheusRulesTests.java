package io.panicboard.alert;

import java.util.List;
import java.util.Map;

import io.panicboard.analysis.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusRulesTests {

	private static final String CONCURRENT = "concurrent_map_writes|concurrent_map_read_write"
			+ "|concurrent_map_iteration_write|concurrent_map_clone_write";

	private static final String RACE_KIND = ", \"kind\", \"data_race\", \"\", \"\")";

	@Test
	void anyOccurrenceIsWhatTheCrashCounterGainedPerServiceEnvironmentAndKind() {
		AlertRule rule = rule(matchers(List.of(), List.of("production"), List.of("nil_map_write"), null),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null));
		String selector = "panicboard_crashes_ingested_total{kind=\"nil_map_write\",environment=\"production\"}";
		assertThat(PrometheusRules.expression(rule)).contains("sum by (service, environment, kind) ((" + selector
				+ " unless " + selector + " offset 5m) or increase(" + selector + "[5m])) > 0");
	}

	@Test
	void severalKindsAndServicesBecomeEscapedAlternations() {
		AlertRule rule = rule(
				matchers(List.of("api.v2", "checkout"), List.of(),
						List.of("concurrent_map_writes", "concurrent_map_read_write", "concurrent_map_iteration_write",
								"concurrent_map_clone_write"),
						null),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, null, 0, null));
		String selector = "panicboard_crashes_ingested_total{kind=~\"" + CONCURRENT
				+ "\",service=~\"api\\\\.v2|checkout\"}";
		assertThat(PrometheusRules.expression(rule))
			.contains("sum by (service, environment, kind) (" + gained(selector, "5m") + ") > 0");
	}

	@Test
	void countInWindowComparesWhatWasGainedInTheWindowPerServiceAndEnvironment() {
		AlertRule rule = rule(matchers(List.of(), List.of(), List.of("nil_map_write"), null),
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 3600, 120, null));
		assertThat(PrometheusRules.expression(rule)).contains("sum by (service, environment) ("
				+ gained("panicboard_crashes_ingested_total{kind=\"nil_map_write\"}", "1h") + ") >= 3");
	}

	@Test
	void mapRaceRulesUseTheRaceCounterWithItsMapLabelAndAKindLabel() {
		AlertRule rule = rule(matchers(List.of(), List.of(), List.of("data_race"), true),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 600, 0, null));
		assertThat(PrometheusRules.expression(rule)).contains("sum by (service, environment, kind) (label_replace("
				+ gained("panicboard_data_races_total{map_related=\"true\"}", "10m") + RACE_KIND + ") > 0");
	}

	@Test
	void rulesOverCrashesAndRacesAddBothCounters() {
		AlertRule rule = rule(matchers(List.of("cart"), List.of(), List.of("nil_map_write", "data_race"), null),
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 10.0, 90, 0, null));
		assertThat(PrometheusRules.expression(rule)).contains("sum by (service, environment) ("
				+ gained("panicboard_crashes_ingested_total{kind=\"nil_map_write\",service=\"cart\"}", "1m30s")
				+ " or label_replace(" + gained("panicboard_data_races_total{service=\"cart\"}", "1m30s") + RACE_KIND
				+ ") >= 10");
	}

	@Test
	void unrestrictedOccurrenceRulesMatchEveryKindIncludingFutureOnes() {
		AlertRule rule = rule(matchers(List.of(), List.of(), List.of(), null),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 60, 0, null));
		assertThat(PrometheusRules.expression(rule))
			.contains("sum by (service, environment, kind) (" + gained("panicboard_crashes_ingested_total", "1m")
					+ " or label_replace(" + gained("panicboard_data_races_total", "1m") + RACE_KIND + ") > 0");
	}

	@Test
	void mapRelatedOnCrashesSelectsTheKindsThatAreAlwaysAboutMaps() {
		AlertRule rule = rule(matchers(List.of(), List.of(), List.of("nil_map_write", "nil_pointer_dereference"), true),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null));
		assertThat(PrometheusRules.expression(rule)).contains("sum by (service, environment, kind) ("
				+ gained("panicboard_crashes_ingested_total{kind=\"nil_map_write\"}", "5m") + ") > 0");
	}

	@Test
	void severityMatchersSelectTheKindsOfThatDefaultSeverity() {
		AlertRule rule = new AlertRule(1L, "r", null, null, true, Severity.CRITICAL,
				new RuleMatchers(List.of(), List.of(), List.of(), List.of("warning"), null),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), Map.of(), Map.of(), List.of(),
				null, null, null);
		// data_race is the only kind whose default severity is warning
		assertThat(PrometheusRules.expression(rule)).contains("sum by (service, environment, kind) (label_replace("
				+ gained("panicboard_data_races_total", "5m") + RACE_KIND + ") > 0");
	}

	@Test
	void newFingerprintAndRegressionUseTheIncidentCounters() {
		RuleMatchers production = matchers(List.of(), List.of("production"), List.of(), null);
		assertThat(PrometheusRules
			.expression(rule(production, new RuleCondition(ConditionType.NEW_FINGERPRINT, null, null, 0, null))))
			.contains("sum by (service, environment, kind) ("
					+ gained("panicboard_incidents_opened_total{environment=\"production\"}", "5m") + ") > 0");
		assertThat(PrometheusRules.expression(rule(matchers(List.of(), List.of(), List.of("data_race"), true),
				new RuleCondition(ConditionType.REGRESSION, null, 900, 0, null))))
			.contains("sum by (service, environment, kind) ("
					+ gained("panicboard_regressions_total{kind=\"data_race\"}", "15m") + ") > 0");
	}

	@Test
	void metricThresholdsTakeTheMaximumOverReplicas() {
		assertThat(PrometheusRules.expression(rule(matchers(List.of("checkout"), List.of(), List.of(), null),
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 536870912.0, null, 300, "heap_live_bytes"))))
			.contains("max by (service, environment) (panicboard_heap_live_bytes{service=\"checkout\"}) > 536870912");
		assertThat(PrometheusRules.expression(rule(RuleMatchers.ANY,
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 2000.0, null, 300, "goroutines"))))
			.contains("max by (service, environment) (panicboard_goroutines) > 2000");
	}

	@Test
	void leavesOutWhatItCannotExpress() {
		assertThat(PrometheusRules
			.expression(rule(RuleMatchers.ANY, new RuleCondition(ConditionType.SLO_BURN_RATE, 14.4, 3600, 0, null))))
			.isEmpty();
		assertThat(PrometheusRules.expression(rule(matchers(List.of(), List.of(), List.of("gctrace"), null),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null))))
			.isEmpty();
	}

	@Test
	void makesRuleNamesValidAlertNames() {
		assertThat(PrometheusRuleFile.AlertNames.of("Nil-map write in production"))
			.isEqualTo("NilMapWriteInProduction");
		assertThat(PrometheusRuleFile.AlertNames.of("OOM in api.v2 (EU)")).isEqualTo("OOMInApiV2EU");
		assertThat(PrometheusRuleFile.AlertNames.of("5xx crashes")).isEqualTo("Rule5xxCrashes");
		assertThat(PrometheusRuleFile.AlertNames.of("Ärger über Käse")).isEqualTo("RgerBerKSe");
		assertThat(PrometheusRuleFile.AlertNames.of("—")).isEqualTo("Rule");
	}

	/** What the counter gained, as the first test spells out. */
	private static String gained(String selector, String window) {
		return "(" + selector + " unless " + selector + " offset " + window + ") or increase(" + selector + "[" + window
				+ "])";
	}

	static AlertRule rule(RuleMatchers matchers, RuleCondition condition) {
		return new AlertRule(1L, "rule", null, null, true, Severity.CRITICAL, matchers, condition, Map.of(), Map.of(),
				List.of(), null, null, null);
	}

	static RuleMatchers matchers(List<String> services, List<String> environments, List<String> kinds,
			Boolean mapRelated) {
		return new RuleMatchers(services, environments, kinds, List.of(), mapRelated);
	}

}
