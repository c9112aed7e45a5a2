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
	void isWrittenForTheScript() {
		assertThat(new Gauge(20, "low").json()).isEqualTo("{\"percent\":20,\"style\":\"low\",\"type\":\"gauge\"}");
	}

}
