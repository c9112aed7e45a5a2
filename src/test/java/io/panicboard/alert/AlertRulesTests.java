package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.panicboard.analysis.Severity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@AlertTest
class AlertRulesTests {

	@Autowired
	private AlertRules rules;

	@Autowired
	private BuiltinRules builtins;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void storesReadsUpdatesAndDeletesARule() {
		String name = "rule-" + UUID.randomUUID();
		AlertRule created = this.rules.create(RuleValidationTests.rule(name, Severity.CRITICAL,
				new RuleMatchers(List.of("checkout"), List.of("production"), List.of("nil_map_write"), List.of(), true),
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 3600, 60, null), Map.of("team", "payments")),
				"alice");

		assertThat(created.id()).isNotNull();
		assertThat(created.updatedBy()).isEqualTo("alice");
		assertThat(this.rules.find(created.id())).contains(created);
		assertThat(created.matchers().mapRelated()).isTrue();
		assertThat(created.condition())
			.isEqualTo(new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 3600, 60, null));
		assertThat(created.labels()).containsEntry("team", "payments");
		assertThat(this.rules.nameTaken(name, null)).isTrue();
		assertThat(this.rules.nameTaken(name, created.id())).isFalse();

		AlertRule changed = new AlertRule(null, name + "-b", null, "now a metric", false, Severity.HIGH,
				RuleMatchers.ANY, new RuleCondition(ConditionType.METRIC_THRESHOLD, 1e9, null, 300, "heap_live_bytes"),
				Map.of(), Map.of("summary", "big heap"), List.of("pager"), null, null, null);
		AlertRule updated = this.rules.update(created.id(), changed, "bob");
		assertThat(updated.name()).isEqualTo(name + "-b");
		assertThat(updated.enabled()).isFalse();
		assertThat(updated.channels()).containsExactly("pager");
		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(updated.updatedBy()).isEqualTo("bob");
		assertThat(this.rules.enabled()).extracting(AlertRule::id).doesNotContain(created.id());

		assertThat(this.rules.delete(created.id())).isTrue();
		assertThat(this.rules.find(created.id())).isEmpty();
		assertThat(this.rules.delete(created.id())).isFalse();
	}

	@Test
	void createsTheBuiltinRulesWithTheConfiguredThresholds() {
		assertThat(this.rules.all()).extracting(AlertRule::builtinKey)
			.contains("nil_map_write", "concurrent_map_access", "nil_map_rate", "map_data_race", "new_fingerprint",
					"regression", "heap_above_limit", "goroutines_above_limit", "slo_burn_page", "slo_burn_ticket");
		AlertRule rate = builtin("nil_map_rate");
		assertThat(rate.condition()).isEqualTo(new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 3600, 0, null));
		assertThat(rate.severity()).isEqualTo(Severity.CRITICAL);
		AlertRule heap = builtin("heap_above_limit");
		assertThat(heap.condition()).isEqualTo(
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 512.0 * 1024 * 1024, null, 300, "heap_live_bytes"));
		AlertRule nilMap = builtin("nil_map_write");
		assertThat(nilMap.matchers().environments()).containsExactly("production");
		// whichever test context started first created it, with its own public URL
		assertThat(nilMap.annotations().get("runbook_url")).startsWith("http://localhost:")
			.endsWith("/kinds/nil_map_write");
		assertThat(builtin("map_data_race").matchers().mapRelated()).isTrue();
		assertThat(builtin("concurrent_map_access").matchers().kinds()).hasSize(4);
		for (AlertRule rule : this.rules.all()) {
			assertThat(RuleValidation.validate(rule)).as(rule.name()).isEmpty();
		}
	}

	@Test
	void replicasStartingTogetherCreateEachBuiltinOnceAndADeletedOneStaysDeleted() throws Exception {
		AlertRule regression = builtin("regression");
		this.rules.delete(regression.id());
		ExecutorService replicas = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(replicas.submit(() -> {
					start.await();
					this.builtins.run(null);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			replicas.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM alert_rule WHERE builtin_key IS NOT NULL")
			.query(Long.class)
			.single()).isEqualTo(9);
		assertThat(this.rules.all()).extracting(AlertRule::builtinKey).doesNotContain("regression");
		this.jdbc.sql("DELETE FROM alert_builtin WHERE builtin_key = 'regression'").update();
		this.builtins.run(null);
		assertThat(builtin("regression").severity()).isEqualTo(Severity.HIGH);
	}

	private AlertRule builtin(String key) {
		return this.rules.all().stream().filter((rule) -> key.equals(rule.builtinKey())).findFirst().orElseThrow();
	}

}
