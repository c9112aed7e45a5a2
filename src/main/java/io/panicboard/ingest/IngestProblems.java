package io.panicboard.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of the ingestion API; the API's exception handler renders them as
 * {@code application/problem+json}.
 */
final class IngestProblems {

	private IngestProblems() {
	}

	static ErrorResponseException unsupportedContentEncoding(String encoding) {
		return new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-encoding",
						"Unsupported content encoding",
						"Content-Encoding '" + encoding + "' is not supported; send the body as is or gzip it."),
				null);
	}

	static ErrorResponseException multipartNotSupported() {
		return new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart-not-supported", "Multipart not supported",
						"Send the text as the raw request body (curl --data-binary @file), not as a form upload."),
				null);
	}

	static ErrorResponseException unreadableBody(Throwable cause) {
		String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return unreadableBody("The request body could not be read: " + reason, cause);
	}

	static ErrorResponseException unreadableBody(String detail, Throwable cause) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body", detail), cause);
	}

	static ErrorResponseException tooLarge(String what, long limit, String unit) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				what + " is larger than the limit of " + limit + " " + unit + ".");
		problem.setProperty((unit.equals("bytes") ? "maxBytes" : "maxEvents"), limit);
		return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
	}

	static ErrorResponseException malformedJson(String detail) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail), null);
	}

	static ErrorResponseException invalidFields(List<FieldError> errors) {
		return invalidFields(errors, "nothing of the request was stored");
	}

	/**
	 * Invalid fields of a request.
	 * @param errors the fields and what is wrong with each
	 * @param outcome what became of the request, e.g. "nothing of the request was stored"
	 * @return the problem
	 */
	static ErrorResponseException invalidFields(List<FieldError> errors, String outcome) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-fields", "Invalid fields",
				errors.size() + " invalid field(s); " + outcome + ".");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException unavailable(String type, String title, String detail, Duration retryAfter,
			Throwable cause) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
				problem(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail), cause);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return ex;
	}

	/**
	 * One invalid field of a request.
	 *
	 * @param field the field's path, e.g. {@code [3].service}
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
