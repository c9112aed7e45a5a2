package io.panicboard.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the pending tails of log streams ({@code stream_tail}); the {@link BatchedWriter}
 * changes them.
 */
@Component
class StreamTails {

	private static final String COLUMNS = "service, environment, instance, stream, version, text, generation, updated_at";

	/** The order of {@link #updatedBefore}'s pages: oldest first, ties by key. */
	private static final String ORDER = "updated_at, service, environment, instance, stream";

	private final JdbcClient jdbc;

	StreamTails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PendingTail> find(StreamKey key) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM stream_tail WHERE service = ? AND environment = ? AND instance = ? AND stream = ?")
			.params(key.service(), key.environment(), key.instance(), key.stream())
			.query(StreamTails::map)
			.optional();
	}

	/**
	 * A page of the tails written before a time, oldest first.
	 * @param cutoff the time
	 * @param after the last tail of the previous page, or {@code null} for the first
	 * @param limit the page size
	 * @return the tails after {@code after}
	 */
	List<PendingTail> updatedBefore(Instant cutoff, PendingTail after, int limit) {
		if (after == null) {
			return this.jdbc
				.sql("SELECT " + COLUMNS + " FROM stream_tail WHERE updated_at < ? ORDER BY " + ORDER + " LIMIT ?")
				.params(Timestamp.from(cutoff), limit)
				.query(StreamTails::map)
				.list();
		}
		StreamKey key = after.key();
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM stream_tail WHERE updated_at < ? AND (" + ORDER
					+ ") > (?, ?, ?, ?, ?) ORDER BY " + ORDER + " LIMIT ?")
			.params(Timestamp.from(cutoff), Timestamp.from(after.updatedAt()), key.service(), key.environment(),
					key.instance(), key.stream(), limit)
			.query(StreamTails::map)
			.list();
	}

	private static PendingTail map(ResultSet rs, int row) throws SQLException {
		return new PendingTail(
				new StreamKey(rs.getString("service"), rs.getString("environment"), rs.getString("instance"),
						rs.getString("stream")),
				rs.getString("version"), rs.getBytes("text"), rs.getObject("generation", UUID.class),
				rs.getTimestamp("updated_at").toInstant());
	}

	/**
	 * The unfinished end of a stream's last request.
	 *
	 * @param key the stream
	 * @param version the version sent with it, or {@code null}
	 * @param text the bytes
	 * @param generation changes with every write of the tail
	 * @param updatedAt when it was written
	 */
	record PendingTail(StreamKey key, String version, byte[] text, UUID generation, Instant updatedAt) {
	}

}
