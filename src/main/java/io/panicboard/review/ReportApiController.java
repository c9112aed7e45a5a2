package io.panicboard.review;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panicboard.incident.IncidentDecisions;
import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import io.panicboard.system.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/weekly} (a read token) as JSON, CSV or Markdown, and
 * {@code POST /api/v1/reports/decisions/{incident}} (an admin token, like every change of
 * an incident through the API).
 */
@RestController
class ReportApiController {

	static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

	private final WeeklyReports reports;

	private final IncidentDecisions decisions;

	private final PublicUrl publicUrl;

	private final MessageSource messages;

	ReportApiController(WeeklyReports reports, IncidentDecisions decisions, PublicUrl publicUrl,
			MessageSource messages) {
		this.reports = reports;
		this.decisions = decisions;
		this.publicUrl = publicUrl;
		this.messages = messages;
	}

	@GetMapping("/api/v1/reports/weekly")
	ResponseEntity<?> weekly(HttpServletRequest request, @RequestParam(required = false) String week,
			@RequestParam(required = false) String team, @RequestParam(required = false) String service,
			@RequestParam(defaultValue = "json") String format, Locale locale) {
		ApiAccess.requireRead(ApiAccess.principal(request));
		checkFormat(format);
		WeeklyReport report = this.reports.report(this.reports.week(week), this.reports.scope(team, service));
		return export(report, format, this.publicUrl.link(""), new MessageSourceAccessor(this.messages, locale));
	}

	/**
	 * Refuses an export format other than {@code json}, {@code csv} or {@code md}.
	 * @param format the {@code format} parameter
	 * @throws InvalidReportRequest naming {@code format}
	 */
	static void checkFormat(String format) {
		if (!List.of("json", "csv", "md").contains(format)) {
			throw new InvalidReportRequest("format", "review.error.format", format);
		}
	}

	static ResponseEntity<?> export(WeeklyReport report, String format, String baseUrl, MessageSourceAccessor text) {
		String name = "weekly-review-" + report.week() + ((report.team() != null) ? "-" + report.team()
				: (report.service() != null) ? "-" + report.service() : "");
		return switch (format) {
			case "csv" -> ResponseEntity.ok()
				.contentType(CSV)
				.header(HttpHeaders.CONTENT_DISPOSITION, attachment(name + ".csv"))
				.body(ReportCsv.write(report));
			case "md" -> ResponseEntity.ok()
				.contentType(MARKDOWN)
				.header(HttpHeaders.CONTENT_DISPOSITION, attachment(name + ".md"))
				.body(ReportMarkdown.write(report, baseUrl, text));
			default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
		};
	}

	private static String attachment(String name) {
		return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
	}

	@PostMapping("/api/v1/reports/decisions/{incident}")
	Map<String, Object> decide(HttpServletRequest request, @PathVariable long incident,
			@RequestBody(required = false) DecisionRequest body) {
		ApiPrincipal caller = ApiAccess.principal(request);
		if (caller.scope() != TokenScope.ADMIN) {
			throw ApiAccess.forbidden("Deciding about incidents needs a token with the admin scope.");
		}
		if (body == null) {
			throw invalid("decision", "send a JSON body with decision tech_debt, wont_fix or none");
		}
		if (!body.errors().isEmpty()) {
			throw invalid(body.errorList());
		}
		body.apply(this.decisions, incident, caller.name());
		return Map.of("incident", incident, "decision", body.decisionKey());
	}

	private static ErrorResponseException invalid(String field, String message) {
		return invalid(List.of(Map.of("field", field, "message", message)));
	}

	private static ErrorResponseException invalid(List<Map<String, String>> errors) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, ReportProblems.invalid(errors), null);
	}

}
