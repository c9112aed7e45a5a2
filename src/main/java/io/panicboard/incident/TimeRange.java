package io.panicboard.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far back the incident list looks, by last seen.
 */
enum TimeRange {

	HOUR("1h", Duration.ofHours(1)), DAY("24h", Duration.ofHours(24)), WEEK("7d", Duration.ofDays(7)),
	MONTH("30d", Duration.ofDays(30)), ALL("all", null);

	private final String id;

	private final Duration span;

	TimeRange(String id, Duration span) {
		this.id = id;
		this.span = span;
	}

	/**
	 * The name in the URL, e.g. {@code 24h}.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The earliest last-seen time in range.
	 * @param now the current time
	 * @return the start, or {@code null} for all time
	 */
	Instant since(Instant now) {
		return (this.span != null) ? now.minus(this.span) : null;
	}

	static Optional<TimeRange> of(String id) {
		for (TimeRange range : values()) {
			if (range.id.equals(id)) {
				return Optional.of(range);
			}
		}
		return Optional.empty();
	}

}
