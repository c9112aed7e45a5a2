package io.panicboard.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.panicboard.incident.OccurrenceRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule stored before runbook URLs were checked may hold a {@code runbook_url} that is
 * not an absolute http(s) URL: its alerts are sent without it.
 */
@AlertTest
class StoredRunbookUrlTests {

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private AlertRules rules;

	@Autowired
	private NotificationSender sender;

	@Autowired
	private MutableClock clock;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Test
	void webhookAndAlertmanagerPayloadsLeaveOutARunbookUrlThatIsNotAnHttpLink(@Autowired OccurrenceRecorder recorder,
			@Autowired TransactionTemplate transactions) throws Exception {
		AlertTestData data = new AlertTestData(recorder, transactions, this.jdbc, this.rules);
		String service = AlertTestData.unique("svc");
		this.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		try (WebhookReceiver webhook = new WebhookReceiver(); WebhookReceiver alertmanager = new WebhookReceiver()) {
			String webhookChannel = channel("webhook", webhook.url("/hook"));
			String alertmanagerChannel = channel("alertmanager", alertmanager.url(""));
			long ruleId = this.jdbc
				.sql("""
						INSERT INTO alert_rule (name, severity, enabled, matchers, condition_type, window_seconds,
						    annotations, channels, created_at, updated_at, updated_by)
						VALUES (?, 'critical', true, ?::jsonb, 'any_occurrence', 300,
						    '{"summary": "old rule", "runbook_url": "javascript:alert(1)", "dashboard": "https://d.example/x"}',
						    ?, now(), now(), 'before runbook URLs were checked')
						RETURNING id""")
				.params(AlertTestData.unique("old-rule"), "{\"services\":[\"" + service + "\"]}",
						new String[] { webhookChannel, alertmanagerChannel })
				.query(Long.class)
				.single();
			try {
				data.occurrence(service, AlertTestData.NIL_MAP, UUID.randomUUID().toString().replace("-", ""),
						this.clock.instant().minusSeconds(1));
				this.evaluator.evaluate(List.of(this.rules.find(ruleId).orElseThrow()), this.clock.instant());
				this.sender.sendDue(this.clock.instant(), List.of(webhookChannel, alertmanagerChannel))
					.get(10, TimeUnit.SECONDS);

				assertThat(webhook.received()).hasSize(1);
				JsonNode sent = this.json.readTree(webhook.received().get(0).body());
				assertThat(sent.path("annotations").path("summary").asString()).isEqualTo("old rule");
				assertThat(sent.path("annotations").path("dashboard").asString()).isEqualTo("https://d.example/x");
				assertThat(sent.path("annotations").has("runbook_url")).isFalse();

				assertThat(alertmanager.received()).hasSize(1);
				assertThat(alertmanager.received().get(0).path()).isEqualTo("/api/v2/alerts");
				JsonNode alert = this.json.readTree(alertmanager.received().get(0).body()).get(0);
				assertThat(alert.path("annotations").path("summary").asString()).isEqualTo("old rule");
				assertThat(alert.path("annotations").has("runbook_url")).isFalse();
				assertThat(new String(alertmanager.received().get(0).body())).doesNotContain("javascript:");
			}
			finally {
				this.jdbc.sql("DELETE FROM notification WHERE channel IN (?, ?)")
					.params(webhookChannel, alertmanagerChannel)
					.update();
				this.rules.delete(ruleId);
				this.jdbc.sql("DELETE FROM notification_channel WHERE name IN (?, ?)")
					.params(webhookChannel, alertmanagerChannel)
					.update();
			}
		}
	}

	private String channel(String type, String url) {
		String name = AlertTestData.unique(type);
		this.jdbc.sql("""
				INSERT INTO notification_channel (name, type, url, created_at, updated_at)
				VALUES (?, ?, ?, now(), now())""").params(name, type, url).update();
		return name;
	}

}
