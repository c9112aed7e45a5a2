package io.panicboard.slo;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of the SLO API.
 */
final class SloProblems {

	private SloProblems() {
	}

	static ErrorResponseException notFound(long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				problem(HttpStatus.NOT_FOUND, "slo-not-found", "SLO not found", "No SLO " + id + "."), null);
	}

	static ErrorResponseException invalid(List<FieldError> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-slo", "Invalid SLO",
				"The SLO has invalid fields: "
						+ String.join(", ", errors.stream().map(FieldError::field).distinct().toList()) + ".");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException invalidParameter(String parameter, String message) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has invalid parameters; see errors.");
		problem.setProperty("errors", List.of(new FieldError(parameter, message)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException conflict(List<FieldError> errors) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "slo-name-taken", "SLO name taken",
				errors.get(0).field() + " " + errors.get(0).message() + ".");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	static ErrorResponseException unreadable(String detail) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				problem(HttpStatus.BAD_REQUEST, "malformed-slo", "Malformed SLO document", detail), null);
	}

	static ErrorResponseException unsupportedType() {
		return new ErrorResponseException(
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
						"Unsupported media type", "Send an OpenSLO document as application/json or application/yaml."),
				null);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
