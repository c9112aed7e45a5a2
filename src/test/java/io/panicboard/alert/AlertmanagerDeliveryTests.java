package io.panicboard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduled sender delivers a firing and then a resolved notification to a real
 * Alertmanager through its API v2, and Alertmanager holds the alert with panicboard's
 * labels and link, then no longer lists it as active.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class AlertmanagerDeliveryTests {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private Clock clock;

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
			assertThat(outbox.row(fired).delivery()).isEqualTo("sent");
			assertThat(outbox.row(fired).responseStatus()).isEqualTo(200);

			long resolved = outbox.queue(channel, OutboxRows.resolved(firing, this.clock.instant()),
					this.clock.instant());
			await("the alert resolved in Alertmanager").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(
						() -> assertThat(alertmanager.alerts("service", service)).as(alertmanager::log).isEmpty());
			assertThat(outbox.row(resolved).delivery()).isEqualTo("sent");
		}
	}

}
