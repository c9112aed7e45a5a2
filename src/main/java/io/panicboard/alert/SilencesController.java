package io.panicboard.alert;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.panicboard.alert.RuleValidation.InvalidField;
import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/silences}: the silences in force or to come and those that ended in the
 * last 7 days (read or admin token); creating and expiring one needs an admin token.
 */
@RestController
@RequestMapping("/api/v1/silences")
class SilencesController {

	static final Duration RECENT = Duration.ofDays(7);

	private final Silences silences;

	private final Clock clock;

	SilencesController(Silences silences, Clock clock) {
		this.silences = silences;
		this.clock = clock;
	}

	@GetMapping
	List<SilenceJson> list(ApiPrincipal principal) {
		ApiAccess.requireRead(principal);
		Instant now = this.clock.instant();
		return this.silences.endingAfter(now.minus(RECENT)).stream().map((s) -> SilenceJson.of(s, now)).toList();
	}

	@PostMapping
	ResponseEntity<SilenceJson> create(ApiPrincipal principal, @RequestBody SilenceBody body) {
		ApiAccess.requireAdmin(principal);
		Instant now = this.clock.instant();
		Instant startsAt = (body.startsAt() != null) ? body.startsAt() : now;
		body.validate(startsAt, now);
		Silence silence = this.silences.create(body.matchers(), startsAt, body.endsAt(), principal.name(),
				body.comment().strip(), now);
		return ResponseEntity.created(URI.create("/api/v1/silences/" + silence.id()))
			.body(SilenceJson.of(silence, now));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> expire(ApiPrincipal principal, @PathVariable long id) {
		ApiAccess.requireAdmin(principal);
		if (!this.silences.expire(id, this.clock.instant())) {
			throw AlertProblems.notFound("silence", id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * The body of {@code POST /api/v1/silences}.
	 *
	 * @param matchers the matchers, at least one
	 * @param startsAt when it starts (default now)
	 * @param endsAt when it ends
	 * @param comment why
	 */
	record SilenceBody(List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String comment) {

		void validate(Instant startsAt, Instant now) {
			List<InvalidField> errors = SilenceValidation
				.validate(this.matchers, startsAt, this.endsAt, this.comment, now)
				.stream()
				.map(SilenceValidation.Problem::invalidField)
				.toList();
			if (!errors.isEmpty()) {
				throw AlertProblems.invalid(errors);
			}
		}

	}

	/**
	 * A silence in the API.
	 *
	 * @param id the id
	 * @param matchers the matchers
	 * @param startsAt when it starts
	 * @param endsAt when it ends
	 * @param createdBy who created it
	 * @param comment why
	 * @param createdAt when it was created
	 * @param state {@code pending}, {@code active} or {@code expired}
	 */
	record SilenceJson(long id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
			String comment, Instant createdAt, String state) {

		static SilenceJson of(Silence silence, Instant now) {
			return new SilenceJson(silence.id(), silence.matchers(), silence.startsAt(), silence.endsAt(),
					silence.createdBy(), silence.comment(), silence.createdAt(), silence.state(now));
		}

	}

}
