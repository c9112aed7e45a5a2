package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Burn-rate signals firing and resolving on a scripted timeline: crashes arrive, the
 * rollup runs every minute as its job would, and the signals are read at chosen clock
 * readings.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class SloAlertTimelineTests {

	private static final Instant T0 = Instant.parse("2026-11-12T10:00:00Z");

	@Autowired
	private SloSignals signals;

	@Autowired
	private SloStore store;

	@Autowired
	private SloRollup rollup;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JdbcTemplate jdbcTemplate;

	private String service;

	@BeforeEach
	void partitionsAndService() {
		new TimePartitions(this.jdbcTemplate, "occurrence", Period.MONTH).createAhead(T0, 0);
		this.service = "burn-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void pageAndTicketConditionsFireWhileBothWindowsBurnAndResolveWhenTheShortOneStops() {
		Slo slo = crashBudget(10);
		for (int i = 0; i < 3; i++) {
			crash(T0.plusSeconds(10 + i));
		}
		this.rollup.rollUp(T0.minusSeconds(600), T0.plus(Duration.ofHours(7)));
		// the clock reading; SLOs are evaluated at the whole minute one minute before it
		assertThat(firing(slo, "10:00")).isEmpty();
		assertThat(firing(slo, "10:01")).containsExactly("page 1h/5m", "page 6h/30m", "ticket 1d/2h", "ticket 3d/6h");
		assertThat(firing(slo, "10:05")).containsExactly("page 1h/5m", "page 6h/30m", "ticket 1d/2h", "ticket 3d/6h");
		assertThat(firing(slo, "10:06")).containsExactly("page 6h/30m", "ticket 1d/2h", "ticket 3d/6h");
		assertThat(firing(slo, "10:30")).containsExactly("page 6h/30m", "ticket 1d/2h", "ticket 3d/6h");
		assertThat(firing(slo, "10:31")).containsExactly("ticket 1d/2h", "ticket 3d/6h");
		assertThat(firing(slo, "12:00")).containsExactly("ticket 1d/2h", "ticket 3d/6h");
		assertThat(firing(slo, "12:01")).containsExactly("ticket 3d/6h");
		assertThat(firing(slo, "16:00")).containsExactly("ticket 3d/6h");
		assertThat(firing(slo, "16:01")).isEmpty();
	}

	@Test
	void aSingleCrashDoesNotPageALowTrafficService() {
		Slo slo = crashBudget(10);
		crash(T0.plusSeconds(10));
		this.rollup.rollUp(T0.minusSeconds(600), T0.plus(Duration.ofHours(1)));
		BurnRateSignal page = signal(slo, "10:01", "1h");
		assertThat(page.longBurnRate()).isCloseTo(72, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(page.factor()).isEqualTo(14.4);
		assertThat(page.longWindowBadEvents()).isOne();
		assertThat(page.firing()).isFalse();
		// a second crash meets the guard
		crash(T0.plusSeconds(70));
		this.rollup.rollUp(T0.minusSeconds(600), T0.plus(Duration.ofHours(1)));
		assertThat(signal(slo, "10:02", "1h").firing()).isTrue();
	}

	private List<String> firing(Slo slo, String clock) {
		return this.signals.burnRateSignals(at(clock))
			.stream()
			.filter((s) -> s.slo().equals(slo.name()) && s.firing())
			.map((s) -> s.tier() + " " + s.longWindow() + "/" + s.shortWindow())
			.toList();
	}

	private BurnRateSignal signal(Slo slo, String clock, String longWindow) {
		return this.signals.burnRateSignals(at(clock))
			.stream()
			.filter((s) -> s.slo().equals(slo.name()) && s.longWindow().equals(longWindow))
			.findFirst()
			.orElseThrow();
	}

	/** A clock reading {@code hh:mm} one minute after the evaluated minute. */
	private static Instant at(String clock) {
		return Instant.parse("2026-11-12T" + clock + ":00Z").plusSeconds(60);
	}

	private Slo crashBudget(int max) {
		return this.store.create(new Slo(null, this.service, null, this.service, "production", Indicator.CRASH_BUDGET,
				List.of("nil_map_write"), max, null, null, null, null, SloWindow.rolling(30),
				BudgetingMethod.OCCURRENCES, null, null, null), T0, "test");
	}

	private void crash(Instant receivedAt) {
		this.jdbc.sql("""
				INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
					instance, text, finding)
				VALUES (0, ?, 'production', 'f', ?, ?, 'pod-a', 'panic', '{"kind":"nil_map_write"}'::jsonb)""")
			.params(this.service, receivedAt.atOffset(UTC), receivedAt.atOffset(UTC))
			.update();
	}

}
