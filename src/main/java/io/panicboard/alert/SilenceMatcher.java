package io.panicboard.alert;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One matcher of a silence, as in Alertmanager: a label name, a value and an operator
 * ({@code =}, {@code !=}, {@code =~}, {@code !~}; regular expressions match the whole
 * value). A label the alert does not have has the empty value.
 *
 * @param name the label name
 * @param value the value or regular expression
 * @param op the operator
 */
public record SilenceMatcher(String name, String value, String op) {

	/** The operators. */
	public static final java.util.List<String> OPS = java.util.List.of("=", "!=", "=~", "!~");

	/**
	 * Whether an alert's labels satisfy this matcher.
	 * @param labels the labels
	 * @return whether it matches
	 */
	public boolean matches(Map<String, String> labels) {
		String actual = labels.getOrDefault(this.name, "");
		return switch (this.op) {
			case "=" -> actual.equals(this.value);
			case "!=" -> !actual.equals(this.value);
			case "=~" -> pattern().matcher(actual).matches();
			case "!~" -> !pattern().matcher(actual).matches();
			default -> false;
		};
	}

	/**
	 * Whether the value is a valid regular expression (for the regex operators).
	 * @return {@code null} when valid, else the reason
	 */
	String invalidPattern() {
		if (!this.op.startsWith("=~") && !this.op.startsWith("!~")) {
			return null;
		}
		try {
			pattern();
			return null;
		}
		catch (PatternSyntaxException ex) {
			return ex.getDescription();
		}
	}

	private Pattern pattern() {
		return Pattern.compile(this.value);
	}

}
