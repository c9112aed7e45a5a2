package io.panicboard.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings: {@code panicboard.bootstrap-token} and
 * {@code panicboard.security.*}.
 *
 * @param bootstrapToken a bearer token with admin rights for all services, meant for
 * automation and for creating the first stored token; set it with
 * {@code PANICBOARD_BOOTSTRAP_TOKEN}. Unset or blank: only stored tokens are accepted
 * @param adminPassword the password of the first {@code admin} user, created on the first
 * start with an empty user table; set it with {@code PANICBOARD_ADMIN_PASSWORD}. Unset: a
 * random password is generated and logged once
 * @param security stored tokens, rate limits and sign-in throttling
 */
@ConfigurationProperties("panicboard")
@Validated
record SecurityProperties(String bootstrapToken, String adminPassword,
		@DefaultValue @Valid @NotNull Security security) {

	/**
	 * Whether a bootstrap token is configured.
	 * @return {@code true} when the bootstrap token is accepted
	 */
	boolean hasBootstrapToken() {
		return this.bootstrapToken != null && !this.bootstrapToken.isBlank();
	}

	@Override
	public String toString() {
		return "SecurityProperties[bootstrapToken=" + (hasBootstrapToken() ? "(set)" : "(unset)") + ", adminPassword="
				+ ((this.adminPassword != null) ? "(set)" : "(unset)") + ", security=" + this.security + "]";
	}

	/**
	 * Settings under {@code panicboard.security}.
	 *
	 * @param tokenCacheTtl how long a replica keeps a looked-up stored token before it
	 * asks the database again; a token revoked on another replica is still accepted here
	 * for at most this long (revoking on this replica takes effect at once). {@code 0}
	 * looks every request up
	 * @param rateLimit the per-token rate limit
	 * @param login sign-in throttling
	 */
	record Security(@DefaultValue("10s") @NotNull Duration tokenCacheTtl,
			@DefaultValue @Valid @NotNull RateLimit rateLimit, @DefaultValue @Valid @NotNull Login login) {

	}

	/**
	 * Sign-in throttling ({@code panicboard.security.login.*}). Every {@code maxFailures}
	 * consecutive failed sign-ins of one user lock that user for {@code lockout}, twice
	 * as long at each further lock (stored in the database, so it holds across replicas);
	 * a successful sign-in resets the count. Independently, one client address may try
	 * {@code attemptsPerMinute} sign-ins a minute, whatever the user name.
	 *
	 * @param maxFailures consecutive failures that lock a user
	 * @param lockout how long the first lock lasts
	 * @param attemptsPerMinute sign-in attempts per client address and minute
	 */
	record Login(@DefaultValue("5") @Min(1) int maxFailures, @DefaultValue("1m") @NotNull Duration lockout,
			@DefaultValue("30") @Min(1) int attemptsPerMinute) {

	}

	/**
	 * A token bucket per API token ({@code panicboard.security.rate-limit.*}): a request
	 * takes one token from its bucket, whatever its size (a batch of 1,000 events is one
	 * request); an empty bucket answers 429 with {@code Retry-After}. Buckets live in the
	 * memory of each replica, so the limits hold per replica.
	 * <p>
	 * The defaults let one token sustain 5,000 requests a second with bursts of 10,000:
	 * far above a service streaming 1,000 single-event requests a second, low enough that
	 * a runaway client cannot monopolise a replica.
	 *
	 * @param enabled whether requests are limited at all
	 * @param capacity the burst: the most requests a token can make at once after a quiet
	 * spell
	 * @param refillTokens how many requests come back every {@code refillPeriod}
	 * (refilled gradually)
	 * @param refillPeriod the period of {@code refillTokens}
	 * @param maxTrackedTokens how many buckets a replica keeps before it drops full ones
	 * (a full bucket is the same as a new one, so dropping it loses nothing)
	 */
	record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("10000") @Min(1) long capacity,
			@DefaultValue("5000") @Min(1) long refillTokens, @DefaultValue("1s") @NotNull Duration refillPeriod,
			@DefaultValue("10000") @Min(1) int maxTrackedTokens) {

		RateLimit {
			if (refillPeriod != null && (refillPeriod.isNegative() || refillPeriod.isZero())) {
				throw new IllegalArgumentException("panicboard.security.rate-limit.refill-period must be positive");
			}
		}

	}

}
