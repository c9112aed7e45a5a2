package io.panicboard.alert;

import java.net.URI;
import java.util.List;

import io.panicboard.alert.RuleValidation.InvalidField;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of the alerting API.
 */
final class AlertProblems {

	private AlertProblems() {
	}

	static ErrorResponseException notFound(String what, long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND,
				what.replace(' ', '-') + "-not-found", capitalized(what) + " not found", "No " + what + " " + id + "."),
				null);
	}

	/**
	 * A built-in rule cannot be deleted, as on the rules page: it can be disabled.
	 * @param rule the built-in rule
	 * @return a 409 {@code /problems/builtin-rule} naming the rule's built-in key
	 */
	static ErrorResponseException builtinRule(AlertRule rule) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "builtin-rule", "Built-in rule",
				"Alert rule " + rule.id() + " (“" + rule.name()
						+ "”) is a built-in rule: it can be edited and disabled (\"enabled\": false) but not deleted.");
		problem.setProperty("builtinKey", rule.builtinKey());
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	static ErrorResponseException invalid(List<InvalidField> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has " + errors.size() + " invalid field(s); see errors.");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
