package io.panicboard.incident;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionsTests {

	@Test
	void ordersSemanticVersionsByPrecedence() {
		assertThat(Versions.compare("1.4.1", "1.4.2")).isNegative();
		assertThat(Versions.compare("1.10.0", "1.9.9")).isPositive();
		assertThat(Versions.compare("v1.4.2", "1.4.2")).isZero();
		assertThat(Versions.compare("1.4.2-rc.1", "1.4.2")).isNegative();
		assertThat(Versions.compare("1.4.2-rc.2", "1.4.2-rc.10")).isNegative();
		assertThat(Versions.compare("1.4.2-alpha", "1.4.2-1")).isPositive();
		assertThat(Versions.compare("1.4.2+build.9", "1.4.2+build.1")).isZero();
	}

	@Test
	void fallsBackToPartsForOtherVersions() {
		assertThat(Versions.compare("2024.11.3", "2024.9.30")).isPositive();
		assertThat(Versions.compare("build-120", "build-99")).isPositive();
		assertThat(Versions.compare("1.4", "1.4.1")).isNegative();
		assertThat(Versions.compare("abc", "abd")).isNegative();
	}

	@Test
	void unknownVersionIsNeverOlder() {
		assertThat(Versions.older(null, "1.4.2")).isFalse();
		assertThat(Versions.older("1.4.1", null)).isFalse();
		assertThat(Versions.older("1.4.1", "1.4.2")).isTrue();
		assertThat(Versions.older("1.4.2", "1.4.2")).isFalse();
	}

}
