package io.panicboard.analysis;

/**
 * Removes terminal escape sequences from a line: the colours of logrus, zap and docker
 * compose ({@code ESC [ 31 m}), other control sequences ({@code ESC [ … final byte}),
 * hyperlinks and titles ({@code ESC ] … BEL} or {@code ESC ] … ESC \}) and two- or
 * three-byte escapes ({@code ESC ( B}). A line without {@code ESC} costs one
 * {@link String#indexOf(int)}.
 */
final class TerminalCodes {

	private static final char ESC = '\u001b';

	private static final char BEL = '\u0007';

	private TerminalCodes() {
	}

	/**
	 * Removes the escape sequences of a line.
	 * @param line a line
	 * @return the line without them, the same instance when it has none
	 */
	static String strip(String line) {
		int esc = line.indexOf(ESC);
		if (esc < 0) {
			return line;
		}
		StringBuilder out = new StringBuilder(line.length());
		int from = 0;
		while (esc >= 0) {
			out.append(line, from, esc);
			from = sequenceEnd(line, esc);
			esc = line.indexOf(ESC, from);
		}
		return out.append(line, from, line.length()).toString();
	}

	/**
	 * The end of the sequence at {@code esc}. A broken control sequence loses its
	 * introducer and parameters; a string sequence ({@code ESC ]}) without its terminator
	 * runs to the end of the line, as a terminal would read it.
	 */
	private static int sequenceEnd(String s, int esc) {
		int n = s.length();
		if (esc + 1 == n) {
			return n;
		}
		char kind = s.charAt(esc + 1);
		if (kind == '[') {
			// parameter and intermediate bytes 0x20–0x3F, then a final byte 0x40–0x7E
			int i = esc + 2;
			while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3F) {
				i++;
			}
			return (i < n && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7E) ? i + 1 : i;
		}
		if (kind == ']') {
			for (int i = esc + 2; i < n; i++) {
				char c = s.charAt(i);
				if (c == BEL) {
					return i + 1;
				}
				if (c == ESC) {
					// ST, or the start of another sequence, which ends this one
					return (i + 1 < n && s.charAt(i + 1) == '\\') ? i + 2 : i;
				}
			}
			return n;
		}
		// intermediate bytes 0x20–0x2F, then a final byte 0x30–0x7E
		int i = esc + 1;
		while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) {
			i++;
		}
		return (i < n && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7E) ? i + 1 : esc + 1;
	}

}
