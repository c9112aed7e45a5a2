package io.panicboard.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panicboard.incident.IncidentDecisions;
import io.panicboard.system.HttpUrls;

/**
 * A decision about an incident, from the report's form or the API: {@code tech_debt}
 * (owner, due date, ticket URL), {@code wont_fix} (reason) or {@code none} (clear it).
 *
 * @param decision the decision
 * @param owner the tech debt's owner
 * @param due its due date, {@code yyyy-MM-dd}, from {@link #FIRST_DUE} to
 * {@link #LAST_DUE}
 * @param ticketUrl its ticket, an absolute http(s) URL with a host, optional
 * @param reason why it will not be fixed
 */
record DecisionRequest(String decision, String owner, String due, String ticketUrl, String reason) {

	/**
	 * The most characters (code points, as a person counts them: an emoji is one) of an
	 * owner, a ticket URL or a reason.
	 */
	static final int MAX_TEXT = 2_000;

	/**
	 * The earliest due date taken.
	 */
	static final LocalDate FIRST_DUE = LocalDate.of(2000, 1, 1);

	/**
	 * The latest due date taken: a year the database and every export still write as it
	 * was given.
	 */
	static final LocalDate LAST_DUE = LocalDate.of(2099, 12, 31);

	/**
	 * Checks every field.
	 * @return the problems by field, empty when the request is valid
	 */
	Map<String, String> errors() {
		Map<String, String> errors = new LinkedHashMap<>();
		String d = normalized(this.decision);
		if (d == null || !List.of("tech_debt", "wont_fix", "none").contains(d)) {
			errors.put("decision", "must be tech_debt, wont_fix or none");
			return errors;
		}
		if (d.equals("tech_debt")) {
			if (blank(this.owner)) {
				errors.put("owner", "must not be blank");
			}
			LocalDate due = dueDate();
			if (due == null) {
				errors.put("due", "must be a date, yyyy-MM-dd");
			}
			else if (due.isBefore(FIRST_DUE) || due.isAfter(LAST_DUE)) {
				errors.put("due", "must be from " + FIRST_DUE + " to " + LAST_DUE);
			}
			if (!blank(this.ticketUrl) && !isHttpUrl(this.ticketUrl.trim())) {
				errors.put("ticketUrl", "must be an absolute http or https URL with a host");
			}
		}
		if (d.equals("wont_fix") && blank(this.reason)) {
			errors.put("reason", "must not be blank");
		}
		for (String[] field : new String[][] { { "owner", this.owner }, { "ticketUrl", this.ticketUrl },
				{ "reason", this.reason } }) {
			if (field[1] != null && field[1].indexOf('\0') >= 0) {
				// PostgreSQL's text cannot hold it
				errors.put(field[0], "must not contain NUL characters");
			}
			else if (field[1] != null && field[1].codePointCount(0, field[1].length()) > MAX_TEXT) {
				errors.putIfAbsent(field[0], "must be at most " + MAX_TEXT + " characters");
			}
		}
		return errors;
	}

	/**
	 * Applies a valid request.
	 */
	void apply(IncidentDecisions decisions, long incidentId, String actor) {
		switch (normalized(this.decision)) {
			case "tech_debt" -> decisions.markTechDebt(incidentId, actor, this.owner.trim(), dueDate(),
					blank(this.ticketUrl) ? null : this.ticketUrl.trim());
			case "wont_fix" -> decisions.markWontFix(incidentId, actor, this.reason.trim());
			default -> decisions.clear(incidentId, actor);
		}
	}

	/**
	 * The decision as it is stored.
	 * @return {@code tech_debt}, {@code wont_fix} or {@code none}, in lower case
	 */
	String decisionKey() {
		return normalized(this.decision);
	}

	List<Map<String, String>> errorList() {
		List<Map<String, String>> list = new ArrayList<>();
		errors().forEach((field, message) -> list.add(Map.of("field", field, "message", message)));
		return list;
	}

	private LocalDate dueDate() {
		if (blank(this.due)) {
			return null;
		}
		try {
			return LocalDate.parse(this.due.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static boolean isHttpUrl(String url) {
		// lower-case schemes only: the incident timeline links no other (TimelineTexts)
		return HttpUrls.isAbsoluteHttp(url) && (url.startsWith("http:") || url.startsWith("https:"));
	}

	private static String normalized(String value) {
		return blank(value) ? null : value.trim().toLowerCase(Locale.ROOT);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
