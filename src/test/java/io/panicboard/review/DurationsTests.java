package io.panicboard.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTests {

	@Test
	void formatsDurationsCoarsely() {
		assertThat(Durations.format((Double) null)).isEqualTo("–");
		assertThat(Durations.format(45.0)).isEqualTo("45s");
		assertThat(Durations.format(5400.0)).isEqualTo("1h 30m");
		assertThat(Durations.format(7200.0)).isEqualTo("2h");
		assertThat(Durations.format(1_720_800.0)).isEqualTo("19d 22h");
	}

	@Test
	void formatsChanges() {
		assertThat(Durations.change(5, 3)).isEqualTo("+2");
		assertThat(Durations.change(3, 5)).isEqualTo("−2");
		assertThat(Durations.change(3, 3)).isEqualTo("±0");
		assertThat(Durations.change(5400.0, null)).isEqualTo("–");
		assertThat(Durations.change(3600.0, 7200.0)).isEqualTo("−1h");
	}

}
