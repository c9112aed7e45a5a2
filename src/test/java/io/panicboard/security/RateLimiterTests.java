package io.panicboard.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final ManualTime time = new ManualTime();

	@Test
	void letsCapacityThroughThenAsksToWaitForWholeSeconds() {
		RateLimiter limiter = limiter(2, 1, Duration.ofSeconds(90), 10);
		assertThat(limiter.tryAcquire(7)).isZero();
		assertThat(limiter.tryAcquire(7)).isZero();
		assertThat(limiter.tryAcquire(7)).isEqualTo(90);
		this.time.advance(Duration.ofSeconds(30));
		assertThat(limiter.tryAcquire(7)).isEqualTo(60);
		assertThat(limiter.tryAcquire(8)).as("each token has its own bucket").isZero();
	}

	@Test
	void roundsWaitUpToWholeSeconds() {
		RateLimiter limiter = limiter(1, 1000, Duration.ofSeconds(1), 10);
		assertThat(limiter.tryAcquire(1)).isZero();
		assertThat(limiter.tryAcquire(1)).isEqualTo(1);
		this.time.advance(Duration.ofMillis(1));
		assertThat(limiter.tryAcquire(1)).isZero();
	}

	@Test
	void refillsGradually() {
		RateLimiter limiter = limiter(10, 10, Duration.ofSeconds(1), 10);
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.tryAcquire(1)).isZero();
		}
		assertThat(limiter.tryAcquire(1)).isPositive();
		this.time.advance(Duration.ofMillis(500));
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.tryAcquire(1)).isZero();
		}
		assertThat(limiter.tryAcquire(1)).isPositive();
	}

	@Test
	void dropsOnlyFullBucketsPastTheCap() {
		RateLimiter limiter = limiter(5, 1, Duration.ofSeconds(1), 3);
		for (long id = 1; id <= 3; id++) {
			assertThat(limiter.tryAcquire(id)).isZero();
		}
		this.time.advance(Duration.ofMinutes(1)); // buckets 1 to 3 are full again
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.tryAcquire(4)).isZero();
		}
		assertThat(limiter.trackedTokens()).isEqualTo(1);
		assertThat(limiter.tryAcquire(4)).as("bucket 4 kept its count").isPositive();
		assertThat(limiter.tryAcquire(1)).as("a dropped bucket starts full").isZero();
	}

	private RateLimiter limiter(long capacity, long refillTokens, Duration refillPeriod, int maxTrackedTokens) {
		return new RateLimiter(
				new SecurityProperties.RateLimit(true, capacity, refillTokens, refillPeriod, maxTrackedTokens),
				this.time);
	}

	static final class ManualTime implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
