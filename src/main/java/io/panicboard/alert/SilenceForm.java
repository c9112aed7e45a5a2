package io.panicboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form that creates a silence, as typed: matcher rows, a duration ({@code 1h},
 * {@code 4h}, {@code 1d}, {@code 7d} or {@code custom} with an end time) and a comment.
 *
 * @param matchers the matchers filled in
 * @param duration the chosen duration
 * @param endsAt the end time of a custom duration, as typed
 * @param comment why
 */
record SilenceForm(List<SilenceMatcher> matchers, String duration, String endsAt, String comment) {

	static final List<String> DURATIONS = List.of("1h", "4h", "1d", "7d", "custom");

	private static final int EMPTY_ROWS = 2;

	private static final Pattern MATCHER_FIELD = Pattern.compile("matchers\\[(\\d+)\\]");

	/**
	 * An empty form, with matchers for the given labels (all {@code =}, by name).
	 * @param labels the labels of an alert to silence, or none
	 * @param endsAt the end time the custom input shows
	 * @return the form
	 */
	static SilenceForm of(Map<String, String> labels, String endsAt) {
		List<SilenceMatcher> rows = new ArrayList<>();
		new TreeMap<>(labels).forEach((name, value) -> rows.add(new SilenceMatcher(name, value, "=")));
		return new SilenceForm(rows, "1h", endsAt, "");
	}

	/**
	 * The form as posted; rows with neither name nor value are left out.
	 */
	static SilenceForm of(String[] names, String[] ops, String[] values, String duration, String endsAt,
			String comment) {
		List<SilenceMatcher> rows = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			String name = names[i].strip();
			String value = (i < values.length) ? values[i] : "";
			if (!name.isEmpty() || !value.isEmpty()) {
				rows.add(new SilenceMatcher(name, value, (i < ops.length) ? ops[i] : "="));
			}
		}
		return new SilenceForm(rows, duration, endsAt, comment.strip());
	}

	/**
	 * The form as shown: its matchers and a few empty rows for more.
	 */
	SilenceForm withEmptyRows() {
		List<SilenceMatcher> rows = new ArrayList<>(this.matchers);
		for (int i = 0; i < EMPTY_ROWS; i++) {
			rows.add(new SilenceMatcher("", "", "="));
		}
		return new SilenceForm(rows, this.duration, this.endsAt, this.comment);
	}

	/**
	 * Checks the form as {@link SilenceValidation} checks the API: message keys by field
	 * ({@code matchers}, {@code matcher-<row>}, {@code duration}, {@code endsAt},
	 * {@code comment}).
	 * @param end the end the duration gives, or {@code null} when it gives none
	 * @param now the time
	 * @return the problems, empty when the form is valid
	 */
	Map<String, String> problems(Instant end, Instant now) {
		List<SilenceValidation.Problem> found = new ArrayList<>();
		SilenceValidation.matchers(this.matchers, found);
		if (DURATIONS.contains(this.duration)) {
			SilenceValidation.end(now, end, now, found);
		}
		else {
			found.add(new SilenceValidation.Problem("duration", "duration", "must be one of " + DURATIONS));
		}
		SilenceValidation.comment(this.comment, found);
		Map<String, String> problems = new LinkedHashMap<>();
		for (SilenceValidation.Problem problem : found) {
			Matcher row = MATCHER_FIELD.matcher(problem.field());
			String field = row.lookingAt() ? "matcher-" + row.group(1) : problem.field();
			problems.putIfAbsent(field, "alerts.page.silences.error." + problem.key());
		}
		return problems;
	}

	/**
	 * The end of the silence this form asks for.
	 * @param now the time
	 * @param times reads the custom end time
	 * @return the end, or {@code null} when the duration or end time is not valid
	 */
	Instant end(Instant now, AlertTimes times) {
		return switch (this.duration) {
			case "1h" -> now.plus(Duration.ofHours(1));
			case "4h" -> now.plus(Duration.ofHours(4));
			case "1d" -> now.plus(Duration.ofDays(1));
			case "7d" -> now.plus(Duration.ofDays(7));
			case "custom" -> times.parseInput(this.endsAt);
			default -> null;
		};
	}

}
