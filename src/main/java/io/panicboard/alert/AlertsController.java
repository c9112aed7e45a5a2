package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;

import io.panicboard.alert.RuleValidation.InvalidField;
import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/alerts}: alerts, newest first, for a read or admin token.
 */
@RestController
class AlertsController {

	static final int MAX_LIMIT = 1000;

	private final Alerts alerts;

	AlertsController(Alerts alerts) {
		this.alerts = alerts;
	}

	@GetMapping("/api/v1/alerts")
	List<AlertView> list(ApiPrincipal principal, @RequestParam(required = false) String state,
			@RequestParam(required = false) String rule, @RequestParam(required = false) String service,
			@RequestParam(required = false) String limit) {
		ApiAccess.requireRead(principal);
		List<InvalidField> errors = new ArrayList<>();
		if (state != null && !Alerts.STATES.contains(state)) {
			errors.add(new InvalidField("state", "must be one of " + String.join(", ", Alerts.STATES)));
		}
		Long ruleId = number(rule, "rule", 1, Long.MAX_VALUE, errors);
		Long max = number(limit, "limit", 1, MAX_LIMIT, errors);
		if (service != null && (service.isBlank() || service.length() > 100)) {
			errors.add(new InvalidField("service", "must be a service name"));
		}
		else if (service != null && service.indexOf('\0') >= 0) {
			// PostgreSQL's text cannot hold it: compared with a column, it fails the
			// query
			errors.add(new InvalidField("service", "must not contain NUL characters"));
		}
		if (!errors.isEmpty()) {
			throw AlertProblems.invalid(errors);
		}
		return this.alerts.find(state, ruleId, service, (max != null) ? max.intValue() : 100);
	}

	private static Long number(String value, String field, long min, long max, List<InvalidField> errors) {
		if (value == null) {
			return null;
		}
		try {
			long number = Long.parseLong(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new InvalidField(field, "must be a whole number from " + min + " to " + max));
		return null;
	}

}
