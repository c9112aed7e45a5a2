package io.panicboard.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Answers 503 with {@code Retry-After} when the database fails while an ingestion request
 * looks up services or tails, or stores what it stores itself (deploys, expvar samples,
 * heartbeats), like the {@link BatchedWriter} does for its commits; any other failure
 * goes on to the API's general handler. An unavailable database opens the
 * {@link DatabaseCircuit}.
 */
@RestControllerAdvice(assignableTypes = { EventsController.class, LogsController.class, DeploysController.class,
		ExpvarController.class, HeartbeatsController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestExceptionHandler {

	private static final Set<Class<?>> WRITING_IN_REQUEST = Set.of(DeploysController.class, ExpvarController.class,
			HeartbeatsController.class);

	private final Log logger = LogFactory.getLog(getClass());

	private final Duration retryAfter;

	private final ObjectProvider<DatabaseCircuit> circuit;

	/**
	 * @param properties the ingestion settings
	 * @param circuit absent in web slices without a database
	 */
	IngestExceptionHandler(IngestProperties properties, ObjectProvider<DatabaseCircuit> circuit) {
		this.retryAfter = properties.retryAfter();
		this.circuit = circuit;
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<Object> databaseFailure(RuntimeException ex, HandlerMethod handler) {
		// the writer's own 503, matched here through its database cause
		if (ex instanceof ErrorResponseException answered) {
			return ResponseEntity.status(answered.getStatusCode())
				.headers(answered.getHeaders())
				.body(answered.getBody());
		}
		if (!BatchedWriter.databaseUnavailable(ex)) {
			this.logger.error("Request failed", ex);
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"The request failed on the server; the log has the details.");
			problem.setType(URI.create("about:blank"));
			return ResponseEntity.internalServerError().body(problem);
		}
		this.circuit.ifAvailable((open) -> open.failed(ex));
		ErrorResponseException problem = outcomeUnknown(ex, handler)
				? IngestProblems.unavailable("write-timeout", "Write not confirmed",
						"The database failed while this request was being stored; it may or may not be stored. "
								+ "Retry later.",
						this.retryAfter, ex)
				: IngestProblems.unavailable("database-unavailable", "Database unavailable",
						"The database is not available; nothing of this request was stored. Retry later.",
						this.retryAfter, ex);
		return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
	}

	// These store in the request's own transaction: once it had a connection, the failure
	// may have come after its commit was sent. The others only look up before the writer.
	private static boolean outcomeUnknown(RuntimeException ex, HandlerMethod handler) {
		return WRITING_IN_REQUEST.contains(handler.getBeanType()) && !(ex instanceof CannotGetJdbcConnectionException)
				&& !(ex instanceof CannotCreateTransactionException);
	}

}
