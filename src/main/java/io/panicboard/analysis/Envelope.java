package io.panicboard.analysis;

/**
 * Removes what a log collector wrapped around each line: Docker's json-file records
 * ({@code {"log":"…\n","stream":"stderr","time":"…"}}) and Kubernetes CRI lines
 * ({@code 2026-11-20T10:00:00.123456789Z stderr F …}), joining the partial ({@code P})
 * pieces of a CRI line and the unterminated pieces of a Docker record.
 */
final class Envelope {

	private static final String DOCKER_START = "{\"log\":\"";

	private final StringBuilder partial = new StringBuilder();

	private boolean inPartial;

	/**
	 * Unwraps one raw line.
	 * @param raw the raw line
	 * @return the logical line, or {@code null} when the line was only the first part of
	 * one
	 */
	String unwrap(String raw) {
		if (raw.startsWith(DOCKER_START)) {
			return docker(raw);
		}
		int cri = criPayloadStart(raw);
		if (cri > 0) {
			String payload = raw.substring(cri);
			return join(payload, raw.charAt(cri - 2) == 'P');
		}
		return flush(raw);
	}

	private String docker(String raw) {
		StringBuilder out = new StringBuilder(raw.length());
		int i = DOCKER_START.length();
		boolean closed = false;
		while (i < raw.length()) {
			char c = raw.charAt(i);
			if (c == '"') {
				closed = true;
				break;
			}
			if (c == '\\' && i + 1 < raw.length()) {
				i = unescape(raw, i + 1, out);
				continue;
			}
			out.append(c);
			i++;
		}
		if (!closed) {
			return flush(raw);
		}
		boolean complete = out.length() > 0 && out.charAt(out.length() - 1) == '\n';
		if (complete) {
			out.setLength(out.length() - 1);
			if (out.length() > 0 && out.charAt(out.length() - 1) == '\r') {
				out.setLength(out.length() - 1);
			}
		}
		return join(out.toString(), !complete);
	}

	private static int unescape(String raw, int at, StringBuilder out) {
		char e = raw.charAt(at);
		switch (e) {
			case 'n' -> out.append('\n');
			case 't' -> out.append('\t');
			case 'r' -> out.append('\r');
			case 'b' -> out.append('\b');
			case 'f' -> out.append('\f');
			case 'u' -> {
				if (at + 5 <= raw.length()) {
					try {
						char c = (char) Integer.parseInt(raw, at + 1, at + 5, 16);
						out.append((c == 0) ? '\uFFFD' : c);
						return at + 5;
					}
					catch (NumberFormatException ex) {
						out.append('\uFFFD');
						return at + 1;
					}
				}
				out.append('\uFFFD');
			}
			default -> out.append(e);
		}
		return at + 1;
	}

	private String join(String piece, boolean isPartial) {
		if (isPartial) {
			if (this.partial.length() < 1 << 20) {
				this.partial.append(piece);
			}
			this.inPartial = true;
			return null;
		}
		if (this.inPartial) {
			this.partial.append(piece);
			String joined = this.partial.toString();
			this.partial.setLength(0);
			this.inPartial = false;
			return joined;
		}
		return piece;
	}

	private String flush(String raw) {
		if (this.inPartial) {
			return join(raw, false);
		}
		return raw;
	}

	/**
	 * The index of the payload of a CRI line ({@code <RFC 3339 time> <stream> <P|F> }),
	 * or -1.
	 */
	static int criPayloadStart(String raw) {
		int n = raw.length();
		if (n < 24 || !isDigit(raw.charAt(0)) || !isDigit(raw.charAt(3)) || raw.charAt(4) != '-'
				|| raw.charAt(10) != 'T') {
			return -1;
		}
		int space = raw.indexOf(' ', 11);
		if (space < 0 || space > 40) {
			return -1;
		}
		int stream = space + 1;
		if (!(raw.startsWith("stdout ", stream) || raw.startsWith("stderr ", stream))) {
			return -1;
		}
		int tag = stream + 7;
		if (tag + 1 >= n + 1 || tag >= n) {
			return -1;
		}
		char t = raw.charAt(tag);
		if ((t != 'P' && t != 'F') || (tag + 1 < n && raw.charAt(tag + 1) != ' ')) {
			return -1;
		}
		return Math.min(tag + 2, n);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
