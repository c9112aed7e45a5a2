package io.panicboard.security;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of authentication, authorization, rate limiting and token
 * management. None of them ever contains a presented token.
 */
final class SecurityProblems {

	static final String CHALLENGE = "Bearer realm=\"panicboard\"";

	static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

	private SecurityProblems() {
	}

	static ErrorResponseException missingToken() {
		return unauthorized("Send an API token as 'Authorization: Bearer <token>'.", CHALLENGE);
	}

	static ErrorResponseException invalidToken() {
		return unauthorized("The bearer token is not valid: it is unknown or revoked.", INVALID_TOKEN_CHALLENGE);
	}

	static ErrorResponseException forbidden(String detail) {
		return new ErrorResponseException(HttpStatus.FORBIDDEN,
				problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail), null);
	}

	static ErrorResponseException rateLimited(long retryAfterSeconds, long capacity) {
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"This token sent more requests than its rate limit allows; retry after " + retryAfterSeconds + " s.");
		problem.setProperty("retryAfterSeconds", retryAfterSeconds);
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		ex.getHeaders().set("RateLimit-Policy", "\"per-token\";q=" + capacity);
		ex.getHeaders().set("RateLimit", "\"per-token\";r=0;t=" + retryAfterSeconds);
		return ex;
	}

	static ErrorResponseException tokenStoreUnavailable(Throwable cause) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "token-store-unavailable",
				"Service unavailable", "The token could not be checked because the database is unavailable.");
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		return ex;
	}

	static ErrorResponseException invalidRequest(List<InvalidField> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has " + errors.size() + " invalid field(s).");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException tokenNotFound(long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				problem(HttpStatus.NOT_FOUND, "token-not-found", "Token not found", "There is no token " + id + "."),
				null);
	}

	private static ErrorResponseException unauthorized(String detail, String challenge) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.UNAUTHORIZED,
				problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail), null);
		ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return ex;
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * One invalid field of a request body.
	 *
	 * @param field the field's path
	 * @param message what is wrong with it
	 */
	record InvalidField(String field, String message) {
	}

}
