package io.panicboard.ingest;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets event ids older than {@link IngestProperties#eventIdRetention()}, in chunks, so
 * that the idempotency table does not grow without bound.
 */
@Component
class EventIdRetention {

	private static final int CHUNK = 10_000;

	private final JdbcClient jdbc;

	private final IngestProperties properties;

	EventIdRetention(JdbcClient jdbc, IngestProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Deletes the event ids received before the retention window.
	 * @param now the current time
	 * @return how many were deleted
	 */
	long forget(Instant now) {
		Instant before = now.minus(this.properties.eventIdRetention());
		long total = 0;
		int deleted;
		do {
			// chunked so that no single transaction holds a huge number of row locks
			deleted = this.jdbc.sql("""
					DELETE FROM ingested_event WHERE ctid IN (
						SELECT ctid FROM ingested_event WHERE received_at < ? LIMIT ?)""")
				.params(java.sql.Timestamp.from(before), CHUNK)
				.update();
			total += deleted;
		}
		while (deleted == CHUNK);
		return total;
	}

}
