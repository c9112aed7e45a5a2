package io.panicboard.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The silences, table {@code silence}.
 */
@Component
public class Silences {

	private static final TypeReference<List<SilenceMatcher>> MATCHERS = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, matchers, starts_at, ends_at, created_by, comment, created_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Silences(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The silences in force at a time.
	 * @param now the time
	 * @return the active silences
	 */
	@Transactional(readOnly = true)
	public List<Silence> active(Instant now) {
		Timestamp at = Timestamp.from(now);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM silence WHERE starts_at <= ? AND ends_at > ? ORDER BY id")
			.params(at, at)
			.query(this::row)
			.list();
	}

	/**
	 * The silences that have not ended by a time, and those that ended since a time.
	 * @param endedSince silences that ended before this are left out
	 * @return the silences, latest end first
	 */
	@Transactional(readOnly = true)
	public List<Silence> endingAfter(Instant endedSince) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM silence WHERE ends_at > ? ORDER BY ends_at DESC, id DESC")
			.params(Timestamp.from(endedSince))
			.query(this::row)
			.list();
	}

	/**
	 * One silence.
	 * @param id the id
	 * @return the silence, or empty
	 */
	@Transactional(readOnly = true)
	public Optional<Silence> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM silence WHERE id = ?").params(id).query(this::row).optional();
	}

	/**
	 * Stores a silence (validated by the caller: at least one matcher, ends after it
	 * starts).
	 * @param matchers the matchers
	 * @param startsAt when it starts
	 * @param endsAt when it ends
	 * @param createdBy who creates it
	 * @param comment why
	 * @param now the creation time
	 * @return the stored silence
	 */
	@Transactional
	public Silence create(List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
			String comment, Instant now) {
		return this.jdbc
			.sql("INSERT INTO silence (matchers, starts_at, ends_at, created_by, comment, created_at) "
					+ "VALUES (?::jsonb, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
			.params(this.json.writeValueAsString(matchers), micros(startsAt), micros(endsAt), createdBy, comment,
					micros(now))
			.query(this::row)
			.single();
	}

	/**
	 * Ends a silence now; one that has not started yet ends before it starts, so it never
	 * silences anything. An expired silence stays as it is.
	 * @param id the silence
	 * @param now the time
	 * @return whether the silence exists
	 */
	@Transactional
	public boolean expire(long id, Instant now) {
		Timestamp at = micros(now);
		this.jdbc.sql("""
				UPDATE silence SET starts_at = least(starts_at, ?::timestamptz - interval '1 millisecond'), ends_at = ?
				WHERE id = ? AND ends_at > ?""").params(at, at, id, at).update();
		return find(id).isPresent();
	}

	/**
	 * Whether some silence in a list covers an alert's labels.
	 * @param silences the silences in force
	 * @param labels the labels
	 * @return whether the alert is silenced
	 */
	static boolean silenced(List<Silence> silences, Map<String, String> labels) {
		return silences.stream().anyMatch((silence) -> silence.matches(labels));
	}

	/**
	 * The time as PostgreSQL keeps it: truncated to microseconds, since the driver would
	 * round a time of now up to a start after now, and a silence made to start now would
	 * be pending.
	 */
	private static Timestamp micros(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

	private Silence row(ResultSet rs, int rowNum) throws SQLException {
		return new Silence(rs.getLong("id"), this.json.readValue(rs.getString("matchers"), MATCHERS),
				rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
				rs.getString("created_by"), rs.getString("comment"), rs.getTimestamp("created_at").toInstant());
	}

}
