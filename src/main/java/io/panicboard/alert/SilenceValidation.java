package io.panicboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a silence before it is stored, for {@code /api/v1/silences} and the silences
 * page alike: at least one valid matcher, not all of which match an alert without labels;
 * an end in the future, at most {@value #MAX_DAYS} days after the start and after now;
 * and a comment.
 */
final class SilenceValidation {

	/** The longest silence, and how far ahead one may end, in days. */
	static final int MAX_DAYS = 366;

	/** The longest silence, and how far ahead one may end. */
	static final Duration MAX_DURATION = Duration.ofDays(MAX_DAYS);

	/** The longest matcher value. */
	static final int MAX_VALUE = 1000;

	/** The longest label name a matcher may name, as the page's field allows. */
	static final int MAX_NAME = 100;

	/** The longest comment. */
	static final int MAX_COMMENT = 2000;

	private SilenceValidation() {
	}

	/**
	 * Checks every field of a silence.
	 * @param matchers the matchers, or {@code null}
	 * @param startsAt when it starts
	 * @param endsAt when it ends, or {@code null}
	 * @param comment why, or {@code null}
	 * @param now the time
	 * @return the problems in field order, empty when the silence is valid
	 */
	static List<Problem> validate(List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String comment,
			Instant now) {
		List<Problem> problems = new ArrayList<>();
		matchers(matchers, problems);
		end(startsAt, endsAt, now, problems);
		comment(comment, problems);
		return problems;
	}

	/**
	 * Checks the matchers: field {@code matchers}, or
	 * {@code matchers[<i>].<name|op|value>}.
	 * @param matchers the matchers, or {@code null}
	 * @param problems the problems found so far, to add to
	 */
	static void matchers(List<SilenceMatcher> matchers, List<Problem> problems) {
		if (matchers == null || matchers.isEmpty()) {
			problems.add(new Problem("matchers", "noMatchers", "must have at least one matcher"));
			return;
		}
		int before = problems.size();
		for (int i = 0; i < matchers.size(); i++) {
			matcher("matchers[" + i + "]", matchers.get(i), problems);
		}
		if (problems.size() == before && matchers.stream().allMatch((m) -> m.matches(Map.of()))) {
			problems.add(new Problem("matchers", "matchesEverything",
					"match every alert, even one without these labels: add a matcher that needs a value"));
		}
	}

	/**
	 * Checks the end (field {@code endsAt}).
	 * @param startsAt when the silence starts
	 * @param endsAt when it ends, or {@code null}
	 * @param now the time
	 * @param problems the problems found so far, to add to
	 */
	static void end(Instant startsAt, Instant endsAt, Instant now, List<Problem> problems) {
		if (endsAt == null) {
			problems.add(new Problem("endsAt", "endsAt", "is required"));
		}
		else if (!endsAt.isAfter(startsAt) || !endsAt.isAfter(now)) {
			problems.add(new Problem("endsAt", "endsAtPast", "must be after startsAt and in the future"));
		}
		else if (endsAt.isAfter(now.plus(MAX_DURATION)) || endsAt.isAfter(startsAt.plus(MAX_DURATION))) {
			problems.add(new Problem("endsAt", "endsAtFar",
					"must be at most " + MAX_DAYS + " days after startsAt and after now"));
		}
	}

	/**
	 * Checks the comment (field {@code comment}).
	 * @param comment why, or {@code null}
	 * @param problems the problems found so far, to add to
	 */
	static void comment(String comment, List<Problem> problems) {
		if (comment == null || comment.isBlank()) {
			problems.add(new Problem("comment", "comment", "must not be blank"));
		}
		else if (comment.strip().length() > MAX_COMMENT) {
			problems.add(new Problem("comment", "commentLong", "must be at most " + MAX_COMMENT + " characters"));
		}
	}

	private static void matcher(String field, SilenceMatcher matcher, List<Problem> problems) {
		if (matcher == null) {
			problems.add(new Problem(field, "matcher.name", "must not be null"));
			return;
		}
		if (matcher.name() == null || matcher.name().length() > MAX_NAME
				|| !RuleValidation.LABEL_NAME.matcher(matcher.name()).matches()) {
			problems.add(new Problem(field + ".name", "matcher.name", "must match "
					+ RuleValidation.LABEL_NAME.pattern() + " and be at most " + MAX_NAME + " characters"));
		}
		if (matcher.op() == null || !SilenceMatcher.OPS.contains(matcher.op())) {
			problems.add(
					new Problem(field + ".op", "matcher.op", "must be one of " + String.join(" ", SilenceMatcher.OPS)));
		}
		if (matcher.value() == null) {
			problems.add(new Problem(field + ".value", "matcher.value", "is required"));
		}
		else if (matcher.value().length() > MAX_VALUE) {
			problems.add(new Problem(field + ".value", "matcher.long", "must be at most " + MAX_VALUE + " characters"));
		}
		else if (matcher.op() != null && matcher.invalidPattern() != null) {
			problems.add(new Problem(field + ".value", "matcher.regex",
					"is not a valid regular expression: " + matcher.invalidPattern()));
		}
	}

	/**
	 * What is wrong with a field of a silence.
	 *
	 * @param field the field, as a JSON path of the API ({@code matchers[0].value})
	 * @param key the end of the page's message key, after
	 * {@code alerts.page.silences.error.}
	 * @param message what is wrong, in English, for the API
	 */
	record Problem(String field, String key, String message) {

		RuleValidation.InvalidField invalidField() {
			return new RuleValidation.InvalidField(this.field, this.message);
		}

	}

}
