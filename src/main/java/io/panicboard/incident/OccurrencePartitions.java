package io.panicboard.incident;

import java.time.Instant;
import java.util.List;

import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code occurrence}: this month's and the configured
 * number ahead exist, and partitions entirely older than the retention are dropped whole.
 */
@Component
class OccurrencePartitions {

	private final TimePartitions partitions;

	private final IncidentProperties properties;

	OccurrencePartitions(JdbcTemplate jdbc, IncidentProperties properties) {
		this.partitions = new TimePartitions(jdbc, "occurrence", Period.MONTH);
		this.properties = properties;
	}

	void maintain(Instant now) {
		this.partitions.maintain(now, this.properties.partitionsAhead(), this.properties.occurrenceRetention());
	}

	List<String> names() {
		return this.partitions.names();
	}

}
