package io.panicboard.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One Bucket4j token bucket per API token, in this replica's memory. Only authenticated
 * callers get a bucket, so there are at most as many as there are valid tokens; past
 * {@code maxTrackedTokens} full buckets are dropped, which loses nothing because a full
 * bucket is what a new one would be.
 */
final class RateLimiter {

	private final SecurityProperties.RateLimit settings;

	private final TimeMeter time;

	private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimiter(SecurityProperties.RateLimit settings) {
		this(settings, TimeMeter.SYSTEM_NANOTIME);
	}

	RateLimiter(SecurityProperties.RateLimit settings, TimeMeter time) {
		this.settings = settings;
		this.time = time;
	}

	/**
	 * Takes one request from a token's bucket.
	 * @param tokenId the token
	 * @return {@code 0} when the request may go on, otherwise the whole seconds to wait
	 * (at least 1)
	 */
	long tryAcquire(long tokenId) {
		Bucket bucket = this.buckets.get(tokenId);
		if (bucket == null) {
			if (this.buckets.size() >= this.settings.maxTrackedTokens()) {
				this.buckets.values().removeIf((candidate) -> candidate.getAvailableTokens() >= capacity());
			}
			bucket = this.buckets.computeIfAbsent(tokenId, (id) -> newBucket());
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0;
		}
		long seconds = Duration.ofNanos(probe.getNanosToWaitForRefill()).plusNanos(999_999_999L).toSeconds();
		return Math.max(1, seconds);
	}

	long capacity() {
		return this.settings.capacity();
	}

	int trackedTokens() {
		return this.buckets.size();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.settings.capacity())
				.refillGreedy(this.settings.refillTokens(), this.settings.refillPeriod()))
			.withCustomTimePrecision(this.time)
			.build();
	}

}
