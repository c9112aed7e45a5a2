package io.panicboard.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityPropertiesTests {

	@Test
	void bindsBootstrapTokenFromEnvironmentVariable() {
		SecurityProperties properties = bind(Map.of("PANICBOARD_BOOTSTRAP_TOKEN", "t0ken"));
		assertThat(properties.bootstrapToken()).isEqualTo("t0ken");
		assertThat(properties.hasBootstrapToken()).isTrue();
	}

	@Test
	void hasNoBootstrapTokenWhenVariableIsBlank() {
		assertThat(bind(Map.of("PANICBOARD_BOOTSTRAP_TOKEN", " ")).hasBootstrapToken()).isFalse();
	}

	@Test
	void keepsTokenOutOfToString() {
		assertThat(bind(Map.of("PANICBOARD_BOOTSTRAP_TOKEN", "t0ken"))).asString().doesNotContain("t0ken");
	}

	@Test
	void defaultsLetOneTokenStreamThousandsOfRequestsPerSecond() {
		SecurityProperties.Security security = bind(Map.of()).security();
		assertThat(security.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(10));
		assertThat(security.rateLimit().enabled()).isTrue();
		assertThat(security.rateLimit().capacity()).isEqualTo(10_000);
		assertThat(security.rateLimit().refillTokens()).isEqualTo(5_000);
		assertThat(security.rateLimit().refillPeriod()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void bindsRateLimitFromEnvironmentVariables() {
		SecurityProperties.RateLimit rateLimit = bind(Map.of("PANICBOARD_SECURITY_RATELIMIT_CAPACITY", "20",
				"PANICBOARD_SECURITY_RATELIMIT_REFILLTOKENS", "2", "PANICBOARD_SECURITY_RATELIMIT_REFILLPERIOD", "1m"))
			.security()
			.rateLimit();
		assertThat(rateLimit.capacity()).isEqualTo(20);
		assertThat(rateLimit.refillTokens()).isEqualTo(2);
		assertThat(rateLimit.refillPeriod()).isEqualTo(Duration.ofMinutes(1));
	}

	private static SecurityProperties bind(Map<String, Object> environment) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("panicboard",
				SecurityProperties.class);
	}

}
