package io.panicboard.memory;

import java.time.Instant;
import java.util.List;

import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily partitions of {@code gc_cycle}: today's and the configured number ahead
 * exist, and partitions entirely older than the retention are dropped whole.
 */
@Component
class GcCyclePartitions {

	private static final Log logger = LogFactory.getLog(GcCyclePartitions.class);

	private final TimePartitions partitions;

	private final MemoryProperties properties;

	GcCyclePartitions(JdbcTemplate jdbc, MemoryProperties properties) {
		this.partitions = new TimePartitions(jdbc, "gc_cycle", Period.DAY);
		this.properties = properties;
	}

	void maintain(Instant now) {
		List<String> created = this.partitions.createAhead(now, this.properties.partitionsAhead());
		List<String> dropped = this.partitions.dropOlderThan(now.minus(this.properties.gcCycleRetention()));
		if (!created.isEmpty() || !dropped.isEmpty()) {
			logger.info("gc_cycle partitions created " + created + ", dropped " + dropped);
		}
	}

	List<String> names() {
		return this.partitions.names();
	}

}
