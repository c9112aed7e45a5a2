package io.panicboard.analysis;

import java.util.List;

/**
 * Maps the runtime's messages to {@link Kind}s and decides whether a crash came from the
 * map implementation.
 */
final class Classifier {

	private Classifier() {
	}

	/**
	 * Classifies a panic value.
	 * @param value the panic value as printed, without {@code [recovered]}
	 * @param raisedIn the innermost real frame of the panicking goroutine, or
	 * {@code null}
	 */
	static Kind panicKind(String value, Frame raisedIn) {
		Kind common = commonKind(value);
		if (common != null) {
			return common;
		}
		if (value.startsWith("runtime error: ")) {
			return Kind.OTHER;
		}
		if (value.startsWith("interface conversion: ")) {
			return Kind.TYPE_ASSERTION;
		}
		if (value.equals("close of closed channel")) {
			return Kind.CLOSED_CHANNEL_CLOSE;
		}
		if (value.equals("send on closed channel")) {
			return Kind.CLOSED_CHANNEL_SEND;
		}
		// a panic() raised inside the standard library (sync, reflect, ...) is not the
		// application's own panic
		if (raisedIn != null && raisedIn.origin().standard()) {
			return Kind.OTHER;
		}
		return Kind.USER_PANIC;
	}

	/** Classifies the message of a {@code fatal error:}. */
	static Kind fatalKind(String message) {
		Kind common = commonKind(message);
		if (common != null) {
			return common;
		}
		if (message.equals("all goroutines are asleep - deadlock!")) {
			return Kind.DEADLOCK;
		}
		if (message.equals("stack overflow")) {
			return Kind.STACK_OVERFLOW;
		}
		if (message.equals("out of memory") || message.equals("runtime: out of memory")) {
			return Kind.OUT_OF_MEMORY;
		}
		return Kind.OTHER;
	}

	private static Kind commonKind(String message) {
		if (message.startsWith("assignment to entry in nil map")) {
			return Kind.NIL_MAP_WRITE;
		}
		if (message.startsWith("concurrent map ")) {
			if (message.startsWith("concurrent map writes")) {
				return Kind.CONCURRENT_MAP_WRITES;
			}
			if (message.startsWith("concurrent map read and map write")) {
				return Kind.CONCURRENT_MAP_READ_WRITE;
			}
			if (message.startsWith("concurrent map iteration and map write")) {
				return Kind.CONCURRENT_MAP_ITERATION_WRITE;
			}
			if (message.startsWith("concurrent map clone and map write")) {
				return Kind.CONCURRENT_MAP_CLONE_WRITE;
			}
		}
		if (message.contains("(concurrent map writes?)")) {
			return Kind.CONCURRENT_MAP_WRITES;
		}
		String m = message.startsWith("runtime error: ") ? message.substring(15) : message;
		if (m.startsWith("invalid memory address or nil pointer dereference")) {
			return Kind.NIL_POINTER_DEREFERENCE;
		}
		if (m.startsWith("index out of range")) {
			return Kind.INDEX_OUT_OF_RANGE;
		}
		if (m.startsWith("slice bounds out of range")) {
			return Kind.SLICE_BOUNDS;
		}
		if (m.equals("integer divide by zero") || m.equals("divide by zero")) {
			return Kind.DIVIDE_BY_ZERO;
		}
		return null;
	}

	/**
	 * Whether a crash came from the map implementation: its kind, an unhashable key, or a
	 * runtime map function in the crashing goroutine.
	 */
	static boolean mapRelatedCrash(Kind kind, String message, Goroutine crashing) {
		if (kind.alwaysMapRelated() || (message != null && message.contains("hash of unhashable type"))) {
			return true;
		}
		return crashing != null && anyMapFrame(crashing.frames());
	}

	static boolean anyMapFrame(List<Frame> frames) {
		for (Frame frame : frames) {
			if (isMapFunction(frame)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A function of the map implementation: {@code runtime.mapassign*},
	 * {@code runtime.mapaccess*}, {@code runtime.mapdelete*}, {@code runtime.mapiter*},
	 * {@code runtime.mapclear}, {@code runtime.mapclone*}, {@code maps.clone} (Go
	 * 1.21–1.23), the old {@code hmap} methods and anything in
	 * {@code internal/runtime/maps} (Go 1.24+ swiss maps).
	 */
	static boolean isMapFunction(Frame frame) {
		String f = frame.function();
		if (f.startsWith("runtime.map") || f.startsWith("runtime.(*hmap)") || f.startsWith("runtime.(*bmap)")
				|| f.startsWith("runtime.evacuate") || f.startsWith("runtime.hashGrow")
				|| f.startsWith("runtime.growWork") || f.startsWith("internal/runtime/maps.") || f.equals("maps.clone")
				|| f.startsWith("maps.clone[")) {
			return true;
		}
		String file = frame.file();
		return frame.origin() == FrameOrigin.RUNTIME && file != null
				&& (file.endsWith("/hashmap.go") || file.endsWith("/hashmap_fast.go"));
	}

}
