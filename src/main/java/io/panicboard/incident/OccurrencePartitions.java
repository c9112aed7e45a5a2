package io.panicboard.incident;

import java.time.Instant;
import java.util.List;

import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code occurrence}: this month's and the configured
 * number ahead exist, and partitions entirely older than the retention are dropped whole.
 */
@Component
class OccurrencePartitions {

	private static final Log logger = LogFactory.getLog(OccurrencePartitions.class);

	private final TimePartitions partitions;

	private final IncidentProperties properties;

	OccurrencePartitions(JdbcTemplate jdbc, IncidentProperties properties) {
		this.partitions = new TimePartitions(jdbc, "occurrence", Period.MONTH);
		this.properties = properties;
	}

	void maintain(Instant now) {
		List<String> created = this.partitions.createAhead(now, this.properties.partitionsAhead());
		List<String> dropped = this.partitions.dropOlderThan(now.minus(this.properties.occurrenceRetention()));
		if (!created.isEmpty() || !dropped.isEmpty()) {
			logger.info("occurrence partitions created " + created + ", dropped " + dropped);
		}
	}

	List<String> names() {
		return this.partitions.names();
	}

}
