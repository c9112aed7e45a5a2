package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;
import io.panicboard.system.PublicUrl;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the built-in rules of issue 6 on the first start that knows them, with the
 * thresholds of {@code panicboard.alerts.builtin.*}. Each key is created once: table
 * {@code alert_builtin} remembers it, so a rule that users edited keeps their edits and
 * one they deleted stays deleted. Replicas starting together race on the key's primary
 * key; one creates the rule, the others give way.
 */
@Component
class BuiltinRules implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(BuiltinRules.class);

	private final AlertRules rules;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AlertProperties properties;

	private final PublicUrl publicUrl;

	private final Clock clock;

	BuiltinRules(AlertRules rules, JdbcClient jdbc, TransactionTemplate transactions, AlertProperties properties,
			PublicUrl publicUrl, Clock clock) {
		this.rules = rules;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.publicUrl = publicUrl;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (AlertRule rule : rules()) {
			this.transactions.executeWithoutResult((status) -> create(rule));
		}
	}

	private void create(AlertRule rule) {
		int claimed = this.jdbc
			.sql("INSERT INTO alert_builtin (builtin_key, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(rule.builtinKey(), Timestamp.from(this.clock.instant()))
			.update();
		if (claimed == 1) {
			if (this.rules.createBuiltin(rule)) {
				logger.info("Created the built-in alert rule '" + rule.name() + "'");
			}
			else {
				logger
					.warn("Did not create the built-in alert rule '" + rule.name() + "': a rule with its name exists");
			}
		}
	}

	/**
	 * The built-in rules, with the configured thresholds.
	 * @return the rules, not stored
	 */
	List<AlertRule> rules() {
		AlertProperties.Builtin b = this.properties.builtin();
		int window = (int) b.occurrenceWindow().toSeconds();
		List<String> production = List.of("production");
		return List.of(
				rule("nil_map_write", "Nil-map write in production", Severity.CRITICAL,
						matchers(List.of(), production, List.of(Kind.NIL_MAP_WRITE), null),
						new RuleCondition(ConditionType.ANY_OCCURRENCE, null, window, 0, null),
						"A Go service wrote to a nil map in production",
						"Any nil_map_write occurrence in production; the program panicked with "
								+ "'assignment to entry in nil map'.",
						"nil_map_write"),
				rule("concurrent_map_access", "Concurrent map access crash", Severity.CRITICAL,
						matchers(List.of(), List.of(),
								List.of(Kind.CONCURRENT_MAP_WRITES, Kind.CONCURRENT_MAP_READ_WRITE,
										Kind.CONCURRENT_MAP_ITERATION_WRITE, Kind.CONCURRENT_MAP_CLONE_WRITE),
								null),
						new RuleCondition(ConditionType.ANY_OCCURRENCE, null, window, 0, null),
						"A Go service crashed on concurrent map access",
						"The runtime detected unsynchronised map access and stopped the program (a fatal error "
								+ "that recover cannot catch).",
						"concurrent_map_writes"),
				rule("nil_map_rate", "Nil-map panic rate", Severity.CRITICAL,
						matchers(List.of(), List.of(), List.of(Kind.NIL_MAP_WRITE), null),
						new RuleCondition(ConditionType.COUNT_IN_WINDOW, (double) b.nilMapRateThreshold(),
								(int) b.nilMapRateWindow().toSeconds(), 0, null),
						"Repeated nil-map panics in a service",
						"At least " + b.nilMapRateThreshold() + " nil_map_write occurrences within "
								+ b.nilMapRateWindow().toSeconds() + " s for one service and environment.",
						"nil_map_write"),
				rule("map_data_race", "Map data race reported", Severity.WARNING,
						matchers(List.of(), List.of(), List.of(Kind.DATA_RACE), true),
						new RuleCondition(ConditionType.ANY_OCCURRENCE, null, window, 0, null),
						"The race detector reported a data race on a map",
						"A data_race report whose accesses are in the map implementation (CI, staging or "
								+ "production); the same code can crash with concurrent map writes.",
						"data_race"),
				rule("new_fingerprint", "New crash signature in production", Severity.WARNING,
						matchers(List.of(), production, List.of(), null),
						new RuleCondition(ConditionType.NEW_FINGERPRINT, null, window, 0, null),
						"A new crash signature appeared in production",
						"The first occurrence of a fingerprint not seen before in this service and environment.", null),
				rule("regression", "Regression", Severity.HIGH, RuleMatchers.ANY,
						new RuleCondition(ConditionType.REGRESSION, null, window, 0, null),
						"A resolved incident recurred", "An incident that was resolved has occurred again.", null),
				rule("heap_above_limit", "Heap above limit", Severity.HIGH, RuleMatchers.ANY,
						new RuleCondition(ConditionType.METRIC_THRESHOLD, (double) b.heapLimit().toBytes(), null,
								(int) b.heapFor().toSeconds(), "heap_live_bytes"),
						"Heap live above the limit",
						"Heap live (summed over the service's instances) has stayed above "
								+ b.heapLimit().toMegabytes() + " MiB for " + b.heapFor().toSeconds() + " s.",
						"out_of_memory"),
				rule("goroutines_above_limit", "Goroutines above limit", Severity.WARNING, RuleMatchers.ANY,
						new RuleCondition(ConditionType.METRIC_THRESHOLD, (double) b.goroutineLimit(), null,
								(int) b.goroutinesFor().toSeconds(), "goroutines"),
						"Goroutines above the limit",
						"The goroutine count (summed over the service's instances) has stayed above "
								+ b.goroutineLimit() + " for " + b.goroutinesFor().toSeconds()
								+ " s; goroutines may be leaking.",
						null),
				rule("slo_burn_page", "SLO error budget burning fast", Severity.CRITICAL, RuleMatchers.ANY,
						new RuleCondition(ConditionType.SLO_BURN_RATE, null, null, 0, null), Map.of("tier", "page"),
						"An SLO is burning its error budget fast enough to page",
						"Both windows of a page-tier condition (14.4x over 1 h with 5 m, or 6x over 6 h with 30 m, "
								+ "scaled to the SLO's window) burn faster than the factor, with enough bad events "
								+ "to pass the minimum-traffic guard.",
						null),
				rule("slo_burn_ticket", "SLO error budget burning", Severity.WARNING, RuleMatchers.ANY,
						new RuleCondition(ConditionType.SLO_BURN_RATE, null, null, 0, null), Map.of("tier", "ticket"),
						"An SLO is burning its error budget faster than it can last",
						"Both windows of a ticket-tier condition (3x over 1 d with 2 h, or 1x over 3 d with 6 h, "
								+ "scaled to the SLO's window) burn faster than the factor.",
						null));
	}

	private AlertRule rule(String key, String name, Severity severity, RuleMatchers matchers, RuleCondition condition,
			String summary, String description, String runbookKind) {
		return rule(key, name, severity, matchers, condition, Map.of(), summary, description, runbookKind);
	}

	private AlertRule rule(String key, String name, Severity severity, RuleMatchers matchers, RuleCondition condition,
			Map<String, String> labels, String summary, String description, String runbookKind) {
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", summary);
		annotations.put("description", description);
		if (runbookKind != null) {
			annotations.put("runbook_url", this.publicUrl.link("/kinds/" + runbookKind));
		}
		return new AlertRule(null, name, key, description, true, severity, matchers, condition, labels, annotations,
				List.of(), null, null, null);
	}

	private static RuleMatchers matchers(List<String> services, List<String> environments, List<Kind> kinds,
			Boolean mapRelated) {
		return new RuleMatchers(services, environments, kinds.stream().map(Kind::id).toList(), List.of(), mapRelated);
	}

}
