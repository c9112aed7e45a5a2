package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.slo.SloStatus.State;
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
import static org.assertj.core.api.Assertions.within;

/**
 * SLIs computed from raw data rolled up, on hand-computed scenarios.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class SloEvaluationTests {

	/** Not on an hour, so that ranges have partial hours at both ends. */
	private static final Instant BASE = Instant.parse("2026-11-10T08:07:00Z");

	@Autowired
	private SloRollup rollup;

	@Autowired
	private SloEvaluator evaluator;

	@Autowired
	private SliQueries queries;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JdbcTemplate jdbcTemplate;

	private String service;

	@BeforeEach
	void partitionsAndService() {
		new TimePartitions(this.jdbcTemplate, "occurrence", Period.MONTH).createAhead(BASE, 0);
		new TimePartitions(this.jdbcTemplate, "gc_cycle", Period.DAY).createAhead(BASE, 1);
		new TimePartitions(this.jdbcTemplate, "gc_pause", Period.DAY).createAhead(BASE, 1);
		this.service = "slo-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void crashFreeTimeCountsObservedInstanceMinutesAndThoseWithAMatchingCrash() {
		// two instances for two hours: pod-a by heartbeats, pod-b by gc minutes (gc lines
		// or expvar)
		for (int m = 0; m < 120; m++) {
			heartbeat("pod-a", BASE.plusSeconds(60L * m));
			gcMinute("pod-b", BASE.plusSeconds(60L * m));
		}
		crash("pod-a", "nil_map_write", BASE.plusSeconds(90 * 60 + 5));
		crash("pod-a", "nil_map_write", BASE.plusSeconds(90 * 60 + 30));
		// counted as observed but not bad: a kind the SLO does not watch
		crash("pod-b", "index_out_of_range", BASE.plusSeconds(100 * 60));
		// observed by its crash alone
		crash("pod-c", "nil_map_write", BASE.plusSeconds(110 * 60));
		Instant at = BASE.plusSeconds(120 * 60);
		this.rollup.rollUp(BASE, at);
		Slo slo = slo(Indicator.CRASH_FREE_TIME, 0.99);
		SloStatus status = this.evaluator.evaluateAt(slo, at);
		// 240 + 1 instance-minutes, 2 of them crashed (pod-a at +90, pod-c at +110)
		assertThat(status.events()).isEqualTo(new Events(2, 241));
		assertThat(status.budget().total()).isCloseTo(2.41, within(1e-9));
		assertThat(status.budget().remainingRatio()).isCloseTo(1 - 2 / 2.41, within(1e-9));
		// 5m: +115..+119, 10 instance-minutes, none bad
		assertThat(status.windowEvents().get(BurnWindow.M5)).isEqualTo(new Events(0, 10));
		// 30m: +90..+119, 60 + pod-c's minute, 2 bad
		assertThat(status.windowEvents().get(BurnWindow.M30)).isEqualTo(new Events(2, 61));
		assertThat(status.burnRates().get(BurnWindow.M30)).isCloseTo((2.0 / 61) / 0.01, within(1e-9));
		assertThat(status.burnRates().get(BurnWindow.M5)).isZero();
	}

	@Test
	void rangesWithPartialHoursCountLikeMinuteByMinute() {
		for (int m = 0; m < 300; m++) {
			heartbeat("pod-a", BASE.plusSeconds(60L * m));
			if (m % 7 == 0) {
				crash("pod-a", "nil_map_write", BASE.plusSeconds(60L * m + 1));
			}
		}
		this.rollup.rollUp(BASE, BASE.plusSeconds(300 * 60));
		Slo slo = slo(Indicator.CRASH_FREE_TIME, 0.99);
		Instant from = BASE.plusSeconds(13 * 60);
		Instant to = BASE.plusSeconds(250 * 60);
		List<Events> events = this.queries.count(slo,
				List.of(new TimeRange(from, to), new TimeRange(BASE, BASE.plusSeconds(53 * 60)),
						new TimeRange(BASE.plusSeconds(53 * 60), BASE.plusSeconds(113 * 60)),
						new TimeRange(BASE.plusSeconds(60 * 60), BASE.plusSeconds(60 * 60))));
		long bad = 0;
		for (int m = 13; m < 250; m++) {
			bad += (m % 7 == 0) ? 1 : 0;
		}
		assertThat(events.get(0)).isEqualTo(new Events(bad, 237));
		// 0..52: 8 multiples of 7
		assertThat(events.get(1)).isEqualTo(new Events(8, 53));
		// exactly the hour 09:00-10:00 (minutes 53..112): 56, 63, ..., 112 = 9
		assertThat(events.get(2)).isEqualTo(new Events(9, 60));
		assertThat(events.get(3)).isEqualTo(Events.NONE);
	}

	@Test
	void windowBoundariesIncludeTheirFirstMinuteAndExcludeTheirEnd() {
		Instant at = BASE.plusSeconds(3600);
		crash("pod-a", "nil_map_write", at.minusSeconds(5 * 60));
		crash("pod-a", "nil_map_write", at);
		this.rollup.rollUp(BASE, at.plusSeconds(60));
		Slo slo = slo(Indicator.CRASH_BUDGET, null);
		SloStatus status = this.evaluator.evaluateAt(slo, at);
		assertThat(status.windowEvents().get(BurnWindow.M5).bad()).isOne();
		assertThat(status.events().bad()).isOne();
	}

	@Test
	void serviceWithoutTrafficIsHealthyWithItsWholeBudget() {
		for (Indicator indicator : Indicator.values()) {
			SloStatus status = this.evaluator
				.evaluateAt(slo(indicator, (indicator == Indicator.CRASH_BUDGET) ? null : 0.99), BASE);
			assertThat(status.events()).isEqualTo(Events.NONE);
			assertThat(status.budget().remainingRatio()).isEqualTo(1);
			assertThat(status.burnRates().values()).allMatch((r) -> r == 0);
			assertThat(status.state()).isEqualTo(State.HEALTHY);
		}
	}

	@Test
	void crashBudgetExactlyUsedUpIsExhausted() {
		for (int i = 0; i < 4; i++) {
			crash("pod-" + i, "nil_map_write", BASE.plusSeconds(3600L * i));
		}
		crash("pod-x", "user_panic", BASE);
		Instant at = BASE.plusSeconds(5 * 3600);
		this.rollup.rollUp(BASE, at);
		Slo slo = slo(Indicator.CRASH_BUDGET, null);
		SloStatus status = this.evaluator.evaluateAt(slo, at);
		assertThat(status.budget().consumed()).isEqualTo(4);
		assertThat(status.budget().remainingRatio()).isZero();
		assertThat(status.state()).isEqualTo(State.EXHAUSTED);
	}

	@Test
	void gcPauseCountsCyclesAtOrBelowTheThresholdAsGood() {
		// pauses of 2, 10 (the threshold itself: good), 11 and 50 ms from gctrace
		cycle("pod-a", BASE.plusSeconds(10), 1.0, 1.0);
		cycle("pod-a", BASE.plusSeconds(20), 4.0, 6.0);
		cycle(null, BASE.plusSeconds(70), 5.0, 6.0);
		cycle("pod-b", BASE.plusSeconds(3700), 25.0, 25.0);
		// and 0.5 ms and 30 ms from expvar
		pause("pod-c", 1, BASE.plusSeconds(30), 0.0005);
		pause("pod-c", 2, BASE.plusSeconds(3800), 0.03);
		Instant at = BASE.plusSeconds(2 * 3600);
		this.rollup.rollUp(BASE, at);
		Slo slo = slo(Indicator.GC_PAUSE, 0.75);
		SloStatus status = this.evaluator.evaluateAt(slo, at);
		assertThat(status.events()).isEqualTo(new Events(3, 6));
		// 1.5 allowed, 3 spent
		assertThat(status.budget().remainingRatio()).isCloseTo(-1, within(1e-9));
		assertThat(status.state()).isEqualTo(State.EXHAUSTED);
		assertThat(status.windowEvents().get(BurnWindow.H1)).isEqualTo(new Events(2, 2));
	}

	@Test
	void gcPauseCountsEachCycleOfAnInstanceSendingBothSourcesOnce() {
		// pod-a's cycles of 2 and 20 ms, as gctrace lines and in its next expvar sample
		cycle("pod-a", BASE.plusSeconds(10), 1.0, 1.0);
		cycle("pod-a", BASE.plusSeconds(20), 10.0, 10.0);
		pause("pod-a", 1, BASE.plusSeconds(9), 0.002);
		pause("pod-a", 2, BASE.plusSeconds(19), 0.02);
		// a minute without gctrace lines from pod-a takes its expvar pause of 30 ms
		pause("pod-a", 3, BASE.plusSeconds(70), 0.03);
		// another instance's gctrace lines leave pod-b's expvar pause of 1 ms counted
		pause("pod-b", 1, BASE.plusSeconds(30), 0.001);
		Instant at = BASE.plusSeconds(3600);
		this.rollup.rollUp(BASE, at);
		SloStatus status = this.evaluator.evaluateAt(slo(Indicator.GC_PAUSE, 0.75), at);
		assertThat(status.events()).isEqualTo(new Events(2, 4));
	}

	@Test
	void timeToResolveCountsIncidentsOnceDecided() {
		Instant at = BASE.plusSeconds(24 * 3600);
		Duration h = Duration.ofHours(1);
		// resolved in 1 h: good, decided at -9 h
		incident("critical", at.minus(h.multipliedBy(10)), at.minus(h.multipliedBy(9)));
		// open for 10 h: bad, decided at -6 h (when its 4 h ran out)
		incident("critical", at.minus(h.multipliedBy(10)), null);
		// resolved after 5 h: bad, decided at -26 h... outside the 1 d window, inside the
		// budget's
		incident("critical", at.minus(h.multipliedBy(30)), at.minus(h.multipliedBy(25)));
		// open for 1 h: not decided yet
		incident("critical", at.minus(h), null);
		// another severity
		incident("high", at.minus(h.multipliedBy(10)), null);
		Slo slo = slo(Indicator.TIME_TO_RESOLVE, 0.5);
		SloStatus status = this.evaluator.evaluateAt(slo, at);
		assertThat(status.events()).isEqualTo(new Events(2, 3));
		assertThat(status.windowEvents().get(BurnWindow.D1)).isEqualTo(new Events(1, 2));
		// decided exactly at the 6 h window's first instant: inside it
		assertThat(status.windowEvents().get(BurnWindow.H6)).isEqualTo(new Events(1, 1));
		assertThat(status.windowEvents().get(BurnWindow.H2)).isEqualTo(Events.NONE);
		assertThat(status.windowEvents().get(BurnWindow.D3)).isEqualTo(new Events(2, 3));
	}

	@Test
	void crashKindComesFromTheKindColumnOrForOlderRowsFromTheStoredFinding() {
		heartbeat("pod-a", BASE);
		// stored before occurrences had a kind column: only the finding knows
		occurrence("pod-a", null, "nil_map_write", BASE.plusSeconds(1));
		occurrence("pod-a", null, "index_out_of_range", BASE.plusSeconds(2));
		// the column is what is read
		occurrence("pod-b", "concurrent_map_writes", null, BASE.plusSeconds(3));
		Instant at = BASE.plusSeconds(3600);
		this.rollup.rollUp(BASE, at);
		assertThat(this.jdbc.sql("""
				SELECT instance || ':' || array_to_string(crash_kinds, ',') FROM slo_instance_minute
				WHERE service = ? ORDER BY instance""").param(this.service).query(String.class).list())
			.containsExactly("pod-a:index_out_of_range,nil_map_write", "pod-b:concurrent_map_writes");
		assertThat(this.jdbc.sql("SELECT kind || '=' || count FROM slo_crash_minute WHERE service = ? ORDER BY kind")
			.param(this.service)
			.query(String.class)
			.list()).containsExactly("concurrent_map_writes=1", "index_out_of_range=1", "nil_map_write=1");
		assertThat(this.evaluator.evaluateAt(slo(Indicator.CRASH_BUDGET, null), at).events().bad()).isEqualTo(2);
	}

	@Test
	void rollupIsIdempotent() {
		heartbeat("pod-a", BASE);
		crash("pod-a", "nil_map_write", BASE.plusSeconds(1));
		Instant at = BASE.plusSeconds(3600);
		this.rollup.rollUp(BASE, at);
		this.rollup.rollUp(BASE, at);
		this.rollup.rollUp(at.minusSeconds(600));
		SloStatus status = this.evaluator.evaluateAt(slo(Indicator.CRASH_FREE_TIME, 0.99), at);
		assertThat(status.events()).isEqualTo(new Events(1, 1));
		assertThat(this.evaluator.evaluateAt(slo(Indicator.CRASH_BUDGET, null), at).events().bad()).isOne();
	}

	private Slo slo(Indicator indicator, Double objective) {
		List<String> kinds = new ArrayList<>(List.of("nil_map_write", "concurrent_map_writes"));
		return new Slo(1L, this.service + "-" + indicator.id(), null, this.service, "production", indicator,
				indicator.usesKinds() ? kinds : List.of(), (indicator == Indicator.CRASH_BUDGET) ? 4 : null,
				(indicator == Indicator.GC_PAUSE) ? 0.01 : null,
				(indicator == Indicator.TIME_TO_RESOLVE) ? "critical" : null,
				(indicator == Indicator.TIME_TO_RESOLVE) ? Duration.ofHours(4) : null, objective, SloWindow.rolling(7),
				indicator.budgetingMethod(), BASE, BASE, "test");
	}

	private void heartbeat(String instance, Instant minute) {
		this.jdbc.sql("INSERT INTO heartbeat (service, environment, instance, minute) VALUES (?, 'production', ?, ?)")
			.params(this.service, instance, minute.atOffset(UTC))
			.update();
	}

	private void gcMinute(String instance, Instant minute) {
		this.jdbc.sql(
				"INSERT INTO gc_minute (service, environment, instance, minute, cycles) VALUES (?, 'production', ?, ?, 1)")
			.params(this.service, instance, minute.atOffset(UTC))
			.update();
	}

	/** An occurrence as ingestion stores it: its kind in its column and its finding. */
	private void crash(String instance, String kind, Instant receivedAt) {
		occurrence(instance, kind, kind, receivedAt);
	}

	private void occurrence(String instance, String kindColumn, String findingKind, Instant receivedAt) {
		this.jdbc.sql("""
				INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
					instance, text, finding, kind)
				VALUES (0, ?, 'production', 'f', ?, ?, ?, 'panic',
					CASE WHEN ?::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('kind', ?::text) END, ?)""")
			.params(this.service, receivedAt.atOffset(UTC), receivedAt.atOffset(UTC), instance, findingKind,
					findingKind, kindColumn)
			.update();
	}

	private void cycle(String instance, Instant at, double sweepTermMs, double markTermMs) {
		this.jdbc.sql("""
				INSERT INTO gc_cycle (service, environment, instance, received_at, number, at_seconds, cpu_percent,
					clock_sweep_termination_ms, clock_mark_ms, clock_mark_termination_ms, cpu_sweep_termination_ms,
					cpu_assist_ms, cpu_background_ms, cpu_idle_ms, cpu_mark_termination_ms, heap_before_mb,
					heap_after_mb, heap_live_mb, goal_mb, procs, forced)
				VALUES (?, 'production', ?, ?, 1, 1.0, 1, ?, 5.0, ?, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, false)""")
			.params(this.service, instance, at.atOffset(UTC), sweepTermMs, markTermMs)
			.update();
	}

	private void pause(String instance, long number, Instant endedAt, double seconds) {
		this.jdbc.sql("INSERT INTO gc_pause VALUES (?, 'production', ?, ?, ?, ?)")
			.params(this.service, instance, number, endedAt.atOffset(UTC), seconds)
			.update();
	}

	private void incident(String severity, Instant firstSeen, Instant resolvedAt) {
		this.jdbc.sql("""
				INSERT INTO incident (service, environment, fingerprint, type, kind, severity, status, title,
					first_seen, last_seen, resolved_at)
				VALUES (?, 'production', ?, 'panic', 'nil_map_write', ?, ?, 't', ?, ?, ?)""")
			.params(this.service, UUID.randomUUID().toString(), severity, (resolvedAt != null) ? "resolved" : "open",
					firstSeen.atOffset(UTC), firstSeen.atOffset(UTC),
					(resolvedAt != null) ? resolvedAt.atOffset(UTC) : null)
			.update();
	}

}
