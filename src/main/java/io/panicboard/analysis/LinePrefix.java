package io.panicboard.analysis;

/**
 * The prefix a log system put in front of every line of a trace (journald, docker
 * compose, CI timestamps, a log viewer's date), learned from the line where the trace was
 * found. A line carries the prefix when it starts with the same text, where digit runs
 * may differ (timestamps, pids) and runs of spaces may differ in length.
 */
final class LinePrefix {

	static final LinePrefix NONE = new LinePrefix("", (char) 0);

	private final String prefix;

	private final String trimmed;

	private final char suffix;

	private LinePrefix(String prefix, char suffix) {
		this.prefix = prefix;
		this.trimmed = prefix.stripTrailing();
		this.suffix = suffix;
	}

	/**
	 * Learns the prefix and suffix from the line holding an anchor.
	 * @param prefix the text before the anchor
	 * @param rest the text from the anchor on
	 */
	static LinePrefix of(String prefix, String rest) {
		char suffix = suffixMarker(rest);
		return (prefix.isEmpty() && suffix == 0) ? NONE : new LinePrefix(prefix, suffix);
	}

	private static char suffixMarker(String rest) {
		String t = rest.stripTrailing();
		int n = t.length();
		if (n < 4) {
			return 0;
		}
		char last = t.charAt(n - 1);
		boolean marker = last == '-' || last == '|';
		return (marker && t.charAt(n - 2) == ' ' && t.charAt(n - 3) == ' ') ? last : 0;
	}

	private String dropSuffix(String content) {
		if (this.suffix == 0) {
			return content;
		}
		String t = content.stripTrailing();
		if (!t.isEmpty() && t.charAt(t.length() - 1) == this.suffix
				&& (t.length() == 1 || t.charAt(t.length() - 2) == ' ')) {
			return t.substring(0, t.length() - 1).stripTrailing();
		}
		return content;
	}

	boolean isEmpty() {
		return this.prefix.isEmpty();
	}

	/**
	 * Removes the prefix.
	 * @param line an unwrapped line
	 * @return the content after the prefix, or {@code null} when the line does not carry
	 * it
	 */
	String strip(String line) {
		if (this.prefix.isEmpty()) {
			return dropSuffix(line);
		}
		if (line.startsWith(this.prefix)) {
			return dropSuffix(line.substring(this.prefix.length()));
		}
		int end = shapeMatch(line, this.prefix);
		if (end >= 0) {
			return dropSuffix(line.substring(end));
		}
		if (line.stripTrailing().length() <= this.trimmed.length()
				&& shapeMatch(line.stripTrailing(), this.trimmed) >= 0) {
			return "";
		}
		return null;
	}

	/** Matches {@code pattern} at the start of {@code line}; returns the end, or -1. */
	private static int shapeMatch(String line, String pattern) {
		int i = 0;
		int j = 0;
		while (i < pattern.length()) {
			if (j >= line.length()) {
				return -1;
			}
			char p = pattern.charAt(i);
			char c = line.charAt(j);
			if (isDigit(p)) {
				if (!isDigit(c)) {
					return -1;
				}
				i = skipDigits(pattern, i);
				j = skipDigits(line, j);
			}
			else if (p == ' ') {
				if (c != ' ') {
					return -1;
				}
				i = skipSpaces(pattern, i);
				j = skipSpaces(line, j);
				if (i == pattern.length()) {
					return (j <= line.length()) ? Math.min(j, line.length()) : -1;
				}
			}
			else if (p == c) {
				i++;
				j++;
			}
			else {
				return -1;
			}
		}
		return j;
	}

	private static int skipDigits(String s, int from) {
		int i = from;
		while (i < s.length() && isDigit(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipSpaces(String s, int from) {
		int i = from;
		while (i < s.length() && s.charAt(i) == ' ') {
			i++;
		}
		return i;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
