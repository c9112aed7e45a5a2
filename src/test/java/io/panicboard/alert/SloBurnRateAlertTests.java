package io.panicboard.alert;

import java.time.Instant;
import io.panicboard.system.TimePartitions.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.panicboard.slo.SloRollups;
import io.panicboard.system.TimePartitions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in {@code slo_burn_rate} rules fire on the SLO engine's burn-rate conditions:
 * the page rule on the page tier only, one alert per SLO and window pair with the SLO's
 * labels, and they resolve when the conditions stop.
 */
@AlertTest
class SloBurnRateAlertTests {

	private static final Instant T0 = Instant.parse("2026-10-14T10:00:00Z");

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private AlertRules rules;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private MutableClock clock;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void pageAndTicketRulesFireOnTheirTierAndResolve(@Autowired JdbcTemplate jdbcTemplate) {
		new TimePartitions(jdbcTemplate, "occurrence", Period.MONTH).createAhead(T0, 0);
		String service = "slo-alert-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("""
				INSERT INTO slo (name, service, environment, indicator, kinds, max_crashes, window_days, rolling,
				    budgeting_method, created_at, updated_at)
				VALUES (?, ?, 'production', 'crash_budget', '{nil_map_write}', 10, 30, true, 'occurrences', ?, ?)""")
			.params(service, service, T0.atOffset(ZoneOffset.UTC), T0.atOffset(ZoneOffset.UTC))
			.update();
		for (int i = 0; i < 3; i++) {
			Instant at = T0.plusSeconds(10 + i);
			this.jdbc.sql("""
					INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
					    instance, text, finding)
					VALUES (0, ?, 'production', 'f', ?, ?, 'pod-a', 'panic', '{"kind":"nil_map_write"}'::jsonb)""")
				.params(service, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC))
				.update();
		}
		AlertRule page = builtin("slo_burn_page");
		AlertRule ticket = builtin("slo_burn_ticket");

		// three crashes of ten allowed in 30 days within a minute: every condition fires
		at("2026-10-14T10:02:00Z");
		assertThat(alerts(page, service)).containsExactlyInAnyOrder("page 1h/5m", "page 6h/30m");
		assertThat(alerts(ticket, service)).containsExactlyInAnyOrder("ticket 1d/2h", "ticket 3d/6h");
		Map<String, Object> labels = this.jdbc
			.sql("SELECT labels::text FROM alert WHERE rule_id = ? AND labels->>'slo' = ? AND state = 'firing' LIMIT 1")
			.params(page.id(), service)
			.query((rs, n) -> Map.<String, Object>of("labels", rs.getString(1)))
			.single();
		assertThat(labels.get("labels").toString()).contains("\"tier\": \"page\"", "\"severity\": \"critical\"",
				"\"service\": \"" + service + "\"", "\"alertname\": \"SLO error budget burning fast\"");

		// the 5 m window is past: the fast page condition resolves, the 6 h one still
		// fires
		at("2026-10-14T10:07:00Z");
		assertThat(alerts(page, service)).containsExactly("page 6h/30m");

		// four days on, nothing burns any more
		at("2026-10-18T10:07:00Z");
		assertThat(alerts(page, service)).isEmpty();
		assertThat(alerts(ticket, service)).isEmpty();
	}

	private void at(String instant) {
		Instant now = Instant.parse(instant);
		SloRollups.rollUp(this.context, T0.minusSeconds(600), T0.plusSeconds(600));
		this.clock.set(now);
		this.evaluator.evaluate(List.of(builtin("slo_burn_page"), builtin("slo_burn_ticket")), now);
	}

	private List<String> alerts(AlertRule rule, String service) {
		return this.jdbc.sql("""
				SELECT (labels->>'tier') || ' ' || (labels->>'long_window') || '/' || (labels->>'short_window')
				FROM alert WHERE rule_id = ? AND labels->>'slo' = ? AND state = 'firing'""")
			.params(rule.id(), service)
			.query(String.class)
			.list();
	}

	private AlertRule builtin(String key) {
		return this.rules.all().stream().filter((rule) -> key.equals(rule.builtinKey())).findFirst().orElseThrow();
	}

}
