package io.panicboard.alert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.panicboard.TestTokens;
import io.panicboard.analysis.Severity;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import io.panicboard.system.PublicUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@AlertTest
class PrometheusRuleFileTests {

	private static final ApiPrincipal READER = new ApiPrincipal(0, "rule-file reader", TokenScope.READ, null);

	private static final ApiPrincipal INGESTER = new ApiPrincipal(0, "rule-file ingester", TokenScope.INGEST,
			"checkout");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private AlertRules rules;

	@Autowired
	private BuiltinRules builtins;

	@Autowired
	private PrometheusRuleFile ruleFile;

	@Autowired
	private PublicUrl publicUrl;

	@Autowired
	private JdbcClient jdbc;

	@TempDir
	private Path directory;

	@Test
	void servesTheEnabledRulesAsYamlThatPromtoolAccepts() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		AlertRule tricky = this.rules
			.create(new AlertRule(null, "Heap of api.v2 " + suffix, null, null, true, Severity.HIGH,
					new RuleMatchers(List.of("api.v2"), List.of("prod-eu"), List.of(), List.of(), null),
					new RuleCondition(ConditionType.METRIC_THRESHOLD, 1.5e9, null, 600, "heap_live_bytes"),
					Map.of("team", "true", "severity", "ignored"), Map.of("summary",
							"Heap {{ $labels.service }} is \"high\": 100%", "dashboard", "https://x/?a=1&b=2"),
					List.of(), null, null, null), "test");
		AlertRule disabled = this.rules.create(new AlertRule(null, "Disabled " + suffix, null, null, false,
				Severity.INFO, RuleMatchers.ANY, new RuleCondition(ConditionType.REGRESSION, null, 300, 0, null),
				Map.of(), Map.of(), List.of(), null, null, null), "test");
		try {
			MvcTestResult result = this.mvc.get()
				.uri("/api/v1/alert-rules/prometheus.yml")
				.with(TestTokens.as(READER))
				.exchange();
			assertThat(result).hasStatusOk();
			assertThat(result.getResponse().getContentType()).isEqualTo("application/yaml;charset=UTF-8");
			String yaml = result.getResponse().getContentAsString();

			Map<String, Object> group = group(yaml);
			assertThat(group).containsEntry("name", "panicboard").containsEntry("interval", "15s");
			assertThat(PrometheusRuleFile.AlertNames.of(tricky.name())).startsWith("HeapOfApiV2");
			Map<String, Object> rule = rule(group, PrometheusRuleFile.AlertNames.of(tricky.name()));
			assertThat(rule)
				.containsEntry("expr",
						"max by (service, environment) (panicboard_heap_live_bytes{environment=\"prod-eu\","
								+ "service=\"api.v2\"}) > 1500000000")
				.containsEntry("for", "10m")
				.containsEntry("labels", Map.of("team", "true", "metric", "heap_live_bytes", "severity", "high"))
				.containsEntry("annotations", Map.of("summary",
						"Heap {{ \"{{\" }} $labels.service }} is \"high\": 100%", "dashboard", "https://x/?a=1&b=2"));
			assertThat(alertNames(group)).doesNotContain(PrometheusRuleFile.AlertNames.of(disabled.name()));
			assertThat(alertNames(group)).contains("NilMapWriteInProduction", "ConcurrentMapAccessCrash",
					"NilMapPanicRate");

			Promtool.assumeInstalled();
			Files.writeString(this.directory.resolve("served.yml"), yaml);
			Promtool.Result check = Promtool.run(this.directory, "check", "rules", "served.yml");
			assertThat(check.exitCode()).as(check.output()).isZero();
			assertThat(check.output()).contains("SUCCESS");
		}
		finally {
			this.rules.delete(tricky.id());
			this.rules.delete(disabled.id());
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void servesTheBurnRateRulesOfEverySloAfterTheAlertRules() throws Exception {
		String name = "rule-file-slo-" + UUID.randomUUID().toString().substring(0, 8);
		String slo = """
				{"apiVersion":"openslo/v1","kind":"SLO","metadata":{"name":"%s"},
				 "spec":{"service":"%s","indicator":{"spec":{"type":"crash_free_time","environment":"production"}},
				 "timeWindow":[{"duration":"28d","isRolling":true}],"budgetingMethod":"Timeslices",
				 "objectives":[{"target":0.999}]}}""";
		// two SLOs of one service: their burn-rate alerts must still differ by labels
		for (String sloName : List.of(name, name + "-b")) {
			assertThat(this.mvc.post()
				.uri("/api/v1/slos")
				.with(TestTokens.as(new ApiPrincipal(0, "rule-file admin", TokenScope.ADMIN, null)))
				.contentType(MediaType.APPLICATION_JSON)
				.content(slo.formatted(sloName, name))).hasStatus(201);
		}
		String yaml = ruleFile();
		List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) new Yaml().load(yaml))
			.get("groups");
		assertThat(groups.get(0)).containsEntry("name", "panicboard");
		assertThat(groups).anySatisfy((group) -> assertThat(group.toString()).contains("name=panicboard-slo-" + name,
				"slo=\"" + name + "\"", "tier=page", "tier=ticket"));

		Promtool.assumeInstalled();
		Files.writeString(this.directory.resolve("served-slos.yml"), yaml);
		Promtool.Result check = Promtool.run(this.directory, "check", "rules", "--lint=all", "--lint-fatal",
				"served-slos.yml");
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).doesNotContain("duplicate");
	}

	@Test
	void builtInRulesFireOnSyntheticSeriesAndStayQuietOtherwise() throws Exception {
		Promtool.assumeInstalled();
		assertThat(this.publicUrl.toString()).as("the runbook links of alert-rules-test.yml")
			.isEqualTo("http://localhost:8080");
		String yaml = this.ruleFile.yaml(this.builtins.rules());
		Files.writeString(this.directory.resolve("panicboard-rules.yml"), yaml);
		try (InputStream test = getClass().getResourceAsStream("/prometheus/alert-rules-test.yml")) {
			Files.copy(test, this.directory.resolve("alert-rules-test.yml"));
		}
		Promtool.Result check = Promtool.run(this.directory, "check", "rules", "panicboard-rules.yml");
		assertThat(check.exitCode()).as(check.output()).isZero();
		Promtool.Result result = Promtool.run(this.directory, "test", "rules", "alert-rules-test.yml");
		assertThat(result.exitCode()).as(result.output() + "\nrule file:\n" + yaml).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void theSeriesLabelsWinOverTheRuleLabelsAsInPanicboardsOwnEvaluation() throws Exception {
		// panicboard's alerts keep the series' service, environment, kind and metric
		// whatever the rule's labels say; Prometheus lets a rule's labels override the
		// expression's
		Map<String, String> labels = Map.of("environment", "eu", "kind", "mine", "metric", "mine", "incident", "9",
				"team", "core");
		AlertRule crashes = new AlertRule(null, "Nil maps anywhere", null, null, true, Severity.CRITICAL,
				new RuleMatchers(List.of(), List.of(), List.of("nil_map_write"), List.of(), null),
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), labels, Map.of(), List.of(), null,
				null, null);
		AlertRule heap = new AlertRule(null, "Big heap", null, null, true, Severity.HIGH, RuleMatchers.ANY,
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 1000.0, null, 0, "heap_live_bytes"), labels, Map.of(),
				List.of(), null, null, null);
		String yaml = this.ruleFile.yaml(List.of(crashes, heap));
		Map<String, Object> group = group(yaml);
		assertThat(rule(group, "NilMapsAnywhere")).containsEntry("labels",
				Map.of("metric", "mine", "team", "core", "severity", "critical"));
		assertThat(rule(group, "BigHeap")).containsEntry("labels", Map.of("kind", "mine", "incident", "9", "team",
				"core", "metric", "heap_live_bytes", "severity", "high"));

		Promtool.assumeInstalled();
		Files.writeString(this.directory.resolve("labels.yml"), yaml);
		Files.writeString(this.directory.resolve("labels-test.yml"),
				"""
						rule_files: [labels.yml]
						evaluation_interval: 1m
						tests:
						  - interval: 1m
						    input_series:
						      - series: 'panicboard_crashes_ingested_total{service="orders",environment="production",kind="nil_map_write",instance="a:8080",job="panicboard"}'
						        values: '0 1x9'
						      - series: 'panicboard_heap_live_bytes{service="orders",environment="production",instance="a:8080",job="panicboard"}'
						        values: '2000x9'
						    alert_rule_test:
						      - eval_time: 2m
						        alertname: NilMapsAnywhere
						        exp_alerts:
						          - exp_labels: {service: orders, environment: production, kind: nil_map_write, metric: mine,
						                         team: core, severity: critical}
						            exp_annotations: {summary: Nil maps anywhere, runbook_url: "http://localhost:8080/kinds/nil_map_write"}
						      - eval_time: 2m
						        alertname: BigHeap
						        exp_alerts:
						          - exp_labels: {service: orders, environment: production, kind: mine, incident: "9", metric: heap_live_bytes,
						                         team: core, severity: high}
						            exp_annotations: {summary: Big heap}
						""");
		Promtool.Result result = Promtool.run(this.directory, "test", "rules", "labels-test.yml");
		assertThat(result.exitCode()).as(result.output() + "\nrule file:\n" + yaml).isZero();
	}

	@Test
	void theTestCasesFailWhenARuleDoesNotFire() throws Exception {
		Promtool.assumeInstalled();
		// the same rules with the nil-map rate raised to 4: the case at 40m must fail
		List<AlertRule> raised = this.builtins.rules()
			.stream()
			.map((rule) -> "nil_map_rate".equals(rule.builtinKey()) ? withThreshold(rule, 4.0) : rule)
			.toList();
		Files.writeString(this.directory.resolve("panicboard-rules.yml"), this.ruleFile.yaml(raised));
		try (InputStream test = getClass().getResourceAsStream("/prometheus/alert-rules-test.yml")) {
			Files.copy(test, this.directory.resolve("alert-rules-test.yml"));
		}
		Promtool.Result result = Promtool.run(this.directory, "test", "rules", "alert-rules-test.yml");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("NilMapPanicRate").contains("40m");
	}

	@Test
	void leavesOutARunbookUrlStoredBeforeRunbookUrlsWereChecked() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		long anyKind = oldRule("Old any kind " + suffix, "{\"services\":[\"old-" + suffix + "\"]}",
				"javascript:alert(1)");
		long oneKind = oldRule("Old nil map " + suffix, "{\"kinds\":[\"nil_map_write\"]}", "/wiki/nil-maps");
		try {
			String yaml = ruleFile();
			assertThat(yaml).doesNotContain("javascript:", "/wiki/nil-maps");
			Map<String, Object> group = group(yaml);
			assertThat(rule(group, PrometheusRuleFile.AlertNames.of("Old any kind " + suffix)))
				.containsEntry("annotations", Map.of("summary", "an old rule", "dashboard", "https://d.example/x"));
			// as for a rule without a runbook: the kind's guide
			assertThat(rule(group, PrometheusRuleFile.AlertNames.of("Old nil map " + suffix)))
				.containsEntry("annotations", Map.of("summary", "an old rule", "dashboard", "https://d.example/x",
						"runbook_url", this.publicUrl.link("/kinds/nil_map_write")));

			Promtool.assumeInstalled();
			Files.writeString(this.directory.resolve("old.yml"), yaml);
			Promtool.Result check = Promtool.run(this.directory, "check", "rules", "old.yml");
			assertThat(check.exitCode()).as(check.output()).isZero();
		}
		finally {
			this.rules.delete(anyKind);
			this.rules.delete(oneKind);
		}
	}

	/** A rule row as it could be stored before runbook URLs were checked. */
	private long oldRule(String name, String matchers, String runbookUrl) {
		return this.jdbc.sql("""
				INSERT INTO alert_rule (name, severity, enabled, matchers, condition_type, window_seconds,
				    annotations, created_at, updated_at, updated_by)
				VALUES (?, 'high', true, ?::jsonb, 'any_occurrence', 300,
				    jsonb_build_object('summary', 'an old rule', 'runbook_url', ?::text, 'dashboard',
				        'https://d.example/x'), now(), now(), 'test')
				RETURNING id""").params(name, matchers, runbookUrl).query(Long.class).single();
	}

	@Test
	void needsATokenThatMayRead() {
		MvcTestResult anonymous = this.mvc.get().uri("/api/v1/alert-rules/prometheus.yml").exchange();
		assertThat(anonymous).hasStatus(401);
		assertThat(anonymous.getResponse().getContentType()).startsWith("application/problem+json");
		MvcTestResult ingest = this.mvc.get()
			.uri("/api/v1/alert-rules/prometheus.yml")
			.with(TestTokens.as(INGESTER))
			.exchange();
		assertThat(ingest).hasStatus(403);
		assertThat(ingest.getResponse().getContentType()).startsWith("application/problem+json");
	}

	private static AlertRule withThreshold(AlertRule rule, double threshold) {
		RuleCondition c = rule.condition();
		return new AlertRule(rule.id(), rule.name(), rule.builtinKey(), rule.description(), rule.enabled(),
				rule.severity(), rule.matchers(),
				new RuleCondition(c.type(), threshold, c.windowSeconds(), c.forSeconds(), c.metric()), rule.labels(),
				rule.annotations(), rule.channels(), rule.createdAt(), rule.updatedAt(), rule.updatedBy());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> group(String yaml) {
		Map<String, Object> document = new Yaml().load(yaml);
		List<Map<String, Object>> groups = (List<Map<String, Object>>) document.get("groups");
		assertThat(groups).isNotEmpty();
		return groups.get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules(Map<String, Object> group) {
		return (List<Map<String, Object>>) group.get("rules");
	}

	private static Map<String, Object> rule(Map<String, Object> group, String alert) {
		return rules(group).stream().filter((r) -> alert.equals(r.get("alert"))).findFirst().orElseThrow();
	}

	private static List<Object> alertNames(Map<String, Object> group) {
		return rules(group).stream().map((r) -> r.get("alert")).toList();
	}

	/** The served rule file, as a reader gets it. */
	private String ruleFile() throws IOException {
		return this.mvc.get()
			.uri("/api/v1/alert-rules/prometheus.yml")
			.with(TestTokens.as(READER))
			.exchange()
			.getResponse()
			.getContentAsString();
	}

}
