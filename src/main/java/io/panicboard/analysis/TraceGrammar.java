package io.panicboard.analysis;

/**
 * Recognises the lines of a Go traceback by their content, not their indentation (pastes
 * replace the runtime's tab with spaces or drop it). Hand-written scanners: no regular
 * expression, every method linear in the line length.
 */
final class TraceGrammar {

	private TraceGrammar() {
	}

	/** {@code goroutine 1 [running]:} and its variants. */
	record GoroutineHeader(long id, String state, int waitMinutes, boolean lockedToThread) {
	}

	/** A function line: name and argument text. */
	record Call(String function, String arguments) {
	}

	/** A file line under a function line. */
	record Location(String file, int line, String pcOffset) {
	}

	/** {@code created by F [in goroutine N]}. */
	record CreatedBy(String function, Long goroutine) {
	}

	/**
	 * Parses a goroutine header: {@code goroutine N [state, N minutes, locked to
	 * thread]:} or {@code goroutine N gp=0x.. m=N mp=0x.. [state]:} (Go 1.22+).
	 */
	static GoroutineHeader goroutineHeader(String t) {
		if (!t.startsWith("goroutine ")) {
			return null;
		}
		int i = 10;
		int digitsStart = i;
		while (i < t.length() && isDigit(t.charAt(i))) {
			i++;
		}
		if (i == digitsStart || i - digitsStart > 19 || !t.endsWith("]:")) {
			return null;
		}
		int open = t.indexOf('[', i);
		if (open < 0 || open > t.length() - 2) {
			return null;
		}
		String between = t.substring(i, open).trim();
		if (!between.isEmpty() && !between.startsWith("gp=")) {
			return null;
		}
		long id = Long.parseLong(t, digitsStart, i, 10);
		return header(id, t.substring(open + 1, t.length() - 2));
	}

	/** The bracketed part of a goroutine header, e.g. {@code chan send, 7 minutes}. */
	static GoroutineHeader header(long id, String inside) {
		String state = inside;
		int minutes = 0;
		boolean locked = false;
		int comma = inside.indexOf(", ");
		if (comma >= 0) {
			state = inside.substring(0, comma);
			for (String part : inside.substring(comma + 2).split(", ")) {
				if (part.equals("locked to thread")) {
					locked = true;
				}
				else if (part.endsWith(" minutes") || part.endsWith(" minute")) {
					minutes = parseIntOr(part.substring(0, part.indexOf(' ')), 0);
				}
			}
		}
		return new GoroutineHeader(id, state, minutes, locked);
	}

	/**
	 * Parses a function line such as {@code main.(*Index).Add(0xc000010000, {0x4a,
	 * 0x3})}, {@code maps.Clone[...](...)} or a race stack's {@code main.add()}.
	 */
	static Call call(String t) {
		int n = t.length();
		if (n < 3 || t.charAt(n - 1) != ')') {
			return null;
		}
		int depth = 0;
		int open = -1;
		for (int i = n - 1; i >= 0; i--) {
			char c = t.charAt(i);
			if (c == ')') {
				depth++;
			}
			else if (c == '(') {
				depth--;
				if (depth == 0) {
					open = i;
					break;
				}
			}
		}
		if (open <= 0) {
			return null;
		}
		String function = t.substring(0, open);
		if (!looksLikeFunction(function)) {
			return null;
		}
		return new Call(function, t.substring(open + 1, n - 1));
	}

	/**
	 * Parses a function line that was cut at the line limit inside its argument list,
	 * such as {@code main.f(0x1, 0x1, 0x}: the name is at the start of the line and was
	 * read whole.
	 */
	static Call cutCall(String t) {
		int brackets = 0;
		for (int i = 0; i < t.length(); i++) {
			char c = t.charAt(i);
			if (c == '[') {
				brackets++;
			}
			else if (c == ']') {
				brackets--;
			}
			else if (brackets == 0 && c == ' ') {
				return null;
			}
			// "pkg.(*T).M(" : the receiver's parenthesis follows a dot
			else if (brackets == 0 && c == '(' && i > 0 && t.charAt(i - 1) != '.') {
				String function = t.substring(0, i);
				return looksLikeFunction(function) ? new Call(function, t.substring(i + 1)) : null;
			}
		}
		return null;
	}

	private static boolean looksLikeFunction(String f) {
		if (f.equals("panic")) {
			return true;
		}
		boolean dot = false;
		for (int i = 0; i < f.length(); i++) {
			char c = f.charAt(i);
			if (c == '.') {
				dot = true;
			}
			else if (c == ' ' || c == '\t' || c == '"' || c == '=' || c == ':' || c == ',' && !insideBrackets(f, i)) {
				return false;
			}
		}
		return dot && f.charAt(0) != '.' && f.charAt(0) != '(';
	}

	private static boolean insideBrackets(String f, int at) {
		int depth = 0;
		for (int i = 0; i < at; i++) {
			char c = f.charAt(i);
			if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				depth--;
			}
		}
		return depth > 0;
	}

	/**
	 * Parses a file line: {@code /src/main.go:21 +0x9b}, optionally followed by
	 * {@code fp=0x.. sp=0x.. pc=0x..}.
	 */
	static Location location(String t) {
		String s = t;
		int fp = s.indexOf(" fp=0x");
		if (fp > 0) {
			s = s.substring(0, fp);
		}
		String offset = null;
		int plus = s.lastIndexOf(" +0x");
		if (plus > 0 && isHex(s, plus + 4, s.length())) {
			offset = s.substring(plus + 2);
			s = s.substring(0, plus);
		}
		int colon = s.lastIndexOf(':');
		if (colon <= 0 || colon == s.length() - 1) {
			return null;
		}
		for (int i = colon + 1; i < s.length(); i++) {
			if (!isDigit(s.charAt(i))) {
				return null;
			}
		}
		String file = s.substring(0, colon);
		if (!(file.contains("/") || file.contains("\\") || file.endsWith(".go") || file.endsWith(".s")
				|| file.equals("?") || file.startsWith("<"))) {
			return null;
		}
		if (s.length() - colon - 1 > 9) {
			return null;
		}
		return new Location(file, Integer.parseInt(s, colon + 1, s.length(), 10), offset);
	}

	/** Parses {@code created by F} and {@code created by F in goroutine N}. */
	static CreatedBy createdBy(String t) {
		if (!t.startsWith("created by ")) {
			return null;
		}
		String rest = t.substring(11);
		Long parent = null;
		int in = rest.lastIndexOf(" in goroutine ");
		if (in > 0) {
			long id = parseLongOr(rest.substring(in + 14), -1);
			if (id >= 0) {
				parent = id;
				rest = rest.substring(0, in);
			}
		}
		return new CreatedBy(rest.trim(), parent);
	}

	/**
	 * The count of {@code ...N frames elided...}; -1 for
	 * {@code ...additional frames elided...}; {@code null} for other lines.
	 */
	static Long elided(String t) {
		if (t.equals("...additional frames elided...")) {
			return -1L;
		}
		if (t.startsWith("...") && t.endsWith(" frames elided...")) {
			return parseLongOr(t.substring(3, t.length() - 17), -1);
		}
		return null;
	}

	/**
	 * {@code [originating from goroutine N]:}, which starts the stack of an ancestor
	 * goroutine ({@code GODEBUG=tracebackancestors=N}).
	 */
	static boolean ancestor(String t) {
		return t.startsWith("[originating from goroutine ") && t.endsWith("]:");
	}

	/** A register dump line such as {@code rax    0x0} or {@code r10    0x7ffd}. */
	static boolean register(String t) {
		int i = 0;
		while (i < t.length() && i < 8 && isRegisterChar(t.charAt(i))) {
			i++;
		}
		if (i == 0 || i >= t.length() || t.charAt(i) != ' ') {
			return false;
		}
		while (i < t.length() && t.charAt(i) == ' ') {
			i++;
		}
		return t.startsWith("0x", i) && isHex(t, i + 2, t.length());
	}

	private static boolean isRegisterChar(char c) {
		return (c >= 'a' && c <= 'z') || isDigit(c);
	}

	/** {@code SIGQUIT: quit}, {@code SIGABRT: abort} and the like. */
	static boolean signalDumpHeader(String t) {
		if (!t.startsWith("SIG")) {
			return false;
		}
		int colon = t.indexOf(": ");
		if (colon < 4) {
			return false;
		}
		for (int i = 3; i < colon; i++) {
			char c = t.charAt(i);
			if (c < 'A' || c > 'Z') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Lines the runtime prints before the header of a crash: {@code runtime: ...}
	 * details, {@code unexpected fault address 0x...}, {@code unexpected signal ...},
	 * {@code signal arrived during cgo execution} and the {@code PC=} line of a signal
	 * dump.
	 */
	static boolean preamble(String t) {
		return t.startsWith("runtime: ") || t.startsWith("unexpected fault address ")
				|| t.startsWith("unexpected signal") || t.startsWith("signal arrived during ") || pcLine(t);
	}

	/**
	 * The first line of a new stack overflow or out-of-memory report, which ends the
	 * traceback before it.
	 */
	static boolean startsFatalPreamble(String t) {
		return t.startsWith("runtime: goroutine stack exceeds ") || t.startsWith("runtime: out of memory");
	}

	/**
	 * A line of a stack memory dump: {@code 0x000000c000045f08:  0x0000000000000000 ...}.
	 */
	static boolean memoryDump(String t) {
		int colon = t.indexOf(':');
		return t.startsWith("0x") && colon > 2 && isHex(t, 2, colon) && t.startsWith("  0x", colon + 1);
	}

	/** {@code PC=0x40268e m=0 sigcode=0}. */
	static boolean pcLine(String t) {
		return t.startsWith("PC=0x") && t.contains(" m=");
	}

	static boolean isHex(String s, int from, int to) {
		if (from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				return false;
			}
		}
		return true;
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static int parseIntOr(String s, int fallback) {
		long v = parseLongOr(s, fallback);
		return (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) ? fallback : (int) v;
	}

	static long parseLongOr(String s, long fallback) {
		String t = s.trim();
		if (t.isEmpty() || t.length() > 18) {
			return fallback;
		}
		for (int i = 0; i < t.length(); i++) {
			if (!isDigit(t.charAt(i))) {
				return fallback;
			}
		}
		return Long.parseLong(t);
	}

}
