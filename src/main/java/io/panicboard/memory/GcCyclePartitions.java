package io.panicboard.memory;

import java.time.Instant;
import java.util.List;

import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily partitions of {@code gc_cycle}: today's and the configured number ahead
 * exist, and partitions entirely older than the retention are dropped whole.
 */
@Component
class GcCyclePartitions {

	private final TimePartitions partitions;

	private final MemoryProperties properties;

	GcCyclePartitions(JdbcTemplate jdbc, MemoryProperties properties) {
		this.partitions = new TimePartitions(jdbc, "gc_cycle", Period.DAY);
		this.properties = properties;
	}

	void maintain(Instant now) {
		this.partitions.maintain(now, this.properties.partitionsAhead(), this.properties.gcCycleRetention());
	}

	List<String> names() {
		return this.partitions.names();
	}

}
