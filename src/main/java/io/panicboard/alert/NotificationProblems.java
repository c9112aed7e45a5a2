package io.panicboard.alert;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of the channel and delivery log API.
 */
final class NotificationProblems {

	private NotificationProblems() {
	}

	static ErrorResponseException invalidRequest(List<ChannelFieldError> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has " + errors.size() + " invalid field(s).");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException channelNotFound(long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, "channel-not-found",
				"Channel not found", "There is no notification channel " + id + "."), null);
	}

	static ErrorResponseException nameTaken(String name) {
		return invalidRequest(List.of(new ChannelFieldError("name", "a channel named '" + name + "' exists")));
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
