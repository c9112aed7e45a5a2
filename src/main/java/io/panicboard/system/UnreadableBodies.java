package io.panicboard.system;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * What was wrong with a JSON request body that could not be read, as an RFC 9457 problem
 * a client can act on: the syntax error and where it is, or the field whose value has the
 * wrong type and what it should be — instead of Spring's bare "Failed to read request";
 * and likewise a query or path parameter that is not of its type. The same problem types
 * as the ingestion API: {@code /problems/malformed-json} and
 * {@code /problems/invalid-request} with {@code errors: [{field, message}]}.
 */
final class UnreadableBodies {

	private UnreadableBodies() {
	}

	static ProblemDetail problem(HttpMessageNotReadableException ex) {
		JacksonException json = jacksonCause(ex);
		if (json != null && !json.getPath().isEmpty()) {
			if (json instanceof MismatchedInputException mismatch) {
				return invalid(path(json), expectation(mismatch.getTargetType()));
			}
			if (json instanceof InputCoercionException coercion) {
				return invalid(path(json), expectation(coercion.getTargetType()));
			}
		}
		if (json instanceof StreamReadException || json instanceof MismatchedInputException) {
			return problem("malformed-json", "Malformed JSON",
					"The body is not valid JSON: " + json.getOriginalMessage() + at(json.getLocation()) + ".");
		}
		if (json == null && ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			return problem("malformed-json", "Malformed JSON", "The body is empty; this request needs a JSON object.");
		}
		return problem("malformed-json", "Malformed JSON", "The body could not be read as JSON.");
	}

	/**
	 * A query or path parameter that could not be converted to its type.
	 * @param name the parameter
	 * @param type its type
	 * @return the problem naming it
	 */
	static ProblemDetail invalidParameter(String name, Class<?> type) {
		return invalid(name, expectation(type));
	}

	private static ProblemDetail invalid(String field, String message) {
		ProblemDetail problem = problem("invalid-request", "Invalid request",
				"The request has invalid fields; see errors.");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	private static JacksonException jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				return json;
			}
		}
		return null;
	}

	/**
	 * The field's path as the other problems name it: {@code until}, {@code [2].name}.
	 */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expectation(Class<?> type) {
		if (type == null) {
			return "has the wrong type";
		}
		if (type == Instant.class || type == OffsetDateTime.class) {
			return "must be an RFC 3339 date-time with offset, e.g. 2026-11-21T10:15:30Z";
		}
		if (type == Duration.class) {
			return "must be an ISO 8601 duration, e.g. PT4H";
		}
		if (type == Integer.class || type == int.class) {
			return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
		}
		if (type == Long.class || type == long.class) {
			return "must be a whole number";
		}
		if (type == Double.class || type == double.class) {
			return "must be a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type == String.class) {
			return "must be a string";
		}
		if (type.isEnum()) {
			return "must be one of "
					+ Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
		}
		if (type.isArray() || List.class.isAssignableFrom(type)) {
			return "must be an array";
		}
		if (Map.class.isAssignableFrom(type)) {
			return "must be an object";
		}
		return "has the wrong type";
	}

	private static String at(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 0) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static ProblemDetail problem(String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
