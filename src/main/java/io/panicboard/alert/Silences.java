package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Creates and expires silences (table {@code silence}). A silence is active while
 * {@code starts_at <= now < ends_at}; expiring one sets {@code ends_at} to now (and moves
 * {@code starts_at} back when it had not started yet), so expired silences stay as
 * history.
 */
@Component
class Silences {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Silences(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	long create(List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
		return this.jdbc.sql("""
				INSERT INTO silence (matchers, starts_at, ends_at, created_by, comment, created_at)
				VALUES (?::jsonb, ?, ?, ?, ?, ?) RETURNING id""")
			.params(this.json.writeValueAsString(matchers), Timestamp.from(startsAt), Timestamp.from(endsAt), createdBy,
					comment, Timestamp.from(startsAt))
			.query(Long.class)
			.single();
	}

	/**
	 * Ends a silence now.
	 * @param id the silence
	 * @param now the time
	 * @return {@code false} when there is no such silence or it had ended already
	 */
	boolean expire(long id, Instant now) {
		Timestamp at = Timestamp.from(now);
		return this.jdbc.sql("""
				UPDATE silence SET ends_at = :now, starts_at = LEAST(starts_at, :before)
				WHERE id = :id AND ends_at > :now""")
			.param("now", at)
			.param("before", Timestamp.from(now.minusMillis(1)))
			.param("id", id)
			.update() == 1;
	}

}
