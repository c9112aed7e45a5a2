package io.panicboard.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.Timeline.detail;
import static io.panicboard.incident.Timeline.utc;

/**
 * The weekly review's decisions about an incident: it is tech debt (an owner, a due date
 * and a ticket) or it will not be fixed (a reason). An incident has at most one current
 * decision; each decision, and clearing it, is written to the incident's timeline (types
 * {@code tech_debt}, {@code wont_fix} and {@code decision_cleared}).
 */
@Service
@Transactional
public class IncidentDecisions {

	private final JdbcClient jdbc;

	private final Timeline timeline;

	private final Clock clock;

	IncidentDecisions(JdbcClient jdbc, Timeline timeline, Clock clock) {
		this.jdbc = jdbc;
		this.timeline = timeline;
		this.clock = clock;
	}

	/**
	 * Marks an incident as tech debt.
	 * @param incidentId the incident
	 * @param actor who decided
	 * @param owner who pays the debt down
	 * @param due when it should be paid down
	 * @param ticketUrl the ticket, or {@code null}
	 * @throws org.springframework.web.ErrorResponseException 404 for an unknown incident
	 */
	public void markTechDebt(long incidentId, String actor, String owner, LocalDate due, String ticketUrl) {
		lock(incidentId);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO incident_decision (incident_id, decision, owner, due_date, ticket_url, reason, decided_by,
					decided_at) VALUES (?, 'tech_debt', ?, ?, ?, NULL, ?, ?)
				ON CONFLICT (incident_id) DO UPDATE SET decision = EXCLUDED.decision, owner = EXCLUDED.owner,
					due_date = EXCLUDED.due_date, ticket_url = EXCLUDED.ticket_url, reason = NULL,
					decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at""")
			.params(incidentId, owner, due, ticketUrl, actor, utc(now))
			.update();
		this.timeline.add(incidentId, now, "tech_debt", actor,
				detail("owner", owner, "due", due.toString(), "ticket", ticketUrl));
	}

	/**
	 * Marks an incident as one that will not be fixed.
	 * @param incidentId the incident
	 * @param actor who decided
	 * @param reason why
	 * @throws org.springframework.web.ErrorResponseException 404 for an unknown incident
	 */
	public void markWontFix(long incidentId, String actor, String reason) {
		lock(incidentId);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO incident_decision (incident_id, decision, owner, due_date, ticket_url, reason, decided_by,
					decided_at) VALUES (?, 'wont_fix', NULL, NULL, NULL, ?, ?, ?)
				ON CONFLICT (incident_id) DO UPDATE SET decision = EXCLUDED.decision, owner = NULL, due_date = NULL,
					ticket_url = NULL, reason = EXCLUDED.reason, decided_by = EXCLUDED.decided_by,
					decided_at = EXCLUDED.decided_at""").params(incidentId, reason, actor, utc(now)).update();
		this.timeline.add(incidentId, now, "wont_fix", actor, detail("reason", reason));
	}

	/**
	 * Removes the current decision, if any.
	 * @param incidentId the incident
	 * @param actor who cleared it
	 * @return whether there was a decision
	 * @throws org.springframework.web.ErrorResponseException 404 for an unknown incident
	 */
	public boolean clear(long incidentId, String actor) {
		lock(incidentId);
		Optional<String> previous = this.jdbc
			.sql("DELETE FROM incident_decision WHERE incident_id = ? RETURNING decision")
			.param(incidentId)
			.query(String.class)
			.optional();
		previous.ifPresent((decision) -> this.timeline.add(incidentId, this.clock.instant(), "decision_cleared", actor,
				detail("previous", decision)));
		return previous.isPresent();
	}

	/**
	 * Whether an incident exists.
	 * @param incidentId the incident
	 * @return {@code true} when it exists
	 */
	@Transactional(readOnly = true)
	public boolean exists(long incidentId) {
		return this.jdbc.sql("SELECT count(*) FROM incident WHERE id = ?")
			.param(incidentId)
			.query(Long.class)
			.single() > 0;
	}

	private void lock(long incidentId) {
		this.jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE")
			.param(incidentId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> IncidentProblems.notFound(incidentId));
	}

}
