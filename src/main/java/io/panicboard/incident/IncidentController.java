package io.panicboard.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident API: the list, one incident with its timeline, its occurrences, and the
 * actions. Reading needs a read or admin token, actions an admin token.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

	private final IncidentQueries queries;

	private final IncidentLifecycle lifecycle;

	private final CrashingGoroutines crashingGoroutines;

	private final MessageSource messages;

	IncidentController(IncidentQueries queries, IncidentLifecycle lifecycle, CrashingGoroutines crashingGoroutines,
			MessageSource messages) {
		this.queries = queries;
		this.lifecycle = lifecycle;
		this.crashingGoroutines = crashingGoroutines;
		this.messages = messages;
	}

	@GetMapping
	PageOf<IncidentSummary> list(HttpServletRequest request, @RequestParam(required = false) String service,
			@RequestParam(required = false) String environment, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) String since, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		Callers.reader(request);
		return this.queries
			.list(IncidentFilter.parse(service, environment, kind, status, severity, since, q, page, size, sort));
	}

	@GetMapping("/{id}")
	IncidentDetail detail(HttpServletRequest request, @PathVariable long id) {
		Callers.reader(request);
		return this.queries.detail(id).orElseThrow(() -> IncidentProblems.notFound(id));
	}

	@GetMapping("/{id}/occurrences")
	PageOf<OccurrenceView> occurrences(HttpServletRequest request, @PathVariable long id,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
		Callers.reader(request);
		if (page < 0) {
			throw IncidentProblems.invalid("page", "must be 0 or more");
		}
		if (size < 1 || size > IncidentFilter.MAX_SIZE) {
			throw IncidentProblems.invalid("size", "must be between 1 and " + IncidentFilter.MAX_SIZE);
		}
		String service = this.queries.find(id).orElseThrow(() -> IncidentProblems.notFound(id)).service();
		PageOf<OccurrenceView> occurrences = this.queries.occurrences(id, page, size);
		return new PageOf<>(this.crashingGoroutines.expand(service, occurrences.items()), occurrences.total(),
				occurrences.page(), occurrences.size());
	}

	@PostMapping("/{id}/acknowledge")
	IncidentSummary acknowledge(HttpServletRequest request, @PathVariable long id) {
		this.lifecycle.acknowledge(id, Callers.responder(request).name());
		return current(id);
	}

	@PostMapping("/{id}/resolve")
	IncidentSummary resolve(HttpServletRequest request, @PathVariable long id,
			@RequestBody(required = false) ResolveRequest body) {
		String actor = Callers.responder(request).name();
		String version = (body != null && body.version() != null) ? body.version() : "";
		requireNoNul("version", version);
		String stripped = version.strip();
		requireValid(ActionTexts.version(stripped));
		this.lifecycle.resolve(id, actor, stripped);
		return current(id);
	}

	@PostMapping("/{id}/reopen")
	IncidentSummary reopen(HttpServletRequest request, @PathVariable long id) {
		this.lifecycle.reopen(id, Callers.responder(request).name());
		return current(id);
	}

	@PostMapping("/{id}/mute")
	IncidentSummary mute(HttpServletRequest request, @PathVariable long id, @RequestBody MuteRequest body) {
		String actor = Callers.responder(request).name();
		if ((body.until() == null) == (body.duration() == null)) {
			throw IncidentProblems.invalid("until", "send either until (RFC 3339) or duration (ISO 8601, PT4H)");
		}
		if (body.duration() != null && (body.duration().isNegative() || body.duration().isZero())) {
			throw IncidentProblems.invalid("duration", "must be positive");
		}
		this.lifecycle.mute(id, actor, body.until(), body.duration());
		return current(id);
	}

	@PostMapping("/{id}/assign")
	IncidentSummary assign(HttpServletRequest request, @PathVariable long id, @RequestBody AssignRequest body) {
		String actor = Callers.responder(request).name();
		String assignee = (body.assignee() != null) ? body.assignee() : "";
		requireNoNul("assignee", assignee);
		String stripped = assignee.strip();
		requireValid(ActionTexts.assignee(stripped));
		this.lifecycle.assign(id, actor, stripped);
		return current(id);
	}

	@PostMapping("/{id}/notes")
	IncidentSummary note(HttpServletRequest request, @PathVariable long id, @RequestBody NoteRequest body) {
		String actor = Callers.responder(request).name();
		if (body.text() == null || body.text().isBlank()) {
			throw IncidentProblems.invalid("text", "must not be blank");
		}
		if (ActionTexts.tooLong(body.text())) {
			throw IncidentProblems.invalid("text", "must be at most " + ActionTexts.MAX_NOTE_LENGTH + " characters");
		}
		requireNoNul("text", body.text());
		this.lifecycle.note(id, actor, body.text());
		return current(id);
	}

	@PostMapping("/{id}/merge")
	IncidentSummary merge(HttpServletRequest request, @PathVariable long id, @RequestBody MergeRequest body) {
		String actor = Callers.responder(request).name();
		if (body.into() == null) {
			throw IncidentProblems.invalid("into", "must be the id of the incident to merge into");
		}
		this.lifecycle.merge(id, actor, body.into());
		return current(id);
	}

	@PostMapping("/{id}/unmerge")
	IncidentSummary unmerge(HttpServletRequest request, @PathVariable long id) {
		this.lifecycle.unmerge(id, Callers.responder(request).name());
		return current(id);
	}

	/** PostgreSQL's text and {@code jsonb} (the timeline's detail) cannot hold NUL. */
	private static void requireNoNul(String field, String value) {
		if (value != null && value.indexOf('\0') >= 0) {
			throw IncidentProblems.invalid(field, "must not contain NUL characters");
		}
	}

	/**
	 * An assignee or version the page would refuse: a 400 naming the field, with the
	 * page's message.
	 */
	private void requireValid(ActionTexts.Invalid invalid) {
		if (invalid != null) {
			throw IncidentProblems.invalid(invalid.field(), this.messages.getMessage(invalid.key(),
					new Object[] { String.valueOf(invalid.limit()) }, Locale.ENGLISH));
		}
	}

	private IncidentSummary current(long id) {
		return this.queries.find(id).orElseThrow(() -> IncidentProblems.notFound(id));
	}

	record ResolveRequest(String version) {

	}

	record MuteRequest(Instant until, Duration duration) {

	}

	record AssignRequest(String assignee) {

	}

	record NoteRequest(String text) {

	}

	record MergeRequest(Long into) {

	}

}
