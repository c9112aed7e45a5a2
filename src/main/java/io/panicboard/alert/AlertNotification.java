package io.panicboard.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert as notified: the {@code payload} of a {@code notification} row.
 *
 * @param alertId the alert
 * @param ruleName the rule's name (also the {@code alertname} label)
 * @param status {@code firing} or {@code resolved}
 * @param severity {@code critical}, {@code high}, {@code warning} or {@code info}
 * @param labels the alert's labels ({@code alertname}, {@code severity}, {@code service},
 * ...)
 * @param annotations {@code summary}, {@code description}, {@code runbook_url}
 * @param startsAt when it started firing
 * @param endsAt when it resolved, {@code null} while firing
 * @param generatorUrl the incident's page, or the alerts page
 * @param incidentIds the incidents concerned
 * @param value the value that made it fire, or {@code null}
 */
public record AlertNotification(long alertId, String ruleName, String status, String severity,
		Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
		String generatorUrl, List<Long> incidentIds, Double value) {

}
