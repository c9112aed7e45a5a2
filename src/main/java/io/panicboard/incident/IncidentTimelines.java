package io.panicboard.incident;

import java.time.Instant;
import java.util.Collection;

import org.springframework.stereotype.Component;

/**
 * Lets other modules write entries into incident timelines: the alert engine's
 * {@code alert_fired} and {@code alert_resolved} entries. Entries are written in the
 * caller's transaction.
 */
@Component
public class IncidentTimelines {

	private final Timeline timeline;

	IncidentTimelines(Timeline timeline) {
		this.timeline = timeline;
	}

	/**
	 * Records that an alert fired on each of the incidents it concerns.
	 * @param incidentIds the incidents
	 * @param at when it fired
	 * @param alertId the alert
	 * @param rule the rule's name
	 * @param severity the alert's severity
	 */
	public void alertFired(Collection<Long> incidentIds, Instant at, long alertId, String rule, String severity) {
		add("alert_fired", incidentIds, at, alertId, rule, severity);
	}

	/**
	 * Records that an alert resolved on each of the incidents it concerns.
	 * @param incidentIds the incidents
	 * @param at when it resolved
	 * @param alertId the alert
	 * @param rule the rule's name
	 * @param severity the alert's severity
	 */
	public void alertResolved(Collection<Long> incidentIds, Instant at, long alertId, String rule, String severity) {
		add("alert_resolved", incidentIds, at, alertId, rule, severity);
	}

	private void add(String type, Collection<Long> incidentIds, Instant at, long alertId, String rule,
			String severity) {
		for (long incidentId : incidentIds) {
			this.timeline.add(incidentId, at, type, null,
					Timeline.detail("alertId", alertId, "rule", rule, "severity", severity));
		}
	}

}
