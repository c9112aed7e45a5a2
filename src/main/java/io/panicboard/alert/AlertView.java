package io.panicboard.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert as listed by the API and the pages.
 *
 * @param id the id
 * @param ruleId the rule
 * @param ruleName the rule's name
 * @param severity the rule's severity
 * @param state {@code pending}, {@code firing} or {@code resolved}
 * @param labels the labels
 * @param annotations the annotations
 * @param value the latest value, or {@code null}
 * @param incidentId the incident it is about, or {@code null}
 * @param incidentIds the incidents whose timelines carry it
 * @param activeSince when its condition started to hold
 * @param firedAt when it started firing, or {@code null}
 * @param resolvedAt when it resolved, or {@code null}
 * @param lastSeenAt when its condition last held
 * @param lastSentAt when it was last notified, or {@code null}
 * @param silenced whether a silence in force covers it now
 */
public record AlertView(long id, long ruleId, String ruleName, String severity, String state,
		Map<String, String> labels, Map<String, String> annotations, Double value, Long incidentId,
		List<Long> incidentIds, Instant activeSince, Instant firedAt, Instant resolvedAt, Instant lastSeenAt,
		Instant lastSentAt, boolean silenced) {

}
