package io.panicboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestTokens;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@AlertTest
class AlertTimelineTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private MutableClock clock;

	@Test
	void firedAndResolvedAlertsShowOnTheIncidentTimeline(@Autowired OccurrenceRecorder recorder,
			@Autowired TransactionTemplate transactions, @Autowired JdbcClient jdbc, @Autowired AlertRules rules) {
		AlertTestData data = new AlertTestData(recorder, transactions, jdbc, rules);
		this.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		String service = AlertTestData.unique("svc");
		AlertRule rule = data.rule(service, new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 60, 0, null),
				List.of(), null);
		long incident = data.occurrence(service, AlertTestData.NIL_MAP, UUID.randomUUID().toString(),
				this.clock.instant());
		this.evaluator.evaluate(List.of(rule), this.clock.instant());
		this.clock.advance(Duration.ofSeconds(61));
		this.evaluator.evaluate(List.of(rule), this.clock.instant());

		assertThat(this.mvc.get().uri("/incidents/" + incident).with(user("alice").roles("VIEWER"))).hasStatusOk()
			.bodyText()
			.contains("Alert fired: " + rule.name() + " (critical)")
			.contains("Alert resolved: " + rule.name() + " (critical)")
			.contains("href=\"/alerts\"");
		long alertId = jdbc.sql("SELECT id FROM alert WHERE rule_id = ?").params(rule.id()).query(Long.class).single();
		assertThat(this.mvc.get()
			.uri("/api/v1/incidents/" + incident)
			.with(TestTokens.as(new ApiPrincipal(0, "timeline-reader", TokenScope.READ, null)))).bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.timeline[?(@.type == 'alert_fired')].detail.alertId")
					.asArray()
					.containsExactly((int) alertId);
				assertThat(json).extractingPath("$.timeline[?(@.type == 'alert_resolved')].detail.rule")
					.asArray()
					.containsExactly(rule.name());
				assertThat(json).extractingPath("$.timeline[?(@.type == 'alert_fired')].detail.severity")
					.asArray()
					.containsExactly("critical");
			});
	}

}
