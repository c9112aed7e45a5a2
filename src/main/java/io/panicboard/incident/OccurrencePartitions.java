package io.panicboard.incident;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code occurrence}: this month's and the configured
 * number ahead exist, and partitions entirely older than the retention are dropped whole.
 * Also deletes the per-minute counts ({@code incident_minute}) that no alert rule's
 * window reaches any more.
 */
@Component
class OccurrencePartitions {

	private final TimePartitions partitions;

	private final JdbcTemplate jdbc;

	private final IncidentProperties properties;

	OccurrencePartitions(JdbcTemplate jdbc, IncidentProperties properties) {
		this.partitions = new TimePartitions(jdbc, "occurrence", Period.MONTH);
		this.jdbc = jdbc;
		this.properties = properties;
	}

	void maintain(Instant now) {
		this.partitions.maintain(now, this.properties.partitionsAhead(), this.properties.occurrenceRetention());
		this.jdbc.update("DELETE FROM incident_minute WHERE minute < ?", Timestamp.from(minuteCountsKeptSince(now)));
	}

	/**
	 * The oldest minute of receipt whose per-minute counts are kept: the longest alert
	 * window, and the minute it starts in.
	 * @param now the current time
	 * @return the first minute kept
	 */
	static Instant minuteCountsKeptSince(Instant now) {
		return now.minus(OccurrenceRecorder.MINUTE_COUNTS_KEPT).minus(Duration.ofMinutes(1));
	}

	List<String> names() {
		return this.partitions.names();
	}

}
