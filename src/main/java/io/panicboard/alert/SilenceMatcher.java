package io.panicboard.alert;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One matcher of a silence, as in Alertmanager: a label name, an operator ({@code =},
 * {@code !=}, {@code =~}, {@code !~}) and a value. A label the alert lacks counts as the
 * empty string; regular expressions are anchored at both ends. Stored in
 * {@code silence.matchers} as {@code {"name":…,"op":…,"value":…}}.
 *
 * @param name the label name
 * @param op the operator
 * @param value the value or regular expression
 */
record SilenceMatcher(String name, String op, String value) {

	static final java.util.List<String> OPERATORS = java.util.List.of("=", "!=", "=~", "!~");

	private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	/**
	 * Whether an alert with these labels matches.
	 * @param labels the alert's labels
	 * @return {@code true} when it matches
	 */
	boolean matches(Map<String, String> labels) {
		return matchesValue(labels.getOrDefault(this.name, ""));
	}

	boolean matchesValue(String actual) {
		return switch (this.op) {
			case "=" -> this.value.equals(actual);
			case "!=" -> !this.value.equals(actual);
			case "=~" -> Pattern.compile(this.value).matcher(actual).matches();
			case "!~" -> !Pattern.compile(this.value).matcher(actual).matches();
			default -> false;
		};
	}

	/**
	 * What is wrong with this matcher, as the suffix of a message key.
	 * @return {@code name}, {@code op} or {@code regex}, or {@code null} when valid
	 */
	String problem() {
		if (this.name == null || !LABEL_NAME.matcher(this.name).matches()) {
			return "name";
		}
		if (!OPERATORS.contains(this.op)) {
			return "op";
		}
		if (this.op.endsWith("~")) {
			try {
				Pattern.compile(this.value);
			}
			catch (PatternSyntaxException ex) {
				return "regex";
			}
		}
		return null;
	}

	/**
	 * The matcher as shown, e.g. {@code service="api"}.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.name + this.op + "\"" + this.value + "\"";
	}

}
