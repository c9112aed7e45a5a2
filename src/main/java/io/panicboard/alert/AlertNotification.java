package io.panicboard.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert notification as the alert engine puts it in the outbox (table
 * {@code notification}, column {@code payload}) and as the channels send it.
 *
 * @param alertId the alert's id
 * @param ruleName the name of the rule that fired
 * @param status {@code firing} or {@code resolved}
 * @param severity {@code critical}, {@code high}, {@code warning} or {@code info}
 * @param labels the alert's labels (alertname, severity, service, environment, kind, ...)
 * @param annotations summary, description, runbook_url
 * @param startsAt when the alert started firing
 * @param endsAt when it resolved; {@code null} while firing
 * @param generatorUrl the incident's page, or the alert's
 * @param incidentIds the incidents the alert is about
 * @param value the value that fired (a count, a metric), or {@code null}
 */
public record AlertNotification(long alertId, String ruleName, String status, String severity,
		Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
		String generatorUrl, List<Long> incidentIds, Double value) {
}
