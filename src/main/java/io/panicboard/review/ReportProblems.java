package io.panicboard.review;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A report request with a bad parameter, from the API or from the page's export, answers
 * {@code 400 application/problem+json} with {@code errors} naming the parameter. (The
 * page itself catches the request's errors and shows them.)
 */
@RestControllerAdvice(assignableTypes = { ReportApiController.class, WeeklyReportController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReportProblems {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidRequest(InvalidReportRequest ex) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(invalid(List.of(Map.of("field", ex.parameter(), "message", message(ex)))));
	}

	static ProblemDetail invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid parameters; see errors.");
		problem.setType(URI.create("/problems/invalid-request"));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String message(InvalidReportRequest ex) {
		return switch (ex.messageKey()) {
			case "review.error.week" -> "must be an ISO week such as 2026-W47";
			case "review.error.future" -> "the week has not started yet";
			case "review.error.tooEarly" -> "the week is before 1970-W01";
			case "review.error.teamAndService" -> "give a team or a service, not both";
			case "review.error.team" -> "no service belongs to this team";
			case "review.error.format" -> "must be json, csv or md";
			case "review.error.nul" -> "must not contain NUL characters";
			default -> "no such service";
		};
	}

}
