package io.panicboard.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reopens muted incidents whose mute has run out, as a pager's snooze does, with an
 * {@code unmuted} entry on their timelines. (An occurrence arriving after the mute ran
 * out reopens the incident at once; this catches incidents that stay quiet.)
 */
@Service
class MuteExpiry {

	private final JdbcClient jdbc;

	private final Timeline timeline;

	MuteExpiry(JdbcClient jdbc, Timeline timeline) {
		this.jdbc = jdbc;
		this.timeline = timeline;
	}

	/**
	 * Reopens every incident whose mute ended at or before {@code now}.
	 * @param now the current time
	 * @return the incidents reopened
	 */
	@Transactional
	List<Long> expire(Instant now) {
		List<Expired> expired = this.jdbc.sql("""
				UPDATE incident i SET status = 'open', muted_until = NULL
				FROM (SELECT id, muted_until FROM incident
					WHERE status = 'muted' AND muted_until <= ? FOR UPDATE) m
				WHERE i.id = m.id
				RETURNING i.id, m.muted_until""")
			.param(Timestamp.from(now))
			.query((rs, n) -> new Expired(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
		for (Expired incident : expired) {
			this.timeline.add(incident.id(), now, "unmuted", null,
					Map.of("reason", "mute expired", "mutedUntil", incident.mutedUntil().toString()));
		}
		return expired.stream().map(Expired::id).toList();
	}

	private record Expired(long id, Instant mutedUntil) {
	}

}
