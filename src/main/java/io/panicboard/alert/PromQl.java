package io.panicboard.alert;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pieces of PromQL that the rule file writes: label matchers with correctly quoted
 * values, durations and numbers.
 */
final class PromQl {

	private static final String REGEX_SPECIALS = "\\.+*?()|[]{}^$";

	private PromQl() {
	}

	/**
	 * A label matcher that matches any of the values exactly: {@code name="v"} for one
	 * value, {@code name=~"v1|v2"} with the values' regular expression characters escaped
	 * for several.
	 * @param name the label name
	 * @param values the values, at least one
	 * @return the matcher
	 */
	static String matcher(String name, List<String> values) {
		if (values.size() == 1) {
			return name + "=" + string(values.get(0));
		}
		return name + "=~" + string(values.stream().map(PromQl::quoteRegex).collect(Collectors.joining("|")));
	}

	/**
	 * Escapes the RE2 metacharacters of a literal, so that it matches only itself.
	 * @param literal the text
	 * @return the regular expression
	 */
	static String quoteRegex(String literal) {
		StringBuilder regex = new StringBuilder(literal.length() + 8);
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (REGEX_SPECIALS.indexOf(c) >= 0) {
				regex.append('\\');
			}
			regex.append(c);
		}
		return regex.toString();
	}

	/**
	 * A PromQL string literal in double quotes (Go's escapes).
	 * @param value the value
	 * @return the quoted literal
	 */
	static String string(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> quoted.append("\\\\");
				case '"' -> quoted.append("\\\"");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						quoted.append(String.format("\\x%02x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * A Prometheus duration: {@code 0s}, {@code 90s} as {@code 1m30s}, {@code 3600} as
	 * {@code 1h}, days as {@code d}.
	 * @param seconds the duration in seconds, at least 0
	 * @return the duration
	 */
	static String duration(long seconds) {
		if (seconds <= 0) {
			return "0s";
		}
		StringBuilder duration = new StringBuilder();
		long rest = seconds;
		long[] units = { 86400, 3600, 60, 1 };
		String[] names = { "d", "h", "m", "s" };
		for (int i = 0; i < units.length; i++) {
			if (rest >= units[i]) {
				duration.append(rest / units[i]).append(names[i]);
				rest %= units[i];
			}
		}
		return duration.toString();
	}

	/**
	 * A number as PromQL reads it, without a needless fraction: {@code 3}, {@code 0.5},
	 * {@code 536870912}.
	 * @param value a finite number
	 * @return the literal
	 */
	static String number(double value) {
		return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
	}

}
