package io.panicboard.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.panicboard.system.EventTimeLimits;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.IncidentSummary.instant;
import static io.panicboard.incident.Timeline.utc;

/**
 * What the incident page reads besides {@link IncidentQueries#detail}: hourly counts and
 * deploys in a range, occurrence rows without their text, and one occurrence with its
 * text.
 */
@Repository
@Transactional(readOnly = true)
class IncidentPageQueries {

	private static final int DEPLOY_LIMIT = 200;

	private final JdbcClient jdbc;

	private final EventTimeLimits times;

	IncidentPageQueries(JdbcClient jdbc, EventTimeLimits times) {
		this.jdbc = jdbc;
		this.times = times;
	}

	List<IncidentDetail.HourCount> hourly(long incidentId, Instant from, Instant to) {
		return this.jdbc
			.sql("SELECT hour, count FROM incident_hourly WHERE incident_id = ? AND hour >= ? AND hour < ? "
					+ "ORDER BY hour")
			.params(incidentId, utc(from), utc(to))
			.query((rs, n) -> new IncidentDetail.HourCount(instant(rs, "hour"), rs.getLong("count")))
			.list();
	}

	List<Deploy> deploys(String service, String environment, Instant from, Instant to) {
		return this.jdbc.sql("""
				SELECT deployed_at, version, url FROM deploy
				WHERE service = ? AND environment = ? AND deployed_at >= ? AND deployed_at < ?
				ORDER BY deployed_at LIMIT ?""")
			.params(service, environment, utc(from), utc(to), DEPLOY_LIMIT)
			.query((rs, n) -> new Deploy(instant(rs, "deployed_at"), rs.getString("version"), rs.getString("url")))
			.list();
	}

	/**
	 * A page of an incident's occurrences, last received first, without their text.
	 */
	PageOf<OccurrenceRow> occurrences(long incidentId, int page, int size) {
		long total = this.jdbc.sql("SELECT count(*) FROM occurrence WHERE incident_id = ?")
			.param(incidentId)
			.query(Long.class)
			.single();
		List<OccurrenceRow> items = this.jdbc.sql("""
				SELECT id, received_at, occurred_at, version, instance, event_id, fingerprint,
					finding ->> 'message' AS message, length(text) AS text_length
				FROM occurrence WHERE incident_id = ? ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?""")
			.params(incidentId, size, (long) page * size)
			.query((rs, n) -> new OccurrenceRow(rs.getLong("id"), instant(rs, "received_at"),
					instant(rs, "occurred_at"), rs.getString("version"), rs.getString("instance"),
					rs.getString("event_id"), rs.getString("fingerprint"), rs.getString("message"),
					rs.getLong("text_length")))
			.list();
		return new PageOf<>(items, total, page, size);
	}

	/**
	 * The occurrence of an incident that occurred last (ties: the last received), with
	 * its text. An occurrence is received at most {@code timestamp-future} before it
	 * occurred, so the one that set the incident's last seen was received since then:
	 * only the incident's occurrences received since are read, through its index on the
	 * time they were received.
	 * @param incidentId the incident
	 * @param lastSeen the incident's last seen
	 */
	Optional<StoredOccurrence> lastOccurred(long incidentId, Instant lastSeen) {
		Instant receivedFrom = this.times.earliestReceiptOf(lastSeen);
		return this.jdbc
			.sql("""
					SELECT id, received_at, occurred_at, version, instance, event_id, fingerprint, text FROM occurrence
					WHERE incident_id = ? AND received_at >= ? ORDER BY occurred_at DESC, received_at DESC, id DESC LIMIT 1""")
			.params(incidentId, utc(receivedFrom))
			.query((rs, n) -> new StoredOccurrence(rs.getLong("id"), instant(rs, "received_at"),
					instant(rs, "occurred_at"), rs.getString("version"), rs.getString("instance"),
					rs.getString("event_id"), rs.getString("fingerprint"), rs.getString("text")))
			.optional();
	}

	/**
	 * One occurrence of an incident with its text, or the last received when {@code id}
	 * is {@code null}.
	 */
	Optional<StoredOccurrence> occurrence(long incidentId, Long id) {
		String where = (id != null) ? "WHERE incident_id = ? AND id = ?" : "WHERE incident_id = ?";
		Object[] params = (id != null) ? new Object[] { incidentId, id } : new Object[] { incidentId };
		return this.jdbc
			.sql("SELECT id, received_at, occurred_at, version, instance, event_id, fingerprint, text FROM occurrence "
					+ where + " ORDER BY received_at DESC, id DESC LIMIT 1")
			.params(params)
			.query((rs, n) -> new StoredOccurrence(rs.getLong("id"), instant(rs, "received_at"),
					instant(rs, "occurred_at"), rs.getString("version"), rs.getString("instance"),
					rs.getString("event_id"), rs.getString("fingerprint"), rs.getString("text")))
			.optional();
	}

	/**
	 * A deploy marker.
	 *
	 * @param at when
	 * @param version the deployed version
	 * @param url a link, or {@code null}
	 */
	record Deploy(Instant at, String version, String url) {

	}

	/**
	 * An occurrence in the list.
	 *
	 * @param id the occurrence id
	 * @param receivedAt when panicboard received it
	 * @param occurredAt when it happened
	 * @param version the build version, or {@code null}
	 * @param instance the instance, or {@code null}
	 * @param eventId the event id, or {@code null}
	 * @param fingerprint its fingerprint (differs from the incident's after a merge)
	 * @param message its message
	 * @param textLength the length of its text in characters
	 */
	record OccurrenceRow(long id, Instant receivedAt, Instant occurredAt, String version, String instance,
			String eventId, String fingerprint, String message, long textLength) {

	}

	/**
	 * An occurrence with its clean trace text.
	 *
	 * @param id the occurrence id
	 * @param receivedAt when panicboard received it
	 * @param occurredAt when it happened
	 * @param version the build version, or {@code null}
	 * @param instance the instance, or {@code null}
	 * @param eventId the event id, or {@code null}
	 * @param fingerprint its fingerprint
	 * @param text the clean trace text
	 */
	record StoredOccurrence(long id, Instant receivedAt, Instant occurredAt, String version, String instance,
			String eventId, String fingerprint, String text) {

	}

}
