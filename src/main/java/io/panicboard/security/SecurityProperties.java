package io.panicboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings ({@code panicboard.*}).
 *
 * @param bootstrapToken the bearer token that every {@code /api/**} call must present;
 * set it with {@code PANICBOARD_BOOTSTRAP_TOKEN}. When it is unset or blank the API takes
 * calls without a token: a development default until the token model exists
 */
@ConfigurationProperties("panicboard")
@Validated
record SecurityProperties(String bootstrapToken) {

	/**
	 * Whether a bootstrap token is configured.
	 * @return {@code true} when calls must present the token
	 */
	boolean tokenRequired() {
		return this.bootstrapToken != null && !this.bootstrapToken.isBlank();
	}

	@Override
	public String toString() {
		return "SecurityProperties[bootstrapToken=" + (tokenRequired() ? "(set)" : "(unset)") + "]";
	}

}
