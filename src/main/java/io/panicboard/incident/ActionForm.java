package io.panicboard.incident;

/**
 * What was typed into the incident page's action forms, kept when the page is shown again
 * with an error.
 *
 * @param note the note
 * @param assignee the assignee
 * @param into the merge target
 * @param version the "resolved in" version
 */
record ActionForm(String note, String assignee, String into, String version) {

	static ActionForm empty(IncidentSummary incident) {
		return new ActionForm("", (incident.assignee() != null) ? incident.assignee() : "", "", "");
	}

}
