package io.panicboard.ingest;

import java.net.URI;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers 503 with {@code Retry-After} when the database fails while an ingestion request
 * looks up services or tails, like the {@link BatchedWriter} does for its commits; any
 * other failure goes on to the API's general handler. An unavailable database opens the
 * {@link DatabaseCircuit}.
 */
@RestControllerAdvice(assignableTypes = { EventsController.class, LogsController.class, DeploysController.class,
		ExpvarController.class, HeartbeatsController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestExceptionHandler {

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
	ResponseEntity<Object> databaseFailure(RuntimeException ex) {
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
		ErrorResponseException problem = IngestProblems.unavailable("database-unavailable", "Database unavailable",
				"The database is not available; nothing of this request was stored. Retry later.", this.retryAfter, ex);
		return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
	}

}
