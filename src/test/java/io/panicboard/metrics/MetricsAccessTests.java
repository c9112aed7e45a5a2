package io.panicboard.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsAccessTests {

	@Test
	void isOpenWhenNothingIsConfigured() {
		MetricsAccess access = new MetricsAccess(properties(null, null, null));
		assertThat(access.allows(null)).isTrue();
		assertThat(access.allows("Bearer anything")).isTrue();
	}

	@Test
	void requiresTheConfiguredBearerToken() {
		MetricsAccess access = new MetricsAccess(properties("s3cret-token", null, null));
		assertThat(access.allows("Bearer s3cret-token")).isTrue();
		assertThat(access.allows("bearer s3cret-token")).isTrue();
		assertThat(access.allows("Bearer s3cret-tokeN")).isFalse();
		assertThat(access.allows("Bearer ")).isFalse();
		assertThat(access.allows(null)).isFalse();
		assertThat(access.allows(basic("prometheus", "s3cret-token"))).isFalse();
		assertThat(access.challenge()).startsWith("Bearer ");
	}

	@Test
	void requiresTheConfiguredBasicCredentials() {
		MetricsAccess access = new MetricsAccess(properties(null, "prometheus", "pa:ss"));
		assertThat(access.allows(basic("prometheus", "pa:ss"))).isTrue();
		assertThat(access.allows(basic("prometheus", "pa:sS"))).isFalse();
		assertThat(access.allows(basic("grafana", "pa:ss"))).isFalse();
		assertThat(access.allows("Basic not-base64!")).isFalse();
		assertThat(access.allows("Bearer pa:ss")).isFalse();
		assertThat(access.challenge()).startsWith("Basic ");
	}

	@Test
	void acceptsEitherWhenBothAreConfigured() {
		MetricsAccess access = new MetricsAccess(properties("t0ken", "prometheus", "pw"));
		assertThat(access.allows("Bearer t0ken")).isTrue();
		assertThat(access.allows(basic("prometheus", "pw"))).isTrue();
		assertThat(access.allows("Bearer pw")).isFalse();
	}

	private static MetricsProperties properties(String token, String username, String password) {
		return new MetricsProperties(token, username, password, Duration.ofSeconds(15), Duration.ofMinutes(10));
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
