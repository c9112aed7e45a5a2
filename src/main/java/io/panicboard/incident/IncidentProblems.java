package io.panicboard.incident;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of the incident API.
 */
final class IncidentProblems {

	private IncidentProblems() {
	}

	static ErrorResponseException notFound(long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				problem(HttpStatus.NOT_FOUND, "incident-not-found", "Incident not found", "No incident " + id + "."),
				null);
	}

	static ErrorResponseException conflict(String detail) {
		return new ErrorResponseException(HttpStatus.CONFLICT,
				problem(HttpStatus.CONFLICT, "invalid-transition", "Invalid transition", detail), null);
	}

	static ErrorResponseException invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has invalid fields; see errors.");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException invalid(String field, String message) {
		return invalid(List.of(Map.of("field", field, "message", message)));
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
