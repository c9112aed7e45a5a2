package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a data-race finding from one race-detector report: between the
 * {@code ==================} delimiters, the {@code WARNING: DATA RACE} line, the
 * accesses with their stacks and the goroutine creation sections.
 */
final class RaceBuilder implements RecordBuilder {

	private final AnalysisLimits limits;

	private final InAppRules rules;

	private final long line;

	private final TraceText text;

	private final List<Section> accesses = new ArrayList<>();

	private final List<Section> creations = new ArrayList<>();

	private Section current;

	private boolean warning;

	private boolean framesTruncated;

	private boolean linesCut;

	private boolean closed;

	private record Section(String operation, boolean previous, String address, Long goroutine, String state,
			GoroutineBuilder stack) {
	}

	RaceBuilder(AnalysisLimits limits, InAppRules rules, long line) {
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
		Verdict verdict = classify(content.strip(), cut);
		if (verdict == Verdict.TAKEN || verdict == Verdict.TAKEN_LAST) {
			this.text.append(content);
			this.linesCut |= cut;
		}
		return verdict;
	}

	private Verdict classify(String t, boolean cut) {
		if (t.endsWith("==================")) {
			this.closed = this.warning || !this.accesses.isEmpty();
			return this.closed ? Verdict.TAKEN_LAST : Verdict.TAKEN;
		}
		if (t.isEmpty() || t.equals("[failed to restore the stack]")) {
			return Verdict.TAKEN;
		}
		if (t.equals("WARNING: DATA RACE")) {
			if (this.warning) {
				return Verdict.ENDS_BEFORE;
			}
			this.warning = true;
			return Verdict.TAKEN;
		}
		if (!this.warning) {
			return Verdict.FOREIGN;
		}
		if (t.endsWith(":")) {
			Section section = access(t);
			if (section == null) {
				section = creation(t);
			}
			if (section != null) {
				this.current = section;
				return Verdict.TAKEN;
			}
		}
		if (this.current != null) {
			TraceGrammar.Call call = cut ? TraceGrammar.cutCall(t) : TraceGrammar.call(t);
			if (call != null) {
				this.current.stack().call(call);
				return Verdict.TAKEN;
			}
			TraceGrammar.Location location = TraceGrammar.location(t);
			if (location != null && this.current.stack().location(location)) {
				return Verdict.TAKEN;
			}
		}
		if (t.startsWith("panic: ") || t.startsWith("fatal error: ") || t.startsWith("goroutine ")) {
			return Verdict.ENDS_BEFORE;
		}
		return Verdict.FOREIGN;
	}

	/**
	 * Parses {@code Write at 0x00c000012345 by goroutine 7:}, {@code Previous read at
	 * ... by main goroutine:} and the old {@code Read by goroutine 13:}.
	 */
	private Section access(String t) {
		String s = t.substring(0, t.length() - 1);
		boolean previous = s.startsWith("Previous ");
		if (previous) {
			s = s.substring(9);
		}
		int by = s.indexOf(" by ");
		if (by < 0) {
			return null;
		}
		String head = s.substring(0, by);
		String who = s.substring(by + 4);
		String address = null;
		int at = head.indexOf(" at ");
		if (at >= 0) {
			address = head.substring(at + 4);
			head = head.substring(0, at);
		}
		String operation = head.toLowerCase(java.util.Locale.ROOT);
		if (!(operation.endsWith("read") || operation.endsWith("write"))) {
			return null;
		}
		Long goroutine;
		if (who.equals("main goroutine")) {
			goroutine = null;
		}
		else if (who.startsWith("goroutine ")) {
			long id = TraceGrammar.parseLongOr(who.substring(10), -1);
			if (id < 0) {
				return null;
			}
			goroutine = id;
		}
		else {
			return null;
		}
		Section section = new Section(operation, previous, address, goroutine, null, newStack(-1));
		this.accesses.add(section);
		return section;
	}

	/** Parses {@code Goroutine 7 (running) created at:}. */
	private Section creation(String t) {
		if (!t.startsWith("Goroutine ") || !t.endsWith(" created at:")) {
			return null;
		}
		String s = t.substring(10, t.length() - 12);
		int space = s.indexOf(' ');
		long id = TraceGrammar.parseLongOr((space > 0) ? s.substring(0, space) : s, -1);
		if (id < 0) {
			return null;
		}
		String state = (space > 0) ? s.substring(space + 1).replace("(", "").replace(")", "") : "";
		Section section = new Section(null, false, null, id, state, newStack(id));
		this.creations.add(section);
		return section;
	}

	private GoroutineBuilder newStack(long id) {
		return new GoroutineBuilder(new TraceGrammar.GoroutineHeader(id, "", 0, false),
				this.limits.maxFramesPerGoroutine(), this.rules);
	}

	@Override
	public boolean complete() {
		return this.warning && !this.accesses.isEmpty();
	}

	@Override
	public Finding finish(boolean incomplete) {
		if (!complete()) {
			return null;
		}
		List<RaceAccess> raceAccesses = new ArrayList<>();
		boolean mapRelated = false;
		for (Section section : this.accesses) {
			Goroutine stack = section.stack().build();
			this.framesTruncated |= stack.framesTruncated();
			mapRelated |= Classifier.anyMapFrame(stack.frames());
			raceAccesses.add(new RaceAccess(section.operation(), section.previous(), section.address(),
					section.goroutine(), stack.frames()));
		}
		List<Goroutine> creationStacks = new ArrayList<>();
		for (Section section : this.creations) {
			Goroutine stack = section.stack().build();
			creationStacks.add(new Goroutine(section.goroutine(), section.state(), 0, false, stack.frames(), null, null,
					0, stack.framesTruncated()));
		}
		List<RaceAccess> sites = new ArrayList<>(raceAccesses.size());
		for (RaceAccess access : raceAccesses) {
			sites.add(new RaceAccess(access.operation(), access.previous(), access.address(), access.goroutineId(),
					GoStatementWrapper.without(access.frames(), creator(creationStacks, access.goroutineId()))));
		}
		List<Frame> first = sites.get(0).frames();
		Frame topInApp = CrashBuilder.firstFrame(first, true);
		Frame culprit = CrashBuilder.firstFrame(first, false);
		RaceReport report = new RaceReport(raceAccesses, creationStacks, null, false);
		Truncation truncation = new Truncation(false, this.framesTruncated, this.text.truncated(), this.linesCut,
				incomplete || !this.closed);
		return new Finding(FindingType.RACE, Kind.DATA_RACE, Kind.DATA_RACE.defaultSeverity(), message(raceAccesses),
				List.of(), false, false, null, Fingerprinter.race(sites), mapRelated, 0, null, topInApp, culprit,
				List.of(), report, null, null, this.text.toString(), this.line, truncation, false);
	}

	/** The innermost frame of the stack that created a goroutine: its go statement. */
	private static Frame creator(List<Goroutine> creations, Long goroutine) {
		for (Goroutine creation : creations) {
			if (goroutine != null && goroutine == creation.id() && !creation.frames().isEmpty()) {
				return creation.frames().get(0);
			}
		}
		return null;
	}

	private static String message(List<RaceAccess> accesses) {
		StringBuilder out = new StringBuilder("data race: ");
		for (int i = 0; i < accesses.size(); i++) {
			RaceAccess access = accesses.get(i);
			if (i > 0) {
				out.append(" vs ");
			}
			out.append(access.operation()).append(" in ");
			Frame top = CrashBuilder.firstFrame(access.frames(), false);
			if (top == null && !access.frames().isEmpty()) {
				top = access.frames().get(0);
			}
			out.append((top != null) ? top.function() : "?");
		}
		return out.toString();
	}

}
