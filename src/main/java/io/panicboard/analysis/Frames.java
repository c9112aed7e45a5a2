package io.panicboard.analysis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@link Frame}s from printed function names: splits the import path, the receiver
 * and the function name.
 */
final class Frames {

	private Frames() {
	}

	static Frame of(String function, String arguments, TraceGrammar.Location location, InAppRules rules) {
		int packageEnd = packageEnd(function);
		String packagePath = (packageEnd > 0) ? unescape(function.substring(0, packageEnd)) : "";
		String name = (packageEnd > 0) ? function.substring(packageEnd + 1) : function;
		String receiver = null;
		boolean pointer = false;
		if (name.startsWith("(*")) {
			int close = name.indexOf(')');
			if (close > 2) {
				receiver = stripTypeParameters(name.substring(2, close));
				pointer = true;
			}
		}
		else {
			int dot = topLevelDot(name);
			if (dot > 0 && dot < name.length() - 1
					&& hasValueReceiver(name.substring(0, dot), name.substring(dot + 1))) {
				receiver = stripTypeParameters(name.substring(0, dot));
			}
		}
		String file = (location != null) ? location.file() : null;
		int line = (location != null) ? location.line() : 0;
		String offset = (location != null) ? location.pcOffset() : null;
		FrameOrigin origin = function.equals("panic") ? FrameOrigin.RUNTIME : rules.classify(packagePath, file);
		return new Frame(function, packagePath, receiver, pointer, name, arguments, file, line, offset, origin);
	}

	/**
	 * The import path as written in Go source. Symbol names escape the dots of the path's
	 * last element, and a few other bytes, as {@code %xx} ({@code gopkg.in/yaml%2ev3},
	 * {@code goji%2eio}), so that the first dot after the last slash ends the path.
	 */
	static String unescape(String path) {
		int percent = path.indexOf('%');
		if (percent < 0) {
			return path;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(path.length());
		byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			int high = (i + 2 < bytes.length && bytes[i] == '%') ? Character.digit(bytes[i + 1], 16) : -1;
			int low = (high >= 0) ? Character.digit(bytes[i + 2], 16) : -1;
			if (low >= 0) {
				out.write(high * 16 + low);
				i += 2;
			}
			else {
				out.write(bytes[i]);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** The first dot of a name that is not inside type parameters, or -1. */
	private static int topLevelDot(String name) {
		int depth = 0;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				depth--;
			}
			else if (c == '.' && depth == 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Whether {@code first.rest} is a method {@code T.M} (or something inside it) rather
	 * than a function's closure ({@code F.func1}, {@code F.gowrap1}), a package
	 * initialiser ({@code init.0}) or a package-level closure ({@code glob..func1}).
	 */
	private static boolean hasValueReceiver(String first, String rest) {
		if (first.equals("glob") || (first.equals("init") && TraceGrammar.isDigit(rest.charAt(0)))
				|| isClosure(first)) {
			return false;
		}
		// a method value "T.M-fm" has the receiver T
		String next = rest.substring(0, (rest.indexOf('.') < 0) ? rest.length() : rest.indexOf('.'));
		return !isClosure(rest) || next.endsWith("-fm");
	}

	/** The index of the dot that ends the import path, or -1. */
	static int packageEnd(String function) {
		int stop = function.length();
		for (int i = 0; i < function.length(); i++) {
			char c = function.charAt(i);
			if (c == '[' || c == '(') {
				stop = i;
				break;
			}
		}
		int slash = function.lastIndexOf('/', stop - 1);
		return function.indexOf('.', slash + 1);
	}

	/**
	 * Whether a name component is compiler-made: a closure ({@code func1},
	 * {@code func·001}), a {@code go}/{@code defer} wrapper ({@code gowrap1},
	 * {@code deferwrap1}) or a method value ({@code M-fm}).
	 */
	static boolean isClosure(String component) {
		String c = component;
		int dot = c.indexOf('.');
		if (dot >= 0) {
			c = c.substring(0, dot);
		}
		return c.startsWith("func") && (c.length() == 4 || TraceGrammar.isDigit(c.charAt(4)) || c.charAt(4) == '·')
				|| isWrapper(c) || c.endsWith("-fm");
	}

	static boolean isWrapper(String component) {
		return (component.startsWith("gowrap") || component.startsWith("deferwrap")) && component.length() > 6
				&& TraceGrammar.isDigit(component.charAt(component.length() - 1));
	}

	static String stripTypeParameters(String name) {
		int open = name.indexOf('[');
		return (open > 0) ? name.substring(0, open) : name;
	}

}
