package io.panicboard.security;

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
		assertThat(properties.tokenRequired()).isTrue();
	}

	@Test
	void requiresNoTokenWhenVariableIsBlank() {
		assertThat(bind(Map.of("PANICBOARD_BOOTSTRAP_TOKEN", " ")).tokenRequired()).isFalse();
	}

	@Test
	void keepsTokenOutOfToString() {
		assertThat(new SecurityProperties("t0ken")).asString().doesNotContain("t0ken");
	}

	private static SecurityProperties bind(Map<String, Object> environment) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("panicboard",
				SecurityProperties.class);
	}

}
