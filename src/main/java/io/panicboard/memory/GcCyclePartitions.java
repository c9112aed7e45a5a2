package io.panicboard.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily partitions of {@code gc_cycle}, {@code memory_sample} and
 * {@code gc_pause}: today's and the configured number ahead exist, and partitions
 * entirely older than the retention are dropped whole. {@code gc_pause} also keeps
 * yesterday's, since a pause is stored by when it ended, which can lie before midnight
 * for a sample received after it. An instance's row of {@code latest_memory} goes when
 * its source's retention passed since the instance last reported, so instances that are
 * gone (pods replaced by a rollout) do not pile up.
 */
@Component
class GcCyclePartitions {

	private final TimePartitions gcCycles;

	private final TimePartitions memorySamples;

	private final TimePartitions gcPauses;

	private final MemoryProperties properties;

	private final JdbcTemplate jdbc;

	GcCyclePartitions(JdbcTemplate jdbc, MemoryProperties properties) {
		this.jdbc = jdbc;
		this.gcCycles = new TimePartitions(jdbc, "gc_cycle", Period.DAY);
		this.memorySamples = new TimePartitions(jdbc, "memory_sample", Period.DAY);
		this.gcPauses = new TimePartitions(jdbc, "gc_pause", Period.DAY);
		this.properties = properties;
	}

	void maintain(Instant now) {
		// at least tomorrow's: a pause may end up to an hour after its sample's receipt
		int ahead = Math.max(1, this.properties.partitionsAhead());
		this.gcCycles.maintain(now, this.properties.partitionsAhead(), this.properties.gcCycleRetention());
		this.memorySamples.maintain(now, ahead, this.properties.memorySampleRetention());
		this.gcPauses.createAhead(now.minus(Duration.ofDays(1)), ahead + 1);
		this.gcPauses.maintain(now, ahead, this.properties.memorySampleRetention());
		this.jdbc.update("""
				DELETE FROM latest_memory WHERE (source = 'gctrace' AND received_at < ?)
					OR (source = 'expvar' AND received_at < ?)""",
				now.minus(this.properties.gcCycleRetention()).atOffset(ZoneOffset.UTC),
				now.minus(this.properties.memorySampleRetention()).atOffset(ZoneOffset.UTC));
	}

	List<String> names() {
		List<String> names = new ArrayList<>(this.gcCycles.names());
		names.addAll(this.memorySamples.names());
		names.addAll(this.gcPauses.names());
		return names;
	}

}
