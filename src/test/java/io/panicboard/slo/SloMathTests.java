package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.slo.BurnRateCondition.Tier;
import io.panicboard.slo.SloStatus.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloMathTests {

	private static final Instant AT = Instant.parse("2026-11-10T12:00:00Z");

	@Test
	void thirtyDayFactorsAreTheWorkbooks() {
		assertThat(factors(Duration.ofDays(30))).containsExactly(14.4, 6.0, 3.0, 1.0);
	}

	@Test
	void shorterWindowsScaleFactorsToSpendTheSameShareOfTheBudget() {
		assertThat(factors(Duration.ofDays(28))).satisfiesExactly((f) -> assertThat(f).isCloseTo(13.44, within(1e-9)),
				(f) -> assertThat(f).isCloseTo(5.6, within(1e-9)), (f) -> assertThat(f).isCloseTo(2.8, within(1e-9)),
				(f) -> assertThat(f).isCloseTo(28.0 / 30, within(1e-9)));
		assertThat(factors(Duration.ofDays(7))).satisfiesExactly((f) -> assertThat(f).isCloseTo(3.36, within(1e-9)),
				(f) -> assertThat(f).isCloseTo(1.4, within(1e-9)), (f) -> assertThat(f).isCloseTo(0.7, within(1e-9)),
				(f) -> assertThat(f).isCloseTo(7.0 / 30, within(1e-9)));
		for (Duration window : List.of(Duration.ofDays(7), Duration.ofDays(28), Duration.ofDays(30),
				Duration.ofDays(31))) {
			for (BurnRateCondition condition : BurnRateCondition.ALL) {
				double spent = condition.factor(window) * condition.longWindow().length().toSeconds()
						/ window.toSeconds();
				assertThat(spent).as("%s of %s", condition, window)
					.isCloseTo(condition.budgetFraction(), within(1e-12));
			}
		}
	}

	@Test
	void factorsAreTheirDecimalValueAndTheRuleFileWritesThemExactly() {
		// 2 % of 28 days in 1 h is 13.44 (binary arithmetic gave 13.440000000000001), 10
		// %
		// of 7 days in 1 d is 0.7, 10 % of 28 days in 3 d is 28/30
		assertThat(factors(Duration.ofDays(28))).containsExactly(13.44, 5.6, 2.8, 28.0 / 30);
		assertThat(factors(Duration.ofDays(7))).containsExactly(3.36, 1.4, 0.7, 7.0 / 30);
		assertThat(factors(Duration.ofDays(31))).containsExactly(14.88, 6.2, 3.1, 31.0 / 30);
		for (Duration window : List.of(Duration.ofDays(7), Duration.ofDays(28), Duration.ofDays(29),
				Duration.ofDays(30), Duration.ofDays(31))) {
			for (BurnRateCondition condition : BurnRateCondition.ALL) {
				double factor = condition.factor(window);
				assertThat(Double.parseDouble(SloRules.factor(factor))).as("%s of %s", condition, window)
					.isEqualTo(factor);
			}
		}
		assertThat(SloRules.factor(13.44)).isEqualTo("13.44");
		assertThat(SloRules.factor(6)).isEqualTo("6");
		assertThat(SloRules.factor(28.0 / 30)).isEqualTo("0.9333333333333333");
	}

	@Test
	void burnRateEqualToTheFactorDoesNotFire() {
		// 20 crashes per 28 days; 2 crashes in the last 5 minutes burn the 3 d window at
		// 2 / (20 × 72 h / 672 h) = 28/30: exactly 10 % of the budget in 3 days
		Slo slo = new Slo(null, "crashes", null, "shop", "production", Indicator.CRASH_BUDGET, List.of("nil_map_write"),
				20, null, null, null, null, SloWindow.rolling(28), BudgetingMethod.OCCURRENCES, null, null, null);
		SloStatus status = SloEvaluator.status(slo, AT, slo.window().budgetRange(AT), counts(2, 2, 2, 2, 2, 2, 2, 2),
				2);
		SloStatus.ConditionState threeDays = status.conditions().get(3);
		assertThat(threeDays.longBurnRate()).isEqualTo(28.0 / 30);
		assertThat(threeDays.factor()).isEqualTo(28.0 / 30);
		assertThat(threeDays.firing()).isFalse();
		assertThat(Double.parseDouble(SloRules.factor(threeDays.factor()))).isEqualTo(threeDays.longBurnRate());
	}

	@Test
	void budgetOfARatioIndicatorIsTheAllowedShareOfTheWindowsEvents() {
		Slo slo = ratio(0.99);
		ErrorBudget budget = ErrorBudget.of(slo, new Events(5, 1000));
		assertThat(budget.total()).isCloseTo(10, within(1e-9));
		assertThat(budget.consumed()).isEqualTo(5);
		assertThat(budget.remainingRatio()).isCloseTo(0.5, within(1e-9));
		assertThat(budget.exhausted()).isFalse();
	}

	@Test
	void budgetExactlyUsedUpIsExhausted() {
		ErrorBudget budget = ErrorBudget.of(ratio(0.99), new Events(10, 1000));
		assertThat(budget.remainingRatio()).isCloseTo(0, within(1e-9));
		assertThat(budget.exhausted()).isTrue();
		ErrorBudget crashes = ErrorBudget.of(crashBudget(4), new Events(4, 0));
		assertThat(crashes.remainingRatio()).isZero();
		assertThat(crashes.exhausted()).isTrue();
	}

	@Test
	void windowWithoutEventsKeepsTheWholeBudget() {
		ErrorBudget budget = ErrorBudget.of(ratio(0.999), Events.NONE);
		assertThat(budget.remainingRatio()).isEqualTo(1);
		assertThat(budget.exhausted()).isFalse();
		assertThat(ErrorBudget.burnRate(ratio(0.999), Events.NONE, 300, 30 * 86400)).isZero();
		assertThat(ErrorBudget.of(crashBudget(3), Events.NONE).remainingRatio()).isEqualTo(1);
	}

	@Test
	void overspentBudgetIsNegative() {
		assertThat(ErrorBudget.of(crashBudget(4), new Events(6, 0)).remainingRatio()).isCloseTo(-0.5, within(1e-12));
	}

	@Test
	void burnRateOfARatioIsItsErrorRatioOverTheAllowedOne() {
		// 2 bad of 100 with 1 % allowed: twice as fast as the budget allows
		assertThat(ErrorBudget.burnRate(ratio(0.99), new Events(2, 100), 3600, 30 * 86400)).isCloseTo(2, within(1e-9));
	}

	@Test
	void burnRateOfACrashBudgetIsCrashesOverTheBudgetsShareOfTheRange() {
		// 30 crashes per 30 days = 1 per day; 1 crash in an hour burns 24 times too fast
		assertThat(ErrorBudget.burnRate(crashBudget(30), new Events(1, 0), 3600, 30 * 86400)).isCloseTo(24,
				within(1e-9));
	}

	@Test
	void conditionFiresOnlyWhenBothWindowsBurnFasterThanTheFactor() {
		Slo slo = crashBudget(10);
		// 3 crashes in the last minute: every window holds them
		SloStatus status = SloEvaluator.status(slo, AT, slo.window().budgetRange(AT), counts(3, 3, 3, 3, 3, 3, 3, 3),
				2);
		assertThat(status.conditions()).allMatch(SloStatus.ConditionState::firing);
		assertThat(status.state()).isEqualTo(State.BURNING);
		// 6 minutes later the 5 m window is empty: the 1 h page condition resolves
		status = SloEvaluator.status(slo, AT, slo.window().budgetRange(AT), counts(3, 0, 3, 3, 3, 3, 3, 3), 2);
		assertThat(status.conditions()).extracting(SloStatus.ConditionState::firing)
			.containsExactly(false, true, true, true);
	}

	@Test
	void aSingleBadEventNeverFires() {
		Slo slo = crashBudget(10);
		SloStatus status = SloEvaluator.status(slo, AT, slo.window().budgetRange(AT), counts(1, 1, 1, 1, 1, 1, 1, 1),
				2);
		assertThat(status.conditions().get(0).longBurnRate()).isGreaterThan(14.4);
		assertThat(status.conditions()).noneMatch(SloStatus.ConditionState::firing);
		assertThat(status.state()).isEqualTo(State.HEALTHY);
	}

	@Test
	void exhaustedWinsOverBurning() {
		Slo slo = crashBudget(3);
		SloStatus status = SloEvaluator.status(slo, AT, slo.window().budgetRange(AT), counts(3, 3, 3, 3, 3, 3, 3, 3),
				2);
		assertThat(status.state()).isEqualTo(State.EXHAUSTED);
	}

	@Test
	void calendarMonthIsTheMonthSoFar() {
		Instant at = Instant.parse("2026-02-10T06:00:00Z");
		assertThat(SloWindow.CALENDAR_MONTH.budgetRange(at))
			.isEqualTo(new TimeRange(Instant.parse("2026-02-01T00:00:00Z"), at));
		assertThat(SloWindow.CALENDAR_MONTH.length(at)).isEqualTo(Duration.ofDays(28));
		assertThat(SloWindow.rolling(7).budgetRange(at))
			.isEqualTo(new TimeRange(Instant.parse("2026-02-03T06:00:00Z"), at));
	}

	@Test
	void aPastWeekTakesItsShareOfACalendarMonthFromTheMonthsItFallsIn() {
		SloWindow month = SloWindow.CALENDAR_MONTH;
		// the ISO week 2027-W04 ends at midnight on 1 February: 7 of January's 31 days
		TimeRange lastWeekOfJanuary = new TimeRange(Instant.parse("2027-01-25T00:00:00Z"),
				Instant.parse("2027-02-01T00:00:00Z"));
		assertThat(month.share(lastWeekOfJanuary)).isCloseTo(7.0 / 31, within(1e-12));
		assertThat(month
			.share(new TimeRange(Instant.parse("2027-02-22T00:00:00Z"), Instant.parse("2027-03-01T00:00:00Z"))))
			.isCloseTo(7.0 / 28, within(1e-12));
		// 2026-W49 starts on 30 November: one day of November's 30, six of December's 31
		assertThat(month
			.share(new TimeRange(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z"))))
			.isCloseTo(1.0 / 30 + 6.0 / 31, within(1e-12));
		assertThat(month
			.share(new TimeRange(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-02-01T00:00:00Z"))))
			.isCloseTo(1, within(1e-12));
		assertThat(SloWindow.rolling(28).share(lastWeekOfJanuary)).isCloseTo(0.25, within(1e-12));
		// 28 crashes a month allow 6.32 in that week, not 7: its 7 crashes overspent it
		assertThat(ErrorBudget.burnRate(crashBudget(28), new Events(7, 0), month.share(lastWeekOfJanuary)))
			.isCloseTo(31.0 / 28, within(1e-9));
	}

	@Test
	void signalsCarryStableTierLabels() {
		Slo slo = crashBudget(10).withId(7, AT, AT, "alice");
		SloStatus status = SloEvaluator.status(slo, AT, slo.window().budgetRange(AT), counts(3, 3, 3, 3, 3, 3, 3, 3),
				2);
		List<BurnRateSignal> signals = SloSignals.signals(status, 2);
		assertThat(signals).extracting(BurnRateSignal::tier).containsExactly("page", "page", "ticket", "ticket");
		assertThat(signals).extracting(BurnRateSignal::severity)
			.containsExactly("critical", "critical", "warning", "warning");
		assertThat(signals.get(0).labels()).containsEntry("slo", slo.name())
			.containsEntry("tier", Tier.PAGE.id())
			.containsEntry("long_window", "1h")
			.containsEntry("short_window", "5m");
	}

	private static List<Double> factors(Duration window) {
		return BurnRateCondition.ALL.stream().map((c) -> c.factor(window)).toList();
	}

	/** The budget's events, then 5m, 30m, 1h, 2h, 6h, 1d, 3d. */
	private static List<Events> counts(long... bad) {
		List<Events> events = new ArrayList<>();
		for (long b : bad) {
			events.add(new Events(b, 0));
		}
		return events;
	}

	static Slo ratio(double objective) {
		return new Slo(null, "ratio", null, "shop", "production", Indicator.CRASH_FREE_TIME, List.of("nil_map_write"),
				null, null, null, null, objective, SloWindow.rolling(30), BudgetingMethod.TIMESLICES, null, null, null);
	}

	static Slo crashBudget(int max) {
		return new Slo(null, "crashes", null, "shop", "production", Indicator.CRASH_BUDGET, List.of("nil_map_write"),
				max, null, null, null, null, SloWindow.rolling(30), BudgetingMethod.OCCURRENCES, null, null, null);
	}

}
