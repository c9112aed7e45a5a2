package io.panicboard.slo;

import io.panicboard.slo.SloPages.Gauge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SloGaugeTests {

	@Test
	void showsTheBudgetLeftClampedAndColouredByHowMuchIsLeft() {
		assertThat(Gauge.of(new ErrorBudget(100, 20, 80, 0.8))).isEqualTo(new Gauge(80, "ok"));
		assertThat(Gauge.of(new ErrorBudget(100, 80, 20, 0.2))).isEqualTo(new Gauge(20, "low"));
		assertThat(Gauge.of(new ErrorBudget(100, 175, -75, -0.75))).isEqualTo(new Gauge(0, "out"));
		assertThat(Gauge.of(new ErrorBudget(0, 0, 0, 1))).isEqualTo(new Gauge(100, "ok"));
	}

	@Test
	void showsTheSameWholePercentAsTheListWhateverTheDivisionsBinaryNoise() {
		// 29 of 100 allowed crash minutes left: 0.29 × 100 is 28.999999999999996 as a
		// double
		ErrorBudget budget = ErrorBudget.of(SloMathTests.ratio(0.99), new Events(71, 10_000));
		assertThat(budget.remainingPercent()).isEqualTo(29);
		assertThat(Gauge.of(budget).percent()).isEqualTo(29);
		assertThat(ErrorBudget.of(SloMathTests.ratio(0.95), new Events(215, 10_000)).remainingPercent()).isEqualTo(57);
		// rounded down, never up: 0.5 of 100 left is 0 %, yet not exhausted
		ErrorBudget almostSpent = new ErrorBudget(100, 99.5, 0.5, 0.005);
		assertThat(almostSpent.remainingPercent()).isZero();
		assertThat(Gauge.of(almostSpent)).isEqualTo(new Gauge(0, "low"));
		assertThat(new ErrorBudget(100, 175, -75, -0.75).remainingPercent()).isEqualTo(-75);
	}

	@Test
	void writesObjectivesAsTheirDecimalPercent() {
		assertThat(SloPages.SloRow.percent(0.57)).isEqualTo("57 %");
		assertThat(SloPages.SloRow.percent(0.999)).isEqualTo("99.9 %");
		assertThat(SloPages.SloRow.percent(0.9995)).isEqualTo("99.95 %");
		assertThat(SloPages.SloRow.percent(0.99999)).isEqualTo("99.999 %");
		assertThat(SloPages.SloRow.percent(1.0)).isEqualTo("100 %");
	}

	@Test
	void isWrittenForTheScript() {
		assertThat(new Gauge(20, "low").json()).isEqualTo("{\"percent\":20,\"style\":\"low\",\"type\":\"gauge\"}");
	}

}
