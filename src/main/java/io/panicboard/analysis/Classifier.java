package io.panicboard.analysis;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
		if (nilValueReceiver(value)) {
			return Kind.NIL_POINTER_DEREFERENCE;
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

	/**
	 * The runtime's panic for a value method called through a nil pointer
	 * ({@code runtime.panicwrap}), e.g.
	 * {@code value method main.Point.X called using nil *Point pointer}. Its frames show
	 * no runtime function unless {@code GOTRACEBACK=system}, so it is told by its text.
	 */
	private static boolean nilValueReceiver(String value) {
		return value.startsWith("value method ") && value.endsWith(" pointer") && value.contains(" called using nil *");
	}

	/** Classifies the message of a {@code fatal error:}. */
	static Kind fatalKind(String message) {
		Kind common = commonKind(message);
		if (common != null) {
			return common;
		}
		// both of the scheduler's deadlock checks (runtime.checkdead)
		if (message.equals("all goroutines are asleep - deadlock!")
				|| message.equals("no goroutines (main called runtime.Goexit) - deadlock!")) {
			return Kind.DEADLOCK;
		}
		if (message.equals("stack overflow")) {
			return Kind.STACK_OVERFLOW;
		}
		if (outOfMemory(message)) {
			return Kind.OUT_OF_MEMORY;
		}
		return Kind.OTHER;
	}

	/**
	 * The runtime's throws when the operating system refuses it memory: for the heap
	 * ({@code out of memory}, {@code runtime: out of memory}) or for its own structures
	 * ({@code out of memory allocating heap arena map}, {@code pageAlloc: out of memory},
	 * {@code runtime: cannot allocate memory}). A runtime that cannot even reserve its
	 * address space at start ({@code failed to reserve page summary memory}, a limit set
	 * too low) stays {@code other}, as the corpus labels it.
	 */
	private static boolean outOfMemory(String message) {
		return message.contains("out of memory") || message.equals("runtime: cannot allocate memory");
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

	/** What a fatal error's runtime frames tell when its message line is missing. */
	record Inferred(Kind kind, String message) {
	}

	/**
	 * Infers a fatal error from its frames alone. The Go runtime writes the
	 * {@code fatal error: ...} line of an unrecoverable error to standard error only: the
	 * file that {@code runtime/debug.SetCrashOutput} (Go 1.23+) names gets the goroutines
	 * without it. When the traceback shows runtime frames ({@code GOTRACEBACK=system}, or
	 * {@code internal/runtime/maps.fatal} of Go 1.24+), the stack starts in
	 * {@code runtime.fatal} or {@code runtime.throw}, and the function that called it
	 * says which error it raised; the message is then the one the runtime prints there.
	 * @param frames the first goroutine's, or the {@code runtime stack:} section's,
	 * frames
	 * @return the kind and message, or {@code null} when the stack does not start in the
	 * runtime's fatal error functions
	 */
	static Inferred fatalFromFrames(List<Frame> frames) {
		int i = 0;
		while (i < frames.size() && FATAL_FUNCTIONS.contains(frames.get(i).function())) {
			i++;
		}
		if (i == 0) {
			return null;
		}
		String caller = (i < frames.size()) ? frames.get(i).function() : "";
		Kind kind = calledFatal(caller);
		if (kind != null) {
			return new Inferred(kind, FATAL_MESSAGES.get(kind));
		}
		boolean maps = frames.get(i - 1).function().equals("internal/runtime/maps.fatal");
		return new Inferred(Kind.OTHER, maps ? UNKNOWN_MAP_FATAL : UNKNOWN_FATAL);
	}

	/**
	 * The message of a fatal error inferred from the frames of the map implementation
	 * that do not say which access it was (Go 1.24+ without {@code GOTRACEBACK=system}).
	 */
	static final String UNKNOWN_MAP_FATAL = "concurrent map access (the runtime wrote which one to standard error only)";

	/** The message of a fatal error whose frames do not say which one it was. */
	static final String UNKNOWN_FATAL = "fatal error (the runtime wrote its message to standard error only)";

	private static final Set<String> FATAL_FUNCTIONS = Set.of("runtime.fatal", "runtime.throw", "runtime.fatalthrow",
			"internal/runtime/maps.fatal");

	private static final Map<Kind, String> FATAL_MESSAGES = Map.of(Kind.CONCURRENT_MAP_WRITES, "concurrent map writes",
			Kind.CONCURRENT_MAP_READ_WRITE, "concurrent map read and map write", Kind.CONCURRENT_MAP_ITERATION_WRITE,
			"concurrent map iteration and map write", Kind.CONCURRENT_MAP_CLONE_WRITE,
			"concurrent map clone and map write", Kind.DEADLOCK, "all goroutines are asleep - deadlock!",
			Kind.STACK_OVERFLOW, "stack overflow");

	/**
	 * The error that a function calling {@code runtime.fatal} or {@code throw} raises.
	 */
	private static Kind calledFatal(String f) {
		if (f.startsWith("runtime.mapassign") || f.startsWith("runtime.mapdelete")
				|| f.startsWith("runtime.mapclear")) {
			return Kind.CONCURRENT_MAP_WRITES;
		}
		if (f.startsWith("runtime.mapaccess")) {
			return Kind.CONCURRENT_MAP_READ_WRITE;
		}
		if (f.startsWith("runtime.mapiter")) {
			return Kind.CONCURRENT_MAP_ITERATION_WRITE;
		}
		if (f.startsWith("runtime.mapclone") || f.equals("maps.clone") || f.startsWith("maps.clone[")) {
			return Kind.CONCURRENT_MAP_CLONE_WRITE;
		}
		if (f.startsWith("internal/runtime/maps.")) {
			// Go 1.24+ swiss maps: (*Map).PutSlot, (*Map).Delete, (*Map).Clear,
			// (*Map).getWithKey, (*Iter).Next, (*Map).Clone
			String method = f.substring(f.lastIndexOf('.') + 1);
			if (f.contains("(*Iter).")) {
				return Kind.CONCURRENT_MAP_ITERATION_WRITE;
			}
			if (method.startsWith("Put") || method.startsWith("put") || method.startsWith("Delete")
					|| method.startsWith("Clear")) {
				return Kind.CONCURRENT_MAP_WRITES;
			}
			if (method.startsWith("Get") || method.startsWith("get")) {
				return Kind.CONCURRENT_MAP_READ_WRITE;
			}
			if (method.startsWith("Clone")) {
				return Kind.CONCURRENT_MAP_CLONE_WRITE;
			}
			return null;
		}
		if (f.equals("runtime.checkdead")) {
			return Kind.DEADLOCK;
		}
		if (f.equals("runtime.newstack")) {
			return Kind.STACK_OVERFLOW;
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
