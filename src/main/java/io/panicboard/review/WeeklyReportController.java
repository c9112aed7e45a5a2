package io.panicboard.review;

import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import io.panicboard.incident.IncidentDecisions;
import io.panicboard.system.PublicUrl;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The weekly review page ({@code /reports/weekly}), its exports, and the decision form
 * (responders).
 */
@Controller
class WeeklyReportController {

	private final WeeklyReports reports;

	private final IncidentDecisions decisions;

	private final MessageSource messages;

	private final PublicUrl publicUrl;

	WeeklyReportController(WeeklyReports reports, IncidentDecisions decisions, MessageSource messages,
			PublicUrl publicUrl) {
		this.reports = reports;
		this.decisions = decisions;
		this.messages = messages;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/reports/weekly")
	String weekly(@RequestParam(required = false) String week, @RequestParam(required = false) String team,
			@RequestParam(required = false) String service, Model model, Locale locale, HttpServletResponse response) {
		model.addAttribute("teams", this.reports.teams());
		model.addAttribute("services", this.reports.services());
		ReportWeek reportWeek;
		ReportScope scope;
		try {
			reportWeek = this.reports.week(week);
			scope = this.reports.scope(team, service);
		}
		catch (InvalidReportRequest ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("reportError",
					this.messages.getMessage(ex.messageKey(), new Object[] { ex.value() }, locale));
			model.addAttribute("lastWeek", this.reports.lastCompleteWeek().id());
			return "review/weekly";
		}
		WeeklyReport report = this.reports.report(reportWeek, scope);
		ReportWeek previous = reportWeek.previous();
		boolean previousCovered = !previous.beforeFirst();
		ReportWeek next = reportWeek.next();
		boolean nextStarted = !next.start().isAfter(this.reports.now());
		model.addAttribute("page",
				new ReportPage(report, ReportPage.rows(report.headline()),
						link("/reports/weekly", reportWeek.id(), scope), previousCovered ? previous.id() : null,
						previousCovered ? link("/reports/weekly", previous.id(), scope) : null,
						nextStarted ? next.id() : null, nextStarted ? link("/reports/weekly", next.id(), scope) : null,
						link("/reports/weekly/export", reportWeek.id(), scope), this.reports.teams(),
						this.reports.services(), this.reports.zone()));
		return "review/weekly";
	}

	/**
	 * The exports, as from the API: JSON unless {@code format} says otherwise, and bad
	 * parameters answered with a problem (see {@link ReportProblems}); a browser that
	 * followed a link gets the error page instead.
	 */
	@GetMapping("/reports/weekly/export")
	ResponseEntity<?> export(@RequestParam(required = false) String week, @RequestParam(required = false) String team,
			@RequestParam(required = false) String service, @RequestParam(defaultValue = "json") String format,
			Locale locale, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			HttpServletResponse response) throws IOException {
		WeeklyReport report;
		try {
			ReportApiController.checkFormat(format);
			report = this.reports.report(this.reports.week(week), this.reports.scope(team, service));
		}
		catch (InvalidReportRequest ex) {
			if (!wantsHtml(accept)) {
				throw ex;
			}
			response.sendError(HttpServletResponse.SC_BAD_REQUEST,
					this.messages.getMessage(ex.messageKey(), new Object[] { ex.value() }, locale));
			return null;
		}
		return ReportApiController.export(report, format, this.publicUrl.link(""),
				new MessageSourceAccessor(this.messages, locale));
	}

	private static boolean wantsHtml(String accept) {
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	@GetMapping("/reports/weekly/decide")
	String decideForm(@RequestParam long incident, @RequestParam(required = false) String week,
			@RequestParam(required = false) String team, @RequestParam(required = false) String service, Model model,
			HttpServletResponse response) {
		if (!this.decisions.exists(incident)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return "error/404";
		}
		model.addAttribute("incident", incident);
		model.addAttribute("back", backLink(week, team, service));
		model.addAttribute("week", week);
		model.addAttribute("team", team);
		model.addAttribute("service", service);
		model.addAttribute("form", new DecisionRequest("tech_debt", null, null, null, null));
		return "review/decide";
	}

	@PostMapping("/reports/weekly/decisions")
	String decide(@RequestParam long incident, DecisionRequest form, @RequestParam(required = false) String week,
			@RequestParam(required = false) String team, @RequestParam(required = false) String service, Principal user,
			Model model, RedirectAttributes redirect, Locale locale, HttpServletResponse response) {
		Map<String, String> errors = form.errors();
		if (!this.decisions.exists(incident)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return "error/404";
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("incident", incident);
			model.addAttribute("back", backLink(week, team, service));
			model.addAttribute("week", week);
			model.addAttribute("team", team);
			model.addAttribute("service", service);
			model.addAttribute("form", form);
			model.addAttribute("errors", errors);
			return "review/decide";
		}
		form.apply(this.decisions, incident, user.getName());
		redirect.addFlashAttribute("flashSuccess",
				this.messages.getMessage("review.decided." + form.decisionKey(), new Object[] { incident }, locale));
		return "redirect:" + backLink(week, team, service);
	}

	private static String link(String path, String week, ReportScope scope) {
		return ReportLinks.of(path, week, scope.team(), scope.service());
	}

	private static String backLink(String week, String team, String service) {
		return ReportLinks.of("/reports/weekly", week, team, service);
	}

}
