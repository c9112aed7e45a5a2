package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open range of time {@code [from, to)}.
 *
 * @param from the first instant in the range
 * @param to the first instant after it
 */
record TimeRange(Instant from, Instant to) {

	static TimeRange last(Duration length, Instant to) {
		return new TimeRange(to.minus(length), to);
	}

	Duration length() {
		return Duration.between(this.from, this.to);
	}

}
