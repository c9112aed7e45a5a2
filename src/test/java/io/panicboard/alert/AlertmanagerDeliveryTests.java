package io.panicboard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.analysis.Severity;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import io.panicboard.system.PublicUrl;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduled sender delivers to a real Alertmanager through its API v2: Alertmanager
 * holds the alert with panicboard's labels and link, then no longer lists it as active
 * once resolved. The first test starts from an ingested nil-map crash and the alert
 * engine; the second from outbox rows. This context runs the scheduled sender, so it is
 * closed afterwards (the other test contexts leave the outbox to their tests).
 */
@SpringBootTest(properties = "panicboard.alerts.sender.enabled=true")
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@DirtiesContext
class AlertmanagerDeliveryTests {

	private static final ApiPrincipal INGEST = new ApiPrincipal(0, "alertmanager-ingest", TokenScope.INGEST, null);

	private static final String NIL_MAP_CRASH = "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n"
			+ "main.main()\n\t/src/app/main.go:8 +0x65\n";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private Clock clock;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private AlertRules rules;

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private PublicUrl publicUrl;

	@Test
	void anIngestedNilMapCrashReachesAlertmanagerWithItsLabelsThenResolves() throws Exception {
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start()) {
			OutboxRows outbox = new OutboxRows(this.jdbc, this.json);
			String channel = outbox.channel("alertmanager", alertmanager.url(), null);
			String service = OutboxRows.unique("orders");
			AlertRule rule = this.rules.create(
					new AlertRule(null, OutboxRows.unique("nil-map-write"), null, null, true, Severity.CRITICAL,
							new RuleMatchers(List.of(service), List.of("production"), List.of("nil_map_write"),
									List.of(), null),
							new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), Map.of(),
							Map.of("summary", "Nil-map write in " + service), List.of(channel), null, null, null),
					"tests");

			String event = this.json
				.writeValueAsString(Map.of("service", service, "environment", "production", "text", NIL_MAP_CRASH));
			assertThat(this.mvc.post()
				.uri("/api/v1/events")
				.with(TestTokens.as(INGEST))
				.contentType(MediaType.APPLICATION_JSON)
				.content(event)).hasStatus(202);
			long incident = await("the incident").atMost(Duration.ofSeconds(10))
				.until(() -> this.jdbc.sql("SELECT id FROM incident WHERE service = ?")
					.param(service)
					.query(Long.class)
					.optional(), Optional::isPresent)
				.orElseThrow();

			await("the alert in Alertmanager").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> {
					this.evaluator.evaluate(List.of(rule), this.clock.instant());
					assertThat(alertmanager.alerts("service", service)).as(alertmanager::log).hasSize(1);
				});
			JsonNode alert = alertmanager.alerts("service", service).get(0);
			assertThat(alert.path("labels").path("alertname").asString()).isEqualTo(rule.name());
			assertThat(alert.path("labels").path("severity").asString()).isEqualTo("critical");
			assertThat(alert.path("labels").path("service").asString()).isEqualTo(service);
			assertThat(alert.path("labels").path("environment").asString()).isEqualTo("production");
			assertThat(alert.path("labels").path("kind").asString()).isEqualTo("nil_map_write");
			assertThat(alert.path("annotations").path("summary").asString()).isEqualTo("Nil-map write in " + service);
			assertThat(alert.path("generatorURL").asString()).isEqualTo(this.publicUrl.link("/incidents/" + incident));

			this.jdbc.sql("UPDATE incident SET status = 'resolved', resolved_at = now() WHERE id = ?")
				.param(incident)
				.update();
			await("the alert resolved in Alertmanager").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> {
					this.evaluator.evaluate(List.of(rule), this.clock.instant());
					assertThat(alertmanager.alerts("service", service)).as(alertmanager::log).isEmpty();
				});
			// Alertmanager drops the alert when the resolution arrives; the sender marks
			// it
			// sent once Alertmanager's answer is back, a moment later
			await("the resolution marked sent").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(this.jdbc.sql("""
						SELECT string_agg(status || ':' || delivery, ',' ORDER BY id) FROM notification
						WHERE channel = ?""").param(channel).query(String.class).single())
					.isEqualTo("firing:sent,resolved:sent"));
			this.rules.delete(rule.id());
		}
	}

	@Test
	void alertmanagerReceivesTheFiringAlertWithItsLabelsAndThenItsResolution() throws Exception {
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start()) {
			OutboxRows outbox = new OutboxRows(this.jdbc, this.json);
			String channel = outbox.channel("alertmanager", alertmanager.url(), null);
			String service = OutboxRows.unique("checkout");
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			AlertNotification firing = OutboxRows.firing(service, now.minusSeconds(3));
			long fired = outbox.queue(channel, firing, now);

			await("the firing alert in Alertmanager").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(
						() -> assertThat(alertmanager.alerts("service", service)).as(alertmanager::log).hasSize(1));
			JsonNode alert = alertmanager.alerts("service", service).get(0);
			assertThat(this.json.convertValue(alert.path("labels"), Map.class))
				.isEqualTo(Map.of("alertname", "nil_map_write", "severity", "critical", "service", service,
						"environment", "production", "kind", "nil_map_write", "incident", "7"));
			assertThat(alert.path("annotations").path("summary").asString())
				.isEqualTo("assignment to entry in nil map in " + service);
			assertThat(alert.path("annotations").path("runbook_url").asString())
				.isEqualTo("http://localhost:8080/kinds/nil_map_write");
			assertThat(alert.path("generatorURL").asString()).isEqualTo("http://localhost:8080/incidents/7");
			assertThat(alert.path("status").path("state").asString()).isEqualTo("active");
			assertThat(Instant.parse(alert.path("startsAt").asString())).isEqualTo(firing.startsAt());
			assertThat(Instant.parse(alert.path("endsAt").asString())).as("held well beyond the repeat interval")
				.isAfter(now.plus(Duration.ofHours(4)));
			// the sender marks a notification sent once Alertmanager's answer is back, a
			// moment after Alertmanager shows it
			await("the firing notification marked sent").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(outbox.row(fired).delivery()).isEqualTo("sent"));
			assertThat(outbox.row(fired).responseStatus()).isEqualTo(200);

			long resolved = outbox.queue(channel, OutboxRows.resolved(firing, this.clock.instant()),
					this.clock.instant());
			await("the alert resolved in Alertmanager").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(
						() -> assertThat(alertmanager.alerts("service", service)).as(alertmanager::log).isEmpty());
			await("the resolution marked sent").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(outbox.row(resolved).delivery()).isEqualTo("sent"));
		}
	}

}
