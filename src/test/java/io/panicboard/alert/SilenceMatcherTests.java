package io.panicboard.alert;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceMatcherTests {

	private static final Map<String, String> LABELS = Map.of("service", "checkout-api", "severity", "critical");

	@Test
	void equalityOperatorsCompareWholeValues() {
		assertThat(new SilenceMatcher("service", "checkout-api", "=").matches(LABELS)).isTrue();
		assertThat(new SilenceMatcher("service", "checkout", "=").matches(LABELS)).isFalse();
		assertThat(new SilenceMatcher("service", "checkout", "!=").matches(LABELS)).isTrue();
	}

	@Test
	void regularExpressionsAreAnchoredAtBothEnds() {
		assertThat(new SilenceMatcher("service", "checkout", "=~").matches(LABELS)).isFalse();
		assertThat(new SilenceMatcher("service", "checkout.*", "=~").matches(LABELS)).isTrue();
		assertThat(new SilenceMatcher("service", "api", "!~").matches(LABELS)).isTrue();
		assertThat(new SilenceMatcher("severity", "critical|high", "!~").matches(LABELS)).isFalse();
	}

	@Test
	void aMissingLabelHasTheEmptyValue() {
		assertThat(new SilenceMatcher("team", "", "=").matches(LABELS)).isTrue();
		assertThat(new SilenceMatcher("team", ".+", "=~").matches(LABELS)).isFalse();
		assertThat(new SilenceMatcher("team", "core", "!=").matches(LABELS)).isTrue();
	}

	@Test
	void reportsAnInvalidRegularExpression() {
		assertThat(new SilenceMatcher("service", "(", "=~").invalidPattern()).isNotNull();
		assertThat(new SilenceMatcher("service", "(", "=").invalidPattern()).isNull();
	}

}
