package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The closure the compiler makes for a go statement with arguments ({@code go s.write(1)}
 * runs a closure that calls {@code s.write(1)}). Go 1.22+ names it {@code F.gowrapN};
 * before, it was named like any closure of {@code F} ({@code F.funcN}, {@code F.func1.N}
 * inside a closure). The runtime prints it only at {@code GOTRACEBACK=system} and above,
 * race reports always; so that a crash groups with itself at every traceback level and
 * across a Go upgrade, it is left out where the call site is read. It is told from a
 * closure the program wrote by where it is: the outermost frame of the goroutine, below a
 * frame outside the runtime (what it called), named as a closure of the function that
 * created the goroutine and at that function's go statement (the {@code created by}
 * location). A one-line {@code go func() { s.write(1) }()} looks the same and is left out
 * too, at every level and in every version.
 */
final class GoStatementWrapper {

	private GoStatementWrapper() {
	}

	/**
	 * The frames without the go statement's closure.
	 * @param frames a goroutine's frames, innermost first
	 * @param creator the {@code created by} frame of a goroutine, or the innermost frame
	 * of a race report's {@code created at} stack; may be {@code null}
	 * @return {@code frames}, or a copy without the closure
	 */
	static List<Frame> without(List<Frame> frames, Frame creator) {
		if (creator == null || creator.file() == null) {
			return frames;
		}
		int last = frames.size() - 1;
		while (last > 0 && frames.get(last).origin() == FrameOrigin.RUNTIME) {
			last--;
		}
		if (last <= 0 || !wraps(frames.get(last), creator) || !calls(frames, last)) {
			return frames;
		}
		List<Frame> out = new ArrayList<>(frames);
		out.remove(last);
		return out;
	}

	private static boolean wraps(Frame frame, Frame creator) {
		String function = frame.function();
		String parent = creator.function();
		if (!function.startsWith(parent) || function.length() <= parent.length() + 1
				|| function.charAt(parent.length()) != '.') {
			return false;
		}
		String closure = function.substring(parent.length() + 1);
		int digits = closure.startsWith("func") ? 4 : 0;
		if (digits == closure.length()) {
			return false;
		}
		for (int i = digits; i < closure.length(); i++) {
			if (!TraceGrammar.isDigit(closure.charAt(i))) {
				return false;
			}
		}
		return creator.file().equals(frame.file()) && creator.line() == frame.line();
	}

	/** Whether a frame outside the runtime is above the closure: what it called. */
	private static boolean calls(List<Frame> frames, int closure) {
		for (int i = 0; i < closure; i++) {
			if (frames.get(i).origin() != FrameOrigin.RUNTIME) {
				return true;
			}
		}
		return false;
	}

}
