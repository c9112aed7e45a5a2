package io.panicboard.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.Timeline.detail;
import static io.panicboard.incident.Timeline.utc;

/**
 * Status changes, assignment, notes and merging, each written to the timeline with its
 * actor. Every action locks the incident row, so that it is consistent with concurrent
 * ingestion (which locks the same row for its counters).
 * <p>
 * Transitions: open → acknowledged; open, acknowledged or muted → resolved; open,
 * acknowledged or muted → muted (until a time); acknowledged, resolved or muted → open
 * (reopen). Anything else, and any status change of an incident merged into another, is a
 * conflict.
 */
@Service
@Transactional
class IncidentLifecycle {

	/** How far ahead a mute may end, in days: as far as a silence of alerts. */
	static final int MAX_MUTE_DAYS = 366;

	private static final Duration MAX_MUTE = Duration.ofDays(MAX_MUTE_DAYS);

	private final JdbcClient jdbc;

	private final Timeline timeline;

	private final Clock clock;

	IncidentLifecycle(JdbcClient jdbc, Timeline timeline, Clock clock) {
		this.jdbc = jdbc;
		this.timeline = timeline;
		this.clock = clock;
	}

	void acknowledge(long id, String actor) {
		Locked incident = transition(id, Set.of("open"), "acknowledged");
		this.jdbc.sql("UPDATE incident SET status = 'acknowledged' WHERE id = ?").param(id).update();
		this.timeline.add(id, now(), "acknowledged", actor, detail("from", incident.status));
	}

	void resolve(long id, String actor, String version) {
		Locked incident = transition(id, Set.of("open", "acknowledged", "muted"), "resolved");
		String inVersion = (version != null && !version.isBlank()) ? version.trim() : null;
		// one time for both: a regression's entry is never before the resolved_at it
		// reads
		Instant now = now();
		this.jdbc
			.sql("UPDATE incident SET status = 'resolved', resolved_at = ?, resolved_in_version = ?, "
					+ "muted_until = NULL WHERE id = ?")
			.params(utc(now), inVersion, id)
			.update();
		this.timeline.add(id, now, "resolved", actor, detail("from", incident.status, "version", inVersion));
	}

	void reopen(long id, String actor) {
		Locked incident = transition(id, Set.of("acknowledged", "resolved", "muted"), "open");
		this.jdbc
			.sql("UPDATE incident SET status = 'open', resolved_at = NULL, resolved_in_version = NULL, "
					+ "muted_until = NULL WHERE id = ?")
			.param(id)
			.update();
		this.timeline.add(id, now(), "reopened", actor, detail("from", incident.status));
	}

	/**
	 * Mutes an incident until a time, given as such or as a duration from now, at most
	 * {@value #MAX_MUTE_DAYS} days ahead.
	 */
	void mute(long id, String actor, Instant untilTime, Duration duration) {
		Instant now = now();
		// checked before any arithmetic: PT9223372036854775807S would overflow
		if (duration != null && duration.compareTo(MAX_MUTE) > 0) {
			throw IncidentProblems.invalid("duration", "must be at most " + MAX_MUTE_DAYS + " days (P366D)");
		}
		Instant until = (untilTime != null) ? untilTime : now.plus(duration);
		if (!until.isAfter(now)) {
			throw IncidentProblems.invalid("until", "must be in the future");
		}
		if (until.isAfter(now.plus(MAX_MUTE))) {
			throw IncidentProblems.invalid("until", "must be at most " + MAX_MUTE_DAYS + " days ahead");
		}
		Locked incident = transition(id, Set.of("open", "acknowledged", "muted"), "muted");
		this.jdbc.sql("UPDATE incident SET status = 'muted', muted_until = ? WHERE id = ?")
			.params(utc(until), id)
			.update();
		this.timeline.add(id, now(), "muted", actor, detail("from", incident.status, "until", until.toString()));
	}

	/**
	 * Assigns an incident, or unassigns it with a blank assignee. Assigning whom it is
	 * assigned to already (or unassigning an unassigned incident) changes nothing and
	 * writes no timeline entry.
	 */
	void assign(long id, String actor, String assignee) {
		Locked incident = lock(id);
		String to = (assignee != null && !assignee.isBlank()) ? assignee.trim() : null;
		if (Objects.equals(to, incident.assignee)) {
			return;
		}
		this.jdbc.sql("UPDATE incident SET assignee = ? WHERE id = ?").params(to, id).update();
		this.timeline.add(id, now(), "assigned", actor, detail("assignee", to, "previous", incident.assignee));
	}

	void note(long id, String actor, String text) {
		lock(id);
		this.timeline.add(id, now(), "note", actor, detail("text", text));
	}

	void merge(long id, String actor, long into) {
		if (id == into) {
			throw IncidentProblems.conflict("An incident cannot be merged into itself.");
		}
		// Lock both in id order, as concurrent merges do.
		Locked first = lock(Math.min(id, into));
		Locked second = lock(Math.max(id, into));
		Locked source = (first.id == id) ? first : second;
		Locked target = (first.id == id) ? second : first;
		if (source.mergedInto != null) {
			throw IncidentProblems.conflict("Incident " + id + " is already merged into " + source.mergedInto + ".");
		}
		if (target.mergedInto != null) {
			throw IncidentProblems
				.conflict("Incident " + into + " is merged into " + target.mergedInto + "; merge into that one.");
		}
		if (!source.service.equals(target.service)) {
			throw IncidentProblems.conflict("Only incidents of the same service can be merged.");
		}
		if (this.jdbc.sql("SELECT count(*) FROM incident WHERE merged_into = ?")
			.param(id)
			.query(Long.class)
			.single() > 0) {
			throw IncidentProblems.conflict("Other incidents are merged into " + id + "; unmerge them first.");
		}
		this.jdbc.sql("UPDATE incident SET merged_into = ?, merged_at = ? WHERE id = ?")
			.params(into, utc(now()), id)
			.update();
		this.timeline.add(id, now(), "merged", actor, detail("into", into));
		this.timeline.add(into, now(), "merged_from", actor, detail("incident", id, "fingerprint", source.fingerprint));
	}

	/**
	 * Separates a merged incident from its target again: the occurrences of its
	 * fingerprint that landed in the target move back, with their counts, hourly buckets,
	 * versions and instances; the target's last seen, and its first seen when they set
	 * it, are those of what remains. Events older than the occurrence retention are no
	 * longer stored one by one and stay counted on the target.
	 */
	void unmerge(long id, String actor) {
		Locked source = lock(id);
		if (source.mergedInto == null) {
			throw IncidentProblems.conflict("Incident " + id + " is not merged.");
		}
		long target = source.mergedInto;
		lock(target);
		Object[] moved = { target, source.service, source.environment, source.fingerprint };
		String where = " FROM occurrence WHERE incident_id = ? AND service = ? AND environment = ? "
				+ "AND fingerprint = ?";
		Moved found = this.jdbc.sql("SELECT count(*), min(occurred_at)" + where)
			.params(moved)
			.query((rs, n) -> new Moved(rs.getLong(1), IncidentSummary.instant(rs, "min")))
			.single();
		long count = found.count();
		if (count > 0) {
			moveCounts(id, target, where, moved);
			this.jdbc.sql("UPDATE occurrence SET incident_id = " + id + where.replace(" FROM occurrence", ""))
				.params(moved)
				.update();
			this.jdbc.sql("""
					UPDATE incident SET event_count = event_count + ?,
						first_seen = least(first_seen, (SELECT min(occurred_at) FROM occurrence WHERE incident_id = ?)),
						last_seen = greatest(last_seen, (SELECT max(occurred_at) FROM occurrence WHERE incident_id = ?))
					WHERE id = ?""").params(count, id, id, id).update();
			this.jdbc.sql("""
					UPDATE incident SET event_count = greatest(event_count - ?, 0),
						last_seen = coalesce((SELECT max(occurred_at) FROM occurrence WHERE incident_id = ?),
							(SELECT max(hour) FROM incident_hourly WHERE incident_id = ?), first_seen)
					WHERE id = ?""").params(count, target, target, target).update();
			firstSeenWithout(target, found.first());
			latestMessageAndVersion(id);
			latestMessageAndVersion(target);
		}
		this.jdbc.sql("UPDATE incident SET merged_into = NULL, merged_at = NULL WHERE id = ?").param(id).update();
		this.timeline.add(id, now(), "unmerged", actor, detail("from", target, "occurrences", count));
		this.timeline.add(target, now(), "unmerged_from", actor, detail("incident", id, "occurrences", count));
	}

	/**
	 * The target's first seen once occurrences that moved back no longer count, the
	 * earliest of them at {@code movedFirst}. It moves only when they set it (it is not
	 * before them), and only later: to its earliest stored occurrence; or, when its
	 * hourly counts start in an earlier hour than that (occurrences past the retention,
	 * no longer stored one by one), or it has no stored occurrence at all, to the start
	 * of that hour.
	 */
	private void firstSeenWithout(long target, Instant movedFirst) {
		this.jdbc.sql("""
				UPDATE incident i SET first_seen = greatest(i.first_seen, coalesce(CASE
						WHEN r.stored IS NULL OR r.hour < date_trunc('hour', r.stored, 'UTC') THEN r.hour
						ELSE r.stored END, i.first_seen))
				FROM (SELECT (SELECT min(occurred_at) FROM occurrence WHERE incident_id = ?) AS stored,
					(SELECT min(hour) FROM incident_hourly WHERE incident_id = ?) AS hour) r
				WHERE i.id = ? AND i.first_seen >= ?""").params(target, target, target, utc(movedFirst)).update();
	}

	/**
	 * An incident's message and last version are those of its latest occurrence (the
	 * latest with a version, for the version), as ingestion keeps them: after unmerge the
	 * target's may have been a moved occurrence's, and the source's are older than what
	 * moved back. An incident without stored occurrences keeps its own.
	 */
	private void latestMessageAndVersion(long incident) {
		this.jdbc.sql("""
				UPDATE incident i SET
					message = coalesce((SELECT o.finding ->> 'message' FROM occurrence o WHERE o.incident_id = i.id
						ORDER BY o.occurred_at DESC, o.id DESC LIMIT 1), i.message),
					last_version = coalesce((SELECT o.version FROM occurrence o WHERE o.incident_id = i.id
						AND btrim(coalesce(o.version, '')) <> '' ORDER BY o.occurred_at DESC, o.id DESC LIMIT 1),
						i.last_version)
				WHERE i.id = ?""").param(incident).update();
	}

	private void moveCounts(long source, long target, String where, Object[] moved) {
		// Hourly buckets, receipt minutes, versions and instances of the moved
		// occurrences: taken off the target, added to the source. (The target's minutes
		// keep their first and last times: an alert on it ends with its window as if the
		// moved occurrences had stayed. The source gets no minutes older than the minute
		// counts are kept: the retention would delete them, and no alert rule reads
		// them.)
		this.jdbc
			.sql("""
					WITH moved AS (SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, count(*) AS n %s GROUP BY 1),
					taken AS (UPDATE incident_hourly h SET count = h.count - moved.n FROM moved
						WHERE h.incident_id = %d AND h.hour = moved.hour)
					INSERT INTO incident_hourly AS h (incident_id, hour, count) SELECT %d, hour, n FROM moved
					ON CONFLICT (incident_id, hour) DO UPDATE SET count = h.count + EXCLUDED.count""".formatted(where,
					target, source))
			.params(moved)
			.update();
		this.jdbc
			.sql("""
					WITH moved AS (SELECT date_trunc('minute', received_at, 'UTC') AS minute, count(*) AS n,
						min(occurred_at) AS first_occurred_at, max(received_at) AS last_received_at %s GROUP BY 1),
					taken AS (UPDATE incident_minute m SET count = m.count - moved.n FROM moved
						WHERE m.incident_id = %d AND m.minute = moved.minute)
					INSERT INTO incident_minute AS m (incident_id, minute, count, first_occurred_at, last_received_at)
					SELECT %d, minute, n, first_occurred_at, last_received_at FROM moved WHERE minute >= ?
					ON CONFLICT (incident_id, minute) DO UPDATE SET count = m.count + EXCLUDED.count,
						first_occurred_at = least(m.first_occurred_at, EXCLUDED.first_occurred_at),
						last_received_at = greatest(m.last_received_at, EXCLUDED.last_received_at)""".formatted(where,
					target, source))
			.params(moved)
			.param(utc(OccurrencePartitions.minuteCountsKeptSince(now())))
			.update();
		this.jdbc.sql("DELETE FROM incident_minute WHERE incident_id = ? AND count <= 0").param(target).update();
		this.jdbc.sql("""
				WITH moved AS (SELECT CASE WHEN btrim(coalesce(version, '')) = '' THEN '' ELSE version END AS version,
					CASE WHEN btrim(coalesce(instance, '')) = '' THEN '' ELSE instance END AS instance, count(*) AS n,
					min(occurred_at) AS first_seen, max(occurred_at) AS last_seen %1$s GROUP BY 1, 2),
				counted AS (SELECT * FROM moved WHERE version <> '' OR instance <> ''),
				taken AS (UPDATE incident_version_instance v SET count = v.count - counted.n FROM counted
					WHERE v.incident_id = %2$d AND v.version = counted.version AND v.instance = counted.instance)
				INSERT INTO incident_version_instance AS v (incident_id, version, instance, count, first_seen,
					last_seen)
				SELECT %3$d, version, instance, n, first_seen, last_seen FROM counted
				ON CONFLICT (incident_id, version, instance) DO UPDATE SET count = v.count + EXCLUDED.count,
					first_seen = least(v.first_seen, EXCLUDED.first_seen),
					last_seen = greatest(v.last_seen, EXCLUDED.last_seen)""".formatted(where, target, source))
			.params(moved)
			.update();
		this.jdbc.sql("DELETE FROM incident_version_instance WHERE incident_id = ? AND count <= 0")
			.param(target)
			.update();
		this.jdbc.sql("DELETE FROM incident_hourly WHERE incident_id = ? AND count <= 0").param(target).update();
	}

	private Locked transition(long id, Set<String> from, String to) {
		Locked incident = lock(id);
		if (incident.mergedInto != null) {
			throw IncidentProblems.conflict("Incident " + id + " is merged into " + incident.mergedInto
					+ "; change the status of that one, or unmerge first.");
		}
		if (!from.contains(incident.status)) {
			throw IncidentProblems
				.conflict("Incident " + id + " is " + incident.status + "; it cannot become " + to + " from there.");
		}
		return incident;
	}

	private Locked lock(long id) {
		return this.jdbc
			.sql("SELECT id, service, environment, fingerprint, status, assignee, merged_into "
					+ "FROM incident WHERE id = ? FOR UPDATE")
			.param(id)
			.query((rs, n) -> new Locked(rs.getLong("id"), rs.getString("service"), rs.getString("environment"),
					rs.getString("fingerprint"), rs.getString("status"), rs.getString("assignee"),
					rs.getObject("merged_into", Long.class)))
			.optional()
			.orElseThrow(() -> IncidentProblems.notFound(id));
	}

	private Instant now() {
		return this.clock.instant();
	}

	private record Moved(long count, Instant first) {

	}

	private record Locked(long id, String service, String environment, String fingerprint, String status,
			String assignee, Long mergedInto) {

	}

}
