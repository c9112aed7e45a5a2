package io.panicboard.alert;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.panicboard.analysis.Severity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@AlertTest
class RulePageTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AlertRules rules;

	@Test
	void listsRulesWithConditionInWordsScopeChannelsAndLastFired() {
		String name = AlertRows.unique("rate rule");
		long id = new AlertRows(this.jdbc).rule(name, "critical");
		String body = body(this.mvc.get().uri("/alerts/rules").with(viewer()).exchange());
		String row = body.substring(body.indexOf("id=\"rule-" + id + "\""));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).contains(name, "disabled", "badge sev-critical", "≥ 3 in 1 h",
				"nil_map_write · any environment", "default channels", "never");
		assertThat(body).contains("Nil-map write in production", "built-in");
		assertThat(body).doesNotContain("New rule", "/enabled");
	}

	@Test
	void showsAdminsTheButtonsAndViewersAReadOnlyForm() {
		long id = new AlertRows(this.jdbc).rule(AlertRows.unique("read only"), "high");
		assertThat(body(this.mvc.get().uri("/alerts/rules").with(admin()).exchange())).contains("New rule",
				"/alerts/rules/" + id + "/enabled");
		String viewerForm = body(this.mvc.get().uri("/alerts/rules/" + id).with(viewer()).exchange());
		assertThat(viewerForm).contains("Only admins change rules", "disabled=\"disabled\"")
			.doesNotContain("Save rule", "Delete the rule");
		String adminForm = body(this.mvc.get().uri("/alerts/rules/" + id).with(admin()).exchange());
		assertThat(adminForm).contains("Save rule", "Delete the rule", "value=\"3\"", "value=\"1h\"");
	}

	@Test
	void createsARuleFromTheForm() {
		String name = AlertRows.unique("checkout nil maps");
		MvcTestResult result = post(this.mvc.post().uri("/alerts/rules"), "name", name, "enabled", "true", "severity",
				"high", "conditionType", "count_in_window", "threshold", "5", "window", "30m", "forDuration", "1m",
				"metric", "", "services", "checkout, payments", "environments", "production", "kinds", "nil_map_write",
				"kinds", "concurrent_map_writes", "mapRelated", "true", "labels", "team=payments\n\nowner=ops",
				"summary", "Too many nil-map panics", "details", "See the runbook", "runbookUrl",
				"http://localhost:8080/kinds/nil_map_write", "annotations", "dashboard=http://grafana/d/1");
		assertThat(result).hasRedirectedUrl("/alerts/rules");
		AlertRule rule = byName(name).orElseThrow();
		assertThat(rule.severity()).isEqualTo(Severity.HIGH);
		assertThat(rule.enabled()).isTrue();
		assertThat(rule.condition()).isEqualTo(new RuleCondition(ConditionType.COUNT_IN_WINDOW, 5.0, 1800, 60, null));
		assertThat(rule.matchers()).isEqualTo(new RuleMatchers(List.of("checkout", "payments"), List.of("production"),
				List.of("nil_map_write", "concurrent_map_writes"), List.of(), true));
		assertThat(rule.labels()).containsEntry("team", "payments").containsEntry("owner", "ops").hasSize(2);
		assertThat(rule.annotations()).containsEntry("summary", "Too many nil-map panics")
			.containsEntry("description", "See the runbook")
			.containsEntry("runbook_url", "http://localhost:8080/kinds/nil_map_write")
			.containsEntry("dashboard", "http://grafana/d/1");
		assertThat(rule.updatedBy()).isEqualTo("alerts-admin");
		assertThat(rule.builtinKey()).isNull();
	}

	@Test
	void readsOnlyTheConditionFieldsTheChosenTypeUses() {
		// the new-rule form comes with a window of 5m; a metric rule does not use one
		String name = AlertRows.unique("heap of checkout");
		MvcTestResult result = post(this.mvc.post().uri("/alerts/rules"), "name", name, "enabled", "true", "severity",
				"warning", "conditionType", "metric_threshold", "threshold", "512MiB", "window", "5m", "forDuration",
				"5m", "metric", "heap_live_bytes", "services", "checkout");
		assertThat(result).hasRedirectedUrl("/alerts/rules");
		assertThat(byName(name).orElseThrow().condition()).isEqualTo(
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 512.0 * 1024 * 1024, null, 300, "heap_live_bytes"));
		String regression = AlertRows.unique("checkout regressions");
		assertThat(post(this.mvc.post().uri("/alerts/rules"), "name", regression, "enabled", "true", "severity", "high",
				"conditionType", "regression", "threshold", "3", "window", "10m", "forDuration", "0s", "metric", ""))
			.hasRedirectedUrl("/alerts/rules");
		assertThat(byName(regression).orElseThrow().condition())
			.isEqualTo(new RuleCondition(ConditionType.REGRESSION, null, 600, 0, null));
		// what the type uses is read, and checked
		MvcTestResult invalid = post(this.mvc.post().uri("/alerts/rules"), "name", AlertRows.unique("counted"),
				"severity", "high", "conditionType", "count_in_window", "threshold", "3", "window", "soon",
				"forDuration", "0s", "metric", "");
		assertThat(invalid).hasStatusOk();
		assertThat(fieldError(body(invalid), "rule-window")).contains("Enter a duration such as 90s, 5m, 1h or 1d.");
	}

	@Test
	void showsEachInvalidFieldsErrorNextToItAndKeepsWhatWasTyped() {
		String taken = AlertRows.unique("taken");
		new AlertRows(this.jdbc).rule(taken, "high");
		MvcTestResult result = post(this.mvc.post().uri("/alerts/rules"), "name", taken, "severity", "critical",
				"conditionType", "metric_threshold", "threshold", "lots", "window", "soon", "forDuration", "5m",
				"metric", "", "services", "Not A Service", "environments", "", "labels", "9bad=x", "summary", "");
		assertThat(result).hasStatusOk();
		String body = body(result);
		assertThat(fieldError(body, "rule-name")).contains("There is already a rule named “" + taken + "”.");
		assertThat(fieldError(body, "rule-threshold")).contains("Enter a number, for example 3 or 512MiB.");
		assertThat(fieldError(body, "rule-metric")).contains("must be one of heap_live_bytes, goroutines");
		assertThat(fieldError(body, "rule-services")).contains("&#39;Not A Service&#39; must match");
		assertThat(fieldError(body, "rule-labels")).contains("name &#39;9bad&#39; must match");
		assertThat(body).contains("value=\"lots\"", "value=\"soon\"", "fields need attention");
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM alert_rule WHERE name = ?").param(taken).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void refusesARunbookUrlThatIsNotAnAbsoluteHttpUrl() {
		String name = AlertRows.unique("runbook");
		MvcTestResult result = post(this.mvc.post().uri("/alerts/rules"), "name", name, "enabled", "true", "severity",
				"high", "conditionType", "regression", "forDuration", "0s", "metric", "", "runbookUrl",
				"javascript:alert(1)");
		assertThat(fieldError(body(result), "rule-runbook")).contains("must be an absolute http or https URL");
		assertThat(byName(name)).isEmpty();
	}

	@Test
	void editsDisablesEnablesAndDeletesARule() {
		String name = AlertRows.unique("editable");
		long id = new AlertRows(this.jdbc).rule(name, "high");
		String renamed = name + "-renamed";
		assertThat(post(this.mvc.post().uri("/alerts/rules/" + id), "name", renamed, "enabled", "true", "severity",
				"warning", "conditionType", "metric_threshold", "threshold", "256MiB", "window", "", "forDuration",
				"10m", "metric", "heap_live_bytes"))
			.hasRedirectedUrl("/alerts/rules");
		AlertRule edited = this.rules.find(id).orElseThrow();
		assertThat(edited.name()).isEqualTo(renamed);
		assertThat(edited.enabled()).isTrue();
		assertThat(edited.condition()).isEqualTo(
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 256.0 * 1024 * 1024, null, 600, "heap_live_bytes"));
		assertThat(body(this.mvc.get().uri("/alerts/rules").with(viewer()).exchange()))
			.contains("heap live &gt; 256 MiB for 10 min");

		assertThat(post(this.mvc.post().uri("/alerts/rules/" + id + "/enabled"), "enabled", "false"))
			.hasRedirectedUrl("/alerts/rules");
		assertThat(this.rules.find(id).orElseThrow().enabled()).isFalse();
		assertThat(post(this.mvc.post().uri("/alerts/rules/" + id + "/enabled"), "enabled", "true"))
			.hasRedirectedUrl("/alerts/rules");
		assertThat(this.rules.find(id).orElseThrow().enabled()).isTrue();

		long alert = new AlertRows(this.jdbc).alert(id, "firing", "{\"service\":\"x\"}", 1.0, null,
				java.time.Instant.now(), null);
		MvcTestResult deleted = post(this.mvc.post().uri("/alerts/rules/" + id + "/delete"));
		assertThat(deleted).hasRedirectedUrl("/alerts/rules");
		assertThat(deleted).flash().containsKey("notice");
		assertThat(this.rules.find(id)).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM alert WHERE id = ?").param(alert).query(Long.class).single())
			.isZero();
	}

	@Test
	void keepsBuiltInRulesEditableButNotDeletable() {
		String name = AlertRows.unique("builtin");
		long id = new AlertRows(this.jdbc).rule(name, "critical");
		this.jdbc.sql("UPDATE alert_rule SET builtin_key = ? WHERE id = ?").params(name, id).update();
		String form = body(this.mvc.get().uri("/alerts/rules/" + id).with(admin()).exchange());
		assertThat(form).contains("Save rule", "but not delete it").doesNotContain("Delete the rule");
		MvcTestResult refused = post(this.mvc.post().uri("/alerts/rules/" + id + "/delete"));
		assertThat(refused).hasRedirectedUrl("/alerts/rules");
		assertThat(this.rules.find(id)).isPresent();
		assertThat(post(this.mvc.post().uri("/alerts/rules/" + id), "name", name, "severity", "high", "conditionType",
				"any_occurrence", "window", "5m", "forDuration", "0s", "kinds", "nil_map_write"))
			.hasRedirectedUrl("/alerts/rules");
		AlertRule edited = this.rules.find(id).orElseThrow();
		assertThat(edited.builtinKey()).isEqualTo(name);
		assertThat(edited.severity()).isEqualTo(Severity.HIGH);
		assertThat(edited.enabled()).isFalse();
	}

	@Test
	void answersNotFoundForAnUnknownRule() {
		assertThat(this.mvc.get().uri("/alerts/rules/999999999").with(viewer())).hasStatus(404);
	}

	@Test
	void refusesRuleChangesToRespondersAndViewers() {
		long id = new AlertRows(this.jdbc).rule(AlertRows.unique("guarded"), "high");
		for (RequestPostProcessor who : List.of(viewer(), user("alerts-responder").roles("RESPONDER"))) {
			assertThat(this.mvc.post().uri("/alerts/rules/" + id + "/delete").with(who).with(csrf())).hasStatus(403);
			assertThat(this.mvc.post().uri("/alerts/rules").param("name", "x").with(who).with(csrf())).hasStatus(403);
		}
		assertThat(this.rules.find(id)).isPresent();
	}

	private Optional<AlertRule> byName(String name) {
		return this.rules.all().stream().filter((rule) -> rule.name().equals(name)).findFirst();
	}

	private static MvcTestResult post(MockMvcRequestBuilder request, String... params) {
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return request.with(admin()).with(csrf()).exchange();
	}

	/** The field error inside the label that holds an input. */
	private static String fieldError(String body, String inputId) {
		int input = body.indexOf("id=\"" + inputId + "\"");
		assertThat(input).as(inputId).isPositive();
		int end = body.indexOf("</label>", input);
		String field = body.substring(input, end);
		assertThat(field).as("error next to %s", inputId).contains("field-error");
		return field;
	}

	static String body(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static RequestPostProcessor viewer() {
		return user("alerts-viewer").roles("VIEWER");
	}

	private static RequestPostProcessor admin() {
		return user("alerts-admin").roles("ADMIN");
	}

}
