package io.panicboard.system;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers 503 with {@code Retry-After} when a request fails because the database cannot
 * be reached (no connection within Hikari's timeout, a connection lost, a server shutting
 * down), rather than the 500 of an unexpected failure: an API request gets the problem
 * {@code /problems/database-unavailable}, a page the error page with status 503. Before
 * the {@link ApiExceptionHandler}; the ingestion API has its own handler, which says what
 * became of the data.
 */
@RestControllerAdvice
@Order(0)
class DatabaseUnavailableHandler {

	/** How long a client is asked to wait before it tries again. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(DatabaseUnavailableHandler.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
	ResponseEntity<Object> databaseUnavailable(RuntimeException ex, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		if (ex instanceof CannotCreateTransactionException
				&& !(NestedExceptionUtils.getRootCause(ex) instanceof SQLException)) {
			// not the database: a fault, answered like any other
			logger.error("Request failed", ex);
			if (!api) {
				sendError(response, HttpStatus.INTERNAL_SERVER_ERROR, null);
				return null;
			}
			return ResponseEntity.internalServerError().body(ApiExceptionHandler.serverFault());
		}
		logger.warn("Request failed, the database is unavailable: " + ex.getMessage());
		String retryAfter = Long.toString(RETRY_AFTER.toSeconds());
		if (!api) {
			sendError(response, HttpStatus.SERVICE_UNAVAILABLE, retryAfter);
			return null;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is not available; retry later.");
		problem.setType(URI.create("/problems/database-unavailable"));
		problem.setTitle("Database unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, retryAfter)
			.body(problem);
	}

	private static void sendError(HttpServletResponse response, HttpStatus status, String retryAfter)
			throws IOException {
		if (!response.isCommitted()) {
			if (retryAfter != null) {
				response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
			}
			response.sendError(status.value());
		}
	}

}
