package io.panicboard.incident;

import java.time.Instant;
import java.time.ZoneId;

import io.panicboard.system.Sparkline;

/**
 * An incident as a row of a list page.
 *
 * @param id the incident id
 * @param kind the kind, e.g. {@code nil_map_write}
 * @param severity the severity
 * @param status the status
 * @param title the title
 * @param message the latest message, shortened
 * @param service the service
 * @param environment the environment
 * @param count all occurrences
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 * @param last24h occurrences per hour over the last 24 hours, from the hourly rollups
 */
record IncidentRow(long id, String kind, String severity, String status, String title, String message, String service,
		String environment, long count, TimeAgo firstSeen, TimeAgo lastSeen, Sparkline last24h) {

	private static final int MAX_MESSAGE = 160;

	static IncidentRow of(IncidentSummary incident, long[] last24h, Instant now, ZoneId zone) {
		return new IncidentRow(incident.id(), incident.kind(), incident.severity(), incident.status(), incident.title(),
				shortened(incident.message()), incident.service(), incident.environment(), incident.eventCount(),
				TimeAgo.of(incident.firstSeen(), now, zone), TimeAgo.of(incident.lastSeen(), now, zone),
				Sparkline.of(last24h));
	}

	private static String shortened(String message) {
		if (message == null || message.isBlank()) {
			return null;
		}
		String line = message.strip();
		int newline = line.indexOf('\n');
		if (newline >= 0) {
			line = line.substring(0, newline).strip() + " …";
		}
		return (line.length() > MAX_MESSAGE) ? line.substring(0, MAX_MESSAGE) + "…" : line;
	}

}
