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

	/**
	 * Every occurrence partition's storage parameters: autovacuum works on it unthrottled
	 * (PostgreSQL's default cost delay is 2 ms). A partition is only ever appended to, so
	 * its vacuums mark the newest pages all-visible and frozen; throttled, on a partition
	 * growing by thousands of rows a second, that vacuum ran beside the writers for most
	 * of a minute at a time, and ingestion was about 14% slower in batches
	 * (docs/benchmarks.md). Migration V27 set them on the partitions made before.
	 */
	static final String STORAGE_PARAMETERS = "autovacuum_vacuum_cost_delay = 0, toast.autovacuum_vacuum_cost_delay = 0";

	private final TimePartitions partitions;

	private final JdbcTemplate jdbc;

	private final IncidentProperties properties;

	OccurrencePartitions(JdbcTemplate jdbc, IncidentProperties properties) {
		this.partitions = new TimePartitions(jdbc, "occurrence", Period.MONTH, STORAGE_PARAMETERS);
		this.jdbc = jdbc;
		this.properties = properties;
	}

	void maintain(Instant now) {
		this.partitions.maintain(now, this.properties.partitionsAhead(), this.properties.occurrenceRetention());
		this.jdbc.update("DELETE FROM incident_minute WHERE minute < ?",
				Timestamp.from(now.minus(OccurrenceRecorder.MINUTE_COUNTS_KEPT).minus(Duration.ofMinutes(1))));
	}

	/**
	 * Creates the partitions from {@code from}'s month on, for writing history.
	 * @param from a time in the first month
	 * @param monthsAhead how many months after that one
	 */
	void createFrom(Instant from, int monthsAhead) {
		this.partitions.createAhead(from, monthsAhead);
	}

	List<String> names() {
		return this.partitions.names();
	}

}
