package io.panicboard.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes incident history as of a time in the past, for demo data: service settings, and
 * status changes, assignments and notes through the same transitions and timeline entries
 * as the incident API, dated {@code at} instead of now. Runs in the caller's transaction.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class IncidentBackfill {

	private final JdbcClient jdbc;

	private final Timeline timeline;

	IncidentBackfill(JdbcClient jdbc, Timeline timeline) {
		this.jdbc = jdbc;
		this.timeline = timeline;
	}

	/**
	 * Whether nothing was ever recorded: no incident and no occurrence.
	 * @return {@code true} on an empty database
	 */
	public boolean empty() {
		return this.jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM incident) AND NOT EXISTS (SELECT 1 FROM occurrence)")
			.query(Boolean.class)
			.single();
	}

	/**
	 * Creates a service with its settings; of an existing service only the settings that
	 * are not set yet are filled in.
	 * @param name the service
	 * @param team the owning team
	 * @param sourceLinkTemplate the source link template
	 * @param inAppPrefixes import path prefixes of the service's own modules
	 */
	public void describeService(String name, String team, String sourceLinkTemplate, List<String> inAppPrefixes) {
		this.jdbc.sql("""
				INSERT INTO service AS s (name, team, source_link_template, in_app_prefixes) VALUES (?, ?, ?, ?::text[])
				ON CONFLICT (name) DO UPDATE SET team = coalesce(s.team, EXCLUDED.team),
					source_link_template = coalesce(s.source_link_template, EXCLUDED.source_link_template),
					in_app_prefixes = CASE WHEN cardinality(s.in_app_prefixes) = 0 THEN EXCLUDED.in_app_prefixes
						ELSE s.in_app_prefixes END""")
			.params(name, team, sourceLinkTemplate, inAppPrefixes.toArray(String[]::new))
			.update();
	}

	/**
	 * Acknowledges an open incident.
	 * @param incidentId the incident
	 * @param actor who acknowledged it
	 * @param at when
	 */
	public void acknowledge(long incidentId, String actor, Instant at) {
		lifecycleAt(at).acknowledge(incidentId, actor);
	}

	/**
	 * Assigns an incident.
	 * @param incidentId the incident
	 * @param actor who assigned it
	 * @param assignee to whom
	 * @param at when
	 */
	public void assign(long incidentId, String actor, String assignee, Instant at) {
		lifecycleAt(at).assign(incidentId, actor, assignee);
	}

	/**
	 * Adds a note to an incident's timeline.
	 * @param incidentId the incident
	 * @param actor who wrote it
	 * @param text the note
	 * @param at when
	 */
	public void note(long incidentId, String actor, String text, Instant at) {
		lifecycleAt(at).note(incidentId, actor, text);
	}

	/**
	 * Resolves an incident.
	 * @param incidentId the incident
	 * @param actor who resolved it
	 * @param version the version with the fix, or {@code null}
	 * @param at when
	 */
	public void resolve(long incidentId, String actor, String version, Instant at) {
		lifecycleAt(at).resolve(incidentId, actor, version);
	}

	/**
	 * Mutes an incident.
	 * @param incidentId the incident
	 * @param actor who muted it
	 * @param until when the mute ends, after {@code at}
	 * @param at when it was muted
	 */
	public void mute(long incidentId, String actor, Instant until, Instant at) {
		lifecycleAt(at).mute(incidentId, actor, until, null);
	}

	private IncidentLifecycle lifecycleAt(Instant at) {
		return new IncidentLifecycle(this.jdbc, this.timeline, Clock.fixed(at, ZoneOffset.UTC));
	}

}
