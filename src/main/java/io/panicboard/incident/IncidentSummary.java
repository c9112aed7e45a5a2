package io.panicboard.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An incident as the list and the actions answer it.
 */
record IncidentSummary(long id, String service, String environment, String type, String kind, String severity,
		String status, String title, String message, String fingerprint, Culprit culprit, boolean mapRelated,
		Instant firstSeen, Instant lastSeen, long eventCount, String lastVersion, String assignee, Instant mutedUntil,
		Instant resolvedAt, String resolvedInVersion, Long mergedInto) {

	static final String COLUMNS = "id, service, environment, type, kind, severity, status, title, message, "
			+ "fingerprint, culprit_function, culprit_file, culprit_line, map_related, first_seen, last_seen, "
			+ "event_count, last_version, assignee, muted_until, resolved_at, resolved_in_version, merged_into";

	static IncidentSummary map(ResultSet rs, int rowNum) throws SQLException {
		String function = rs.getString("culprit_function");
		Culprit culprit = (function != null)
				? new Culprit(function, rs.getString("culprit_file"), rs.getObject("culprit_line", Integer.class))
				: null;
		return new IncidentSummary(rs.getLong("id"), rs.getString("service"), rs.getString("environment"),
				rs.getString("type"), rs.getString("kind"), rs.getString("severity"), rs.getString("status"),
				rs.getString("title"), rs.getString("message"), rs.getString("fingerprint"), culprit,
				rs.getBoolean("map_related"), instant(rs, "first_seen"), instant(rs, "last_seen"),
				rs.getLong("event_count"), rs.getString("last_version"), rs.getString("assignee"),
				instant(rs, "muted_until"), instant(rs, "resolved_at"), rs.getString("resolved_in_version"),
				rs.getObject("merged_into", Long.class));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * The code that failed: the innermost application frame (else the innermost frame
	 * outside the runtime and standard library).
	 */
	record Culprit(String function, String file, Integer line) {

	}

}
