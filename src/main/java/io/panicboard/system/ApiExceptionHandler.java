package io.panicboard.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of a controller as RFC 9457 {@code application/problem+json}: the
 * Spring MVC exceptions (400, 404, 405, 406, 413, 415, ...) and any
 * {@link org.springframework.web.ErrorResponse} through
 * {@link ResponseEntityExceptionHandler}, anything else as a 500 that reveals nothing
 * about the failure. Page controllers that want HTML error pages need their own advice,
 * ordered before this one.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail handleUnexpected(Exception ex) {
		this.logger.error("Request failed", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed on the server; the log has the details.");
	}

}
