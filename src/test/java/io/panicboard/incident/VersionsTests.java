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
	void olderKeepsEveryOrderThatVersionSchemesDefine() {
		assertThat(Versions.older("1.4.1", "1.4.2")).isTrue();
		assertThat(Versions.older("v1.4.1", "1.4.2")).isTrue();
		assertThat(Versions.older("1.4.2-rc.1", "1.4.2")).isTrue();
		assertThat(Versions.older("1.4.2-alpha", "1.4.2-beta")).isTrue();
		assertThat(Versions.older("1.4.2", "1.4.2-rc.1")).isFalse();
		assertThat(Versions.older("2024.9.30", "2024.11.3")).isTrue();
		assertThat(Versions.older("build-99", "build-120")).isTrue();
		assertThat(Versions.older("1.4", "1.4.1")).isTrue();
		assertThat(Versions.older("1.4.2", "2024.11.3")).isTrue();
		assertThat(Versions.older("20241103", "20241104")).isTrue();
	}

	@Test
	void versionsWithoutACommonOrderAreNeverOlder() {
		assertThat(Versions.older("1a2b3c4", "9f8e7d6")).isFalse();
		assertThat(Versions.older("9f8e7d6", "1a2b3c4")).isFalse();
		assertThat(Versions.older("0123456789abcdef0123456789abcdef01234567", "9f8e7d6")).isFalse();
		assertThat(Versions.older("1.4.2", "9f8e7d6")).isFalse();
		assertThat(Versions.older("9f8e7d6", "1.4.2")).isFalse();
		assertThat(Versions.older("1234567", "9f8e7d6")).isFalse();
		assertThat(Versions.older("main-1a2b3c4", "main-9f8e7d6")).isFalse();
		assertThat(Versions.older("abc", "abd")).isFalse();
		assertThat(Versions.older("build-x", "build-7")).isFalse();
		assertThat(Versions.older("9f8e7d6", "9f8e7d6")).isFalse();
		// sorting still puts them in some fixed order
		assertThat(Versions.compare("1a2b3c4", "9f8e7d6")).isNegative();
	}

	@Test
	void unknownVersionIsNeverOlder() {
		assertThat(Versions.older(null, "1.4.2")).isFalse();
		assertThat(Versions.older("1.4.1", null)).isFalse();
		assertThat(Versions.older("1.4.1", "1.4.2")).isTrue();
		assertThat(Versions.older("1.4.2", "1.4.2")).isFalse();
	}

}
