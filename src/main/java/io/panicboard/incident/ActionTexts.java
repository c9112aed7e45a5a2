package io.panicboard.incident;

import java.util.regex.Pattern;

/**
 * What the text of an incident action may hold: one rule for the API and the page, with
 * the page's messages. Lengths count characters as a person does (Unicode code points: an
 * emoji is one), not UTF-16 units.
 */
final class ActionTexts {

	static final int MAX_NOTE_LENGTH = 10_000;

	static final int MAX_ASSIGNEE_LENGTH = 100;

	static final int MAX_VERSION_LENGTH = 100;

	private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-/]*");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private ActionTexts() {
	}

	/**
	 * What is wrong with an assignee: over {@value #MAX_ASSIGNEE_LENGTH} characters, or a
	 * control character such as a line break.
	 * @param assignee the assignee, stripped; empty unassigns
	 * @return the problem, or {@code null} when it is fine
	 */
	static Invalid assignee(String assignee) {
		if (length(assignee) > MAX_ASSIGNEE_LENGTH || CONTROL.matcher(assignee).find()) {
			return new Invalid("assignee", "action.error.assignee", MAX_ASSIGNEE_LENGTH);
		}
		return null;
	}

	/**
	 * What is wrong with a "resolved in" version: it is letters, digits and
	 * {@code . _ + - /}, starting with a letter or digit, up to
	 * {@value #MAX_VERSION_LENGTH} characters.
	 * @param version the version, stripped; empty for none
	 * @return the problem, or {@code null} when it is fine
	 */
	static Invalid version(String version) {
		if (!version.isEmpty() && (version.length() > MAX_VERSION_LENGTH || !VERSION.matcher(version).matches())) {
			return new Invalid("version", "action.error.version", MAX_VERSION_LENGTH);
		}
		return null;
	}

	/**
	 * Whether a note is longer than {@value #MAX_NOTE_LENGTH} characters.
	 * @param note the note
	 * @return {@code true} when it is
	 */
	static boolean tooLong(String note) {
		return length(note) > MAX_NOTE_LENGTH;
	}

	/**
	 * A text's length in characters (code points).
	 * @param text the text
	 * @return its length
	 */
	static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	/**
	 * An invalid field, with the message key and argument of what is wrong.
	 *
	 * @param field the field
	 * @param key the message key
	 * @param limit the limit the message names
	 */
	record Invalid(String field, String key, int limit) {

	}

}
