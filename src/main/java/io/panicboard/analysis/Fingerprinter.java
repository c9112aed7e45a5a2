package io.panicboard.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Computes the grouping key of a finding from parts that survive a rebuild, a redeploy
 * and a Go upgrade: the kind and the call site as function names. Goroutine ids,
 * addresses, arguments, offsets, line numbers, file paths and goroutine order never enter
 * it; see {@code docs/analysis.md}.
 */
final class Fingerprinter {

	/** Frames of a stack that define a call site. */
	static final int FRAMES = 3;

	private Fingerprinter() {
	}

	static Fingerprint crash(Kind kind, String message, List<Frame> site) {
		List<String> components = new ArrayList<>();
		components.add("kind:" + kind.id());
		List<String> frames = callSite(site);
		for (String frame : frames) {
			components.add("frame:" + frame);
		}
		if (kind == Kind.OTHER || frames.isEmpty()) {
			components.add("message:" + normalizeMessage(message));
		}
		return of(components);
	}

	static Fingerprint race(List<RaceAccess> accesses) {
		List<String> sides = new ArrayList<>();
		for (RaceAccess access : accesses) {
			String operation = access.operation().replace("atomic ", "");
			sides.add("access:" + operation + ":" + String.join("|", callSite(access.frames())));
		}
		sides.sort(null);
		List<String> components = new ArrayList<>();
		components.add("kind:" + Kind.DATA_RACE.id());
		components.addAll(sides);
		return of(components);
	}

	/**
	 * The normalised names of the innermost application frames; without any, of the
	 * innermost dependency frames; without those, of the innermost standard library
	 * frames.
	 */
	static List<String> callSite(List<Frame> frames) {
		List<String> site = pick(frames, FrameOrigin.APPLICATION);
		if (site.isEmpty()) {
			site = pick(frames, FrameOrigin.THIRD_PARTY);
		}
		if (site.isEmpty()) {
			site = pick(frames, FrameOrigin.STANDARD_LIBRARY);
		}
		return site;
	}

	private static List<String> pick(List<Frame> frames, FrameOrigin origin) {
		List<String> names = new ArrayList<>(FRAMES);
		for (Frame frame : frames) {
			if (names.size() == FRAMES) {
				break;
			}
			if (frame.origin() == origin) {
				String name = normalizeFunction(frame.function());
				if (name != null) {
					names.add(name);
				}
			}
		}
		return names;
	}

	/**
	 * Removes what differs between Go versions: type parameters ({@code [...]}, shape
	 * names), the old closure form {@code func·001} (now {@code func1}); returns
	 * {@code null} for the {@code gowrapN}/{@code deferwrapN} wrappers that Go 1.22
	 * added.
	 */
	static String normalizeFunction(String function) {
		StringBuilder out = new StringBuilder(function.length());
		int depth = 0;
		for (int i = 0; i < function.length(); i++) {
			char c = function.charAt(i);
			if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				depth = Math.max(0, depth - 1);
			}
			else if (depth == 0) {
				out.append(c);
			}
		}
		String name = out.toString();
		int middle = name.indexOf("func·");
		if (middle >= 0) {
			int j = middle + 5;
			int k = j;
			while (k < name.length() && TraceGrammar.isDigit(name.charAt(k))) {
				k++;
			}
			long n = TraceGrammar.parseLongOr(name.substring(j, k), 0);
			name = name.substring(0, middle) + "func" + n + name.substring(k);
		}
		int lastDot = name.lastIndexOf('.');
		if (lastDot >= 0 && Frames.isWrapper(name.substring(lastDot + 1))) {
			return null;
		}
		return name;
	}

	/** Replaces numbers and addresses, which change from run to run. */
	static String normalizeMessage(String message) {
		if (message == null) {
			return "";
		}
		String m = message.length() > 512 ? message.substring(0, 512) : message;
		StringBuilder out = new StringBuilder(m.length());
		int i = 0;
		while (i < m.length()) {
			char c = m.charAt(i);
			if (c == '0' && i + 1 < m.length() && m.charAt(i + 1) == 'x') {
				int j = i + 2;
				while (j < m.length() && TraceGrammar.isHex(m, j, j + 1)) {
					j++;
				}
				out.append("0x?");
				i = j;
			}
			else if (TraceGrammar.isDigit(c)) {
				while (i < m.length() && TraceGrammar.isDigit(m.charAt(i))) {
					i++;
				}
				out.append('#');
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	private static Fingerprint of(List<String> components) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] digest = sha.digest(String.join("\n", components).getBytes(StandardCharsets.UTF_8));
			return new Fingerprint(HexFormat.of().formatHex(digest, 0, 16), components);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
