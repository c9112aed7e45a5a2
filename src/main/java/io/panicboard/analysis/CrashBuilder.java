package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a panic or fatal-error finding from the lines of a traceback: the header (panic
 * chain, fatal message, signal, runtime detail lines), goroutine blocks with their
 * frames, {@code runtime stack:} sections and register dumps.
 */
final class CrashBuilder implements RecordBuilder {

	private static final int MAX_PANIC_CONTINUATION_LINES = 50;

	/** Panics kept in one chain; a longer run of panic lines starts a new record. */
	private static final int MAX_PANIC_CHAIN = 64;

	private enum Phase {

		HEADER, GOROUTINES, SYSTEM_STACK, REGISTERS

	}

	private final AnalysisLimits limits;

	private final InAppRules rules;

	private final long line;

	private final TraceText text;

	private final List<String> preamble = new ArrayList<>();

	private final List<String> panics = new ArrayList<>();

	private final List<GoroutineBuilder> goroutines = new ArrayList<>();

	private Phase phase = Phase.HEADER;

	private boolean recovered;

	private boolean repanicked;

	private String fatal;

	/** Whether the line before was the {@code fatal error:} line. */
	private boolean afterFatal;

	private String signalDump;

	private String signal;

	private boolean panicContinues;

	/** The panic is net/http's {@code http: panic serving …} log line's value. */
	private boolean servingValue;

	private int continuationLines;

	/**
	 * Whether an empty line ended a panic value in the header: the lines up to the first
	 * goroutine header may be more of the value, which Go 1.22 and older do not indent.
	 */
	private boolean afterValue;

	private int linesAfterValue;

	private Long splitHeaderId;

	private int goroutineCount;

	private boolean goroutinesTruncated;

	private boolean linesCut;

	/**
	 * Whether a {@code -----} line after a register dump started the dumps of the
	 * process's other threads.
	 */
	private boolean otherThreads;

	CrashBuilder(AnalysisLimits limits, InAppRules rules, long line) {
		this.limits = limits;
		this.rules = rules;
		this.line = line;
		this.text = new TraceText(limits.maxTextBytes());
	}

	@Override
	public Verdict accept(String content) {
		return accept(content, false);
	}

	@Override
	public Verdict acceptCut(String content) {
		return accept(content, true);
	}

	private Verdict accept(String content, boolean cut) {
		Verdict verdict = classify(content, cut);
		if (verdict == Verdict.TAKEN || verdict == Verdict.TAKEN_LAST) {
			this.text.append(content);
			this.linesCut |= cut;
		}
		return verdict;
	}

	private Verdict classify(String content, boolean cut) {
		String t = content.strip();
		boolean repeatsFatal = this.afterFatal && t.startsWith("fatal error: ");
		this.afterFatal = false;
		if (repeatsFatal) {
			// two goroutines that throw at once both print their fatal error line, then
			// one traceback follows: one crash, whose message is the first line's
			this.afterFatal = true;
			return Verdict.TAKEN;
		}
		if (this.splitHeaderId != null) {
			Verdict split = completeSplitHeader(t);
			if (split != null) {
				return split;
			}
		}
		if (t.isEmpty() && this.panicContinues && content.startsWith("\t")) {
			// Go 1.23+ indents a multi-line panic value, its empty lines too
			return header(content, t);
		}
		if (t.isEmpty()) {
			this.afterValue |= this.phase == Phase.HEADER && this.panicContinues;
			this.panicContinues = false;
			if (this.phase == Phase.GOROUTINES || this.phase == Phase.SYSTEM_STACK) {
				closeGoroutine();
			}
			return Verdict.TAKEN;
		}
		if (t.startsWith("goroutine ")) {
			Verdict verdict = goroutineHeader(t);
			if (verdict != null) {
				return verdict;
			}
		}
		if (t.startsWith("exit status ") && TraceGrammar.parseLongOr(t.substring(12), -1) >= 0) {
			return Verdict.TAKEN_LAST;
		}
		return (this.phase == Phase.HEADER) ? header(content, t) : body(t, cut);
	}

	private Verdict header(String content, String t) {
		if (this.servingValue && (t.startsWith("panic: ") || t.startsWith("fatal error: ")
				|| TraceGrammar.startsFatalPreamble(t) || t.contains("WARNING: DATA RACE")
				|| t.endsWith("==================") || TraceGrammar.signalDumpHeader(t) || t.startsWith("[signal "))) {
			// net/http's value is followed by its own stack only: another crash's start
			// ends it
			return Verdict.ENDS_BEFORE;
		}
		if (t.startsWith("panic: ")) {
			// a chained panic follows the previous one directly, with no blank line
			if (this.fatal != null || (!this.panics.isEmpty() && !this.panicContinues)
					|| this.panics.size() >= MAX_PANIC_CHAIN) {
				return Verdict.ENDS_BEFORE;
			}
			addPanic(t.substring(7));
			return Verdict.TAKEN;
		}
		int serving = t.indexOf("panic serving ");
		if (serving >= 0 && this.panics.isEmpty() && this.fatal == null) {
			int colon = t.indexOf(": ", serving + 14);
			// net/http logs the value with %v: its further lines follow as they are, up
			// to the stack (one write of the log package, so no other writer's lines)
			addPanic((colon > 0) ? t.substring(colon + 2) : t.substring(serving));
			this.recovered = true;
			this.servingValue = true;
			return Verdict.TAKEN;
		}
		if (t.startsWith("fatal error: ")) {
			if (this.fatal != null) {
				return Verdict.ENDS_BEFORE;
			}
			this.fatal = t.substring(13).strip();
			this.afterFatal = true;
			this.panicContinues = false;
			return Verdict.TAKEN;
		}
		if (t.startsWith("[signal ") && t.endsWith("]")) {
			this.signal = t.substring(1, t.length() - 1);
			this.panicContinues = false;
			return Verdict.TAKEN;
		}
		if (TraceGrammar.preamble(t)) {
			this.preamble.add(t);
			return Verdict.TAKEN;
		}
		if (TraceGrammar.signalDumpHeader(t)) {
			if (this.signalDump != null || !this.panics.isEmpty() || this.fatal != null) {
				return Verdict.ENDS_BEFORE;
			}
			this.signalDump = t;
			return Verdict.TAKEN;
		}
		if (t.equals("runtime stack:")) {
			this.phase = Phase.SYSTEM_STACK;
			return Verdict.TAKEN;
		}
		if (t.equals("[recovered]") && !this.panics.isEmpty()) {
			this.recovered = true;
			return Verdict.TAKEN;
		}
		if (this.panicContinues && this.continuationLines < MAX_PANIC_CONTINUATION_LINES) {
			int last = this.panics.size() - 1;
			// " [recovered]" follows the value, so it ends the last line of a multi-line
			// one
			String part = withoutRecoveredSuffix(content.startsWith("\t") ? content.substring(1) : content);
			this.panics.set(last, this.panics.get(last) + "\n" + part);
			this.continuationLines++;
			return Verdict.TAKEN;
		}
		// Go 1.22 and older print a value's empty line as is: the lines up to the
		// goroutines belong to the crash, though nothing tells them from another
		// writer's, so they stay out of the message
		if (this.afterValue && this.linesAfterValue < MAX_PANIC_CONTINUATION_LINES && Anchors.find(t) == null) {
			this.linesAfterValue++;
			return Verdict.TAKEN;
		}
		return Verdict.FOREIGN;
	}

	@Override
	public void noStackFollows() {
		this.panicContinues = false;
	}

	private void addPanic(String value) {
		this.panics.add(withoutRecoveredSuffix(value));
		this.panicContinues = true;
		this.continuationLines = 0;
	}

	/**
	 * Removes and records {@code [recovered]}, {@code [recovered, repanicked]} (Go 1.25)
	 * at the end of a panic value's line.
	 */
	private String withoutRecoveredSuffix(String v) {
		if (v.endsWith(" [recovered, repanicked]")) {
			this.recovered = true;
			this.repanicked = true;
			return v.substring(0, v.length() - 24);
		}
		if (v.endsWith(" [recovered, reraised]")) {
			this.recovered = true;
			this.repanicked = true;
			return v.substring(0, v.length() - 22);
		}
		if (v.endsWith(" [recovered]")) {
			this.recovered = true;
			return v.substring(0, v.length() - 12);
		}
		return v;
	}

	private Verdict body(String t, boolean cut) {
		TraceGrammar.CreatedBy createdBy = TraceGrammar.createdBy(t);
		if (createdBy != null) {
			current().createdBy(createdBy);
			return Verdict.TAKEN;
		}
		TraceGrammar.Call call = cut ? TraceGrammar.cutCall(t) : TraceGrammar.call(t);
		if (call != null) {
			current().call(call);
			return Verdict.TAKEN;
		}
		TraceGrammar.Location location = TraceGrammar.location(t);
		if (location != null && current().location(location)) {
			return Verdict.TAKEN;
		}
		Long elided = TraceGrammar.elided(t);
		if (elided != null) {
			current().elided(elided);
			return Verdict.TAKEN;
		}
		if (TraceGrammar.ancestor(t)) {
			// GODEBUG=tracebackancestors: the stacks of the goroutines that created this
			// one, as they were when they created it; not this goroutine's frames
			closeGoroutine();
			return Verdict.TAKEN;
		}
		if (TraceGrammar.register(t)) {
			this.phase = Phase.REGISTERS;
			return Verdict.TAKEN;
		}
		// GOTRACEBACK=crash: after the registers of the thread that got the signal, every
		// other thread prints "-----", its own signal line, PC line, stack and registers
		if (t.equals("-----") && this.phase == Phase.REGISTERS) {
			this.otherThreads = true;
			return Verdict.TAKEN;
		}
		if (this.otherThreads && (TraceGrammar.signalDumpHeader(t) || TraceGrammar.pcLine(t))) {
			return Verdict.TAKEN;
		}
		if (t.equals("runtime stack:")) {
			closeGoroutine();
			this.phase = Phase.SYSTEM_STACK;
			return Verdict.TAKEN;
		}
		if (t.startsWith("panic: ") || t.startsWith("fatal error: ") || TraceGrammar.startsFatalPreamble(t)
				|| t.contains("WARNING: DATA RACE") || t.endsWith("==================")
				|| TraceGrammar.signalDumpHeader(t)) {
			return Verdict.ENDS_BEFORE;
		}
		// the runtime's diagnostics inside a traceback: "runtime: unexpected return pc
		// ...", "stack: frame={sp:..., fp:...} ...", and the stack memory dump under it
		if (t.startsWith("runtime: ") || t.startsWith("stack: frame=") || TraceGrammar.memoryDump(t)) {
			return Verdict.TAKEN;
		}
		return Verdict.FOREIGN;
	}

	private Verdict goroutineHeader(String t) {
		TraceGrammar.GoroutineHeader header = TraceGrammar.goroutineHeader(t);
		if (header != null && this.otherThreads) {
			// a thread's own stack (goroutine 0), or a goroutine the first dump showed
			closeGoroutine();
			this.phase = Phase.REGISTERS;
			return Verdict.TAKEN;
		}
		if (header != null) {
			startGoroutine(header);
			return Verdict.TAKEN;
		}
		// another writer's bytes landed inside "goroutine 1 [running]:"
		int i = 10;
		while (i < t.length() && TraceGrammar.isDigit(t.charAt(i))) {
			i++;
		}
		if (i > 10 && i - 10 < 19 && (i == t.length() || t.charAt(i) != ' ')) {
			this.splitHeaderId = Long.parseLong(t, 10, i, 10);
			return Verdict.TAKEN;
		}
		return null;
	}

	private Verdict completeSplitHeader(String t) {
		long id = this.splitHeaderId;
		this.splitHeaderId = null;
		if (t.startsWith("[") && t.endsWith("]:")) {
			startGoroutine(TraceGrammar.header(id, t.substring(1, t.length() - 2)));
			return Verdict.TAKEN;
		}
		return null;
	}

	private void startGoroutine(TraceGrammar.GoroutineHeader header) {
		closeGoroutine();
		this.phase = Phase.GOROUTINES;
		this.panicContinues = false;
		this.goroutineCount++;
		if (this.goroutines.size() < this.limits.maxGoroutines()) {
			this.goroutines.add(new GoroutineBuilder(header, this.limits.maxFramesPerGoroutine(), this.rules));
		}
		else {
			this.goroutinesTruncated = true;
		}
	}

	private GoroutineBuilder sink;

	/** The frames of the first {@code runtime stack:} section. */
	private GoroutineBuilder systemStack;

	private GoroutineBuilder current() {
		if (this.phase == Phase.GOROUTINES && !this.goroutines.isEmpty()
				&& !this.goroutines.get(this.goroutines.size() - 1).closed()) {
			return this.goroutines.get(this.goroutines.size() - 1);
		}
		// frames of runtime stack: sections, and of goroutines beyond the limit
		if (this.sink == null || this.sink.closed()) {
			this.sink = new GoroutineBuilder(new TraceGrammar.GoroutineHeader(-1, "", 0, false),
					this.limits.maxFramesPerGoroutine(), this.rules);
			if (this.phase == Phase.SYSTEM_STACK && this.systemStack == null) {
				this.systemStack = this.sink;
			}
		}
		return this.sink;
	}

	private void closeGoroutine() {
		if (!this.goroutines.isEmpty()) {
			this.goroutines.get(this.goroutines.size() - 1).close();
		}
		if (this.sink != null) {
			this.sink.close();
		}
	}

	@Override
	public boolean complete() {
		return !this.panics.isEmpty() || this.fatal != null || this.signalDump != null;
	}

	@Override
	public Finding finish(boolean incomplete) {
		Classifier.Inferred inferred = null;
		if (!complete()) {
			inferred = inferFatal();
			if (inferred == null) {
				return null;
			}
		}
		// a trace is cut when the input stopped mid-line, or its last frame or goroutine
		// header never got its second line
		boolean cut = incomplete || this.splitHeaderId != null
				|| (!this.goroutines.isEmpty() && this.goroutines.get(this.goroutines.size() - 1).dangling());
		List<Goroutine> built = new ArrayList<>(this.goroutines.size());
		boolean framesTruncated = false;
		for (GoroutineBuilder goroutine : this.goroutines) {
			Goroutine g = goroutine.build();
			framesTruncated |= g.framesTruncated();
			built.add(g);
		}
		Goroutine crashing = built.isEmpty() ? null : built.get(0);
		List<Frame> site = GoStatementWrapper.without(panicSite(crashing),
				(crashing != null) ? crashing.createdBy() : null);
		Frame raisedIn = firstRealFrame(site);
		FindingType type;
		Kind kind;
		String message;
		if (inferred != null) {
			type = FindingType.FATAL;
			message = inferred.message();
			kind = inferred.kind();
		}
		else if (this.fatal != null) {
			type = FindingType.FATAL;
			message = this.fatal;
			kind = Classifier.fatalKind(message);
		}
		else if (!this.panics.isEmpty()) {
			type = FindingType.PANIC;
			message = this.panics.get(this.panics.size() - 1);
			kind = Classifier.panicKind(message, raisedIn);
		}
		else {
			type = FindingType.FATAL;
			message = this.signalDump;
			kind = Kind.OTHER;
		}
		Frame topInApp = firstFrame(site, true);
		Frame culprit = firstFrame(site, false);
		boolean mapRelated = Classifier.mapRelatedCrash(kind, message, crashing);
		// the kernel gives a signal that another process sent to whichever thread it
		// picks, so the goroutine that ran there does not locate anything
		Fingerprint fingerprint = Fingerprinter.crash(kind, message, sentSignalDump(type) ? List.of() : site);
		Truncation truncation = new Truncation(this.goroutinesTruncated, framesTruncated, this.text.truncated(),
				this.linesCut, cut);
		return new Finding(type, kind, kind.defaultSeverity(), message, this.panics, this.recovered, this.repanicked,
				this.signal, fingerprint, mapRelated, this.goroutineCount, crashing, topInApp, culprit, built, null,
				null, null, this.text.toString(), this.line, truncation, inferred != null);
	}

	/**
	 * Whether the record is only a signal dump ({@code SIGQUIT: quit}) for a signal that
	 * another process sent: its {@code PC=} line says {@code sigcode=0} ({@code SI_USER},
	 * as {@code kill} sends it).
	 */
	private boolean sentSignalDump(FindingType type) {
		if (type != FindingType.FATAL || this.signalDump == null || this.fatal != null || !this.panics.isEmpty()) {
			return false;
		}
		for (String line : this.preamble) {
			if (TraceGrammar.pcLine(line)) {
				return (" " + line + " ").contains(" sigcode=0 ");
			}
		}
		return false;
	}

	/**
	 * A fatal error without its message line, as in a crash output file: the
	 * {@code runtime stack:} section it starts with, or else its first goroutine when
	 * that one was running, starts in the runtime's fatal error functions.
	 */
	private Classifier.Inferred inferFatal() {
		if (this.systemStack != null) {
			Classifier.Inferred inferred = Classifier.fatalFromFrames(this.systemStack.build().frames());
			if (inferred != null) {
				return inferred;
			}
		}
		if (!this.goroutines.isEmpty()) {
			Goroutine first = this.goroutines.get(0).build();
			if (first.state().equals("running")) {
				return Classifier.fatalFromFrames(first.frames());
			}
		}
		return null;
	}

	/**
	 * The frames that locate the crash. A report of a panic that was recovered and not
	 * raised again ({@code panic: v [recovered]} with nothing after it, as net/http's
	 * server and recover middlewares print with {@code debug.Stack()}) was printed from
	 * the recovering deferred function: the frames above its {@code panic(...)} frame are
	 * the recovery, not the crash, and are left out.
	 */
	private List<Frame> panicSite(Goroutine crashing) {
		if (crashing == null) {
			return List.of();
		}
		List<Frame> frames = crashing.frames();
		if (this.recovered && !this.repanicked && this.panics.size() == 1) {
			for (int i = 1; i < frames.size(); i++) {
				if (frames.get(i).function().equals("panic") || frames.get(i).function().equals("runtime.gopanic")) {
					return frames.subList(i + 1, frames.size());
				}
			}
		}
		return frames;
	}

	private static Frame firstRealFrame(List<Frame> frames) {
		for (Frame frame : frames) {
			if (!frame.function().equals("panic") && !frame.function().equals("runtime.gopanic")) {
				return frame;
			}
		}
		return null;
	}

	static Frame firstFrame(Goroutine goroutine, boolean inAppOnly) {
		if (goroutine == null) {
			return null;
		}
		return firstFrame(goroutine.frames(), inAppOnly);
	}

	static Frame firstFrame(List<Frame> frames, boolean inAppOnly) {
		for (Frame frame : frames) {
			// a compiler-made wrapper has no source line to look at; its caller does
			if (frame.autogenerated()) {
				continue;
			}
			if (inAppOnly ? frame.inApp() : !frame.origin().standard()) {
				return frame;
			}
		}
		return null;
	}

}
