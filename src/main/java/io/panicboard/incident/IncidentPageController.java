package io.panicboard.incident;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.panicboard.incident.IncidentPageQueries.StoredOccurrence;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incident page ({@code /incidents/{id}}), the raw text of its occurrences, and its
 * actions as forms. Every action goes through {@link IncidentLifecycle} with the
 * signed-in user as actor (the security chain lets only responders and admins post here),
 * then redirects back with a message; invalid input shows the page again with the error
 * and what was typed.
 */
@Controller
@RequestMapping("/incidents/{id}")
class IncidentPageController {

	/** As the API: longer notes are refused. */
	static final int MAX_NOTE_LENGTH = ActionTexts.MAX_NOTE_LENGTH;

	private static final Map<String, Duration> MUTES = Map.of("1h", Duration.ofHours(1), "1d", Duration.ofDays(1), "7d",
			Duration.ofDays(7));

	private final IncidentPages pages;

	private final IncidentQueries queries;

	private final IncidentLifecycle lifecycle;

	private final PageTimes times;

	private final MessageSource messages;

	IncidentPageController(IncidentPages pages, IncidentQueries queries, IncidentLifecycle lifecycle, PageTimes times,
			MessageSource messages) {
		this.pages = pages;
		this.queries = queries;
		this.lifecycle = lifecycle;
		this.times = times;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView show(@PathVariable long id, @RequestParam(required = false) Long occurrence,
			@RequestParam(defaultValue = "0") int page, Locale locale) {
		return this.pages.page(id, occurrence, page, locale)
			.map((p) -> view(p, ActionForm.empty(p.incident()), null, HttpStatus.OK))
			.orElseGet(IncidentPageController::notFound);
	}

	@GetMapping("/occurrences/{occurrenceId}")
	ModelAndView occurrence(@PathVariable long id, @PathVariable long occurrenceId) {
		Optional<IncidentSummary> incident = this.queries.find(id);
		Optional<StoredOccurrence> occurrence = this.pages.occurrence(id, occurrenceId);
		if (incident.isEmpty() || occurrence.isEmpty()) {
			return notFound();
		}
		ModelAndView view = new ModelAndView("incident/occurrence");
		view.addObject("incident", incident.get());
		view.addObject("occurrence", occurrence.get());
		view.addObject("times", this.times);
		return view;
	}

	@GetMapping("/occurrences/{occurrenceId}/raw")
	ResponseEntity<String> raw(@PathVariable long id, @PathVariable long occurrenceId) {
		return this.pages.occurrence(id, occurrenceId)
			.map((o) -> ResponseEntity.ok()
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.header("Content-Disposition", "inline")
				.body(o.text()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PostMapping("/acknowledge")
	ModelAndView acknowledge(@PathVariable long id, Principal user, RedirectAttributes redirect, Locale locale) {
		return act(id, null, redirect, locale, () -> this.lifecycle.acknowledge(id, user.getName()),
				"action.done.acknowledge");
	}

	@PostMapping("/resolve")
	ModelAndView resolve(@PathVariable long id, @RequestParam(defaultValue = "") String version, Principal user,
			RedirectAttributes redirect, Locale locale) {
		String trimmed = version.strip();
		ActionForm form = new ActionForm("", null, "", version);
		ActionTexts.Invalid invalid = ActionTexts.version(trimmed);
		if (invalid != null) {
			return invalid(id, form, text(invalid, locale), locale);
		}
		return act(id, form, redirect, locale, () -> this.lifecycle.resolve(id, user.getName(), trimmed),
				trimmed.isEmpty() ? "action.done.resolve" : "action.done.resolveInVersion", trimmed);
	}

	@PostMapping("/reopen")
	ModelAndView reopen(@PathVariable long id, Principal user, RedirectAttributes redirect, Locale locale) {
		return act(id, null, redirect, locale, () -> this.lifecycle.reopen(id, user.getName()), "action.done.reopen");
	}

	@PostMapping("/mute")
	ModelAndView mute(@PathVariable long id, @RequestParam(defaultValue = "") String duration, Principal user,
			RedirectAttributes redirect, Locale locale) {
		Duration mute = MUTES.get(duration);
		if (mute == null) {
			return invalid(id, null, text("action.error.muteDuration", locale), locale);
		}
		return act(id, null, redirect, locale, () -> this.lifecycle.mute(id, user.getName(), null, mute),
				"action.done.mute." + duration);
	}

	@PostMapping("/assign")
	ModelAndView assign(@PathVariable long id, @RequestParam(defaultValue = "") String assignee, Principal user,
			RedirectAttributes redirect, Locale locale) {
		String trimmed = assignee.strip();
		ActionForm form = new ActionForm("", assignee, "", "");
		ActionTexts.Invalid invalid = ActionTexts.assignee(trimmed);
		if (invalid != null) {
			return invalid(id, form, text(invalid, locale), locale);
		}
		return act(id, form, redirect, locale, () -> this.lifecycle.assign(id, user.getName(), trimmed),
				trimmed.isEmpty() ? "action.done.unassign" : "action.done.assign", trimmed);
	}

	@PostMapping("/notes")
	ModelAndView note(@PathVariable long id, @RequestParam(defaultValue = "") String text, Principal user,
			RedirectAttributes redirect, Locale locale) {
		ActionForm form = new ActionForm(text, null, "", "");
		if (text.isBlank()) {
			return invalid(id, form, text("action.error.noteEmpty", locale), locale);
		}
		if (ActionTexts.tooLong(text)) {
			return invalid(id, form, text("action.error.noteTooLong", locale, String.valueOf(MAX_NOTE_LENGTH)), locale);
		}
		if (text.indexOf('\u0000') >= 0) {
			// no browser sends one; the database cannot store it
			return invalid(id, form, text("action.error.noteNul", locale), locale);
		}
		return act(id, form, redirect, locale, () -> this.lifecycle.note(id, user.getName(), text), "action.done.note");
	}

	@PostMapping("/merge")
	ModelAndView merge(@PathVariable long id, @RequestParam(defaultValue = "") String into, Principal user,
			RedirectAttributes redirect, Locale locale) {
		ActionForm form = new ActionForm("", null, into, "");
		String number = into.strip().startsWith("#") ? into.strip().substring(1).strip() : into.strip();
		long target;
		try {
			target = Long.parseLong(number);
		}
		catch (NumberFormatException ex) {
			return invalid(id, form, text("action.error.mergeTarget", locale), locale);
		}
		if (target == id) {
			return invalid(id, form, text("action.error.mergeSelf", locale), locale);
		}
		if (target < 1 || this.queries.find(target).isEmpty()) {
			return invalid(id, form, text("action.error.mergeUnknown", locale, number), locale);
		}
		return act(id, form, redirect, locale, () -> this.lifecycle.merge(id, user.getName(), target),
				"action.done.merge", Long.toString(target));
	}

	@PostMapping("/unmerge")
	ModelAndView unmerge(@PathVariable long id, Principal user, RedirectAttributes redirect, Locale locale) {
		return act(id, null, redirect, locale, () -> this.lifecycle.unmerge(id, user.getName()), "action.done.unmerge");
	}

	/**
	 * Runs an action: back to the page with a message when it worked; the page again with
	 * the lifecycle's reason (409) when the incident's state does not allow it.
	 */
	private ModelAndView act(long id, ActionForm form, RedirectAttributes redirect, Locale locale, Runnable action,
			String doneKey, Object... args) {
		try {
			action.run();
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return notFound();
			}
			String reason = (ex.getBody().getDetail() != null) ? ex.getBody().getDetail() : "";
			return again(id, form, text("action.error.rejected", locale, reason), ex.getStatusCode(), locale);
		}
		redirect.addFlashAttribute("flashSuccess", text(doneKey, locale, args));
		return new ModelAndView("redirect:/incidents/" + id);
	}

	private ModelAndView invalid(long id, ActionForm form, String error, Locale locale) {
		return again(id, form, error, HttpStatus.BAD_REQUEST, locale);
	}

	private ModelAndView again(long id, ActionForm form, String error, HttpStatusCode status, Locale locale) {
		return this.pages.page(id, null, 0, locale).map((p) -> {
			ActionForm empty = ActionForm.empty(p.incident());
			ActionForm kept = (form != null) ? new ActionForm(form.note(),
					(form.assignee() != null) ? form.assignee() : empty.assignee(), form.into(), form.version())
					: empty;
			return view(p, kept, error, status);
		}).orElseGet(IncidentPageController::notFound);
	}

	private ModelAndView view(IncidentPage page, ActionForm form, String error, HttpStatusCode status) {
		ModelAndView view = new ModelAndView("incident/incident", status);
		view.addObject("page", page);
		view.addObject("form", form);
		view.addObject("actionError", error);
		view.addObject("times", this.times);
		view.addObject("maxNoteLength", MAX_NOTE_LENGTH);
		return view;
	}

	static ModelAndView notFound() {
		return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	private String text(ActionTexts.Invalid invalid, Locale locale) {
		return text(invalid.key(), locale, String.valueOf(invalid.limit()));
	}

}
