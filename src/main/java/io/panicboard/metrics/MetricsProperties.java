package io.panicboard.metrics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code /metrics} ({@code panicboard.metrics.*}). The endpoint is open
 * unless a bearer token or a user name and password are set; with both, either is
 * accepted.
 *
 * @param bearerToken the token a scraper must send as {@code Authorization: Bearer}, or
 * {@code null}
 * @param username the user name a scraper must send with HTTP basic authentication, or
 * {@code null}
 * @param password the password for {@code username}
 * @param refreshInterval how often each replica reads the gauges that come from the
 * database (open incidents, heap, goroutines)
 * @param sampleMaxAge how old an instance's latest gc cycle or memory sample may be and
 * still count in the heap and goroutine gauges
 */
@ConfigurationProperties("panicboard.metrics")
@Validated
record MetricsProperties(String bearerToken, String username, String password,
		@DefaultValue("15s") @NotNull Duration refreshInterval, @DefaultValue("10m") @NotNull Duration sampleMaxAge) {

	boolean tokenRequired() {
		return this.bearerToken != null && !this.bearerToken.isBlank();
	}

	boolean basicRequired() {
		return this.username != null && !this.username.isBlank();
	}

	@Override
	public String toString() {
		return "MetricsProperties[bearerToken=" + (tokenRequired() ? "(set)" : "(unset)") + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "(set)" : "(unset)") + ", refreshInterval="
				+ this.refreshInterval + ", sampleMaxAge=" + this.sampleMaxAge + "]";
	}

}
