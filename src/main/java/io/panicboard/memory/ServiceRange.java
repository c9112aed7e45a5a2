package io.panicboard.memory;

import java.time.Duration;

/**
 * The time ranges of the service page, each with a bucket size that gives a chart 60 to
 * 180 points.
 */
enum ServiceRange {

	/** 60 one-minute buckets. */
	HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
	/** 144 ten-minute buckets. */
	DAY("24h", Duration.ofDays(1), Duration.ofMinutes(10)),
	/** 168 one-hour buckets. */
	WEEK("7d", Duration.ofDays(7), Duration.ofHours(1)),
	/** 180 four-hour buckets. */
	MONTH("30d", Duration.ofDays(30), Duration.ofHours(4));

	private final String key;

	private final Duration span;

	private final Duration bucket;

	ServiceRange(String key, Duration span, Duration bucket) {
		this.key = key;
		this.span = span;
		this.bucket = bucket;
	}

	String key() {
		return this.key;
	}

	Duration span() {
		return this.span;
	}

	Duration bucket() {
		return this.bucket;
	}

	int buckets() {
		return (int) (this.span.toSeconds() / this.bucket.toSeconds());
	}

	/** The range of a {@code ?range=} value; 24 h for anything else. */
	static ServiceRange of(String key) {
		for (ServiceRange range : values()) {
			if (range.key.equals(key)) {
				return range;
			}
		}
		return DAY;
	}

}
