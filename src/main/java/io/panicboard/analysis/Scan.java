package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * One pass over one input: alternates between skipping to the next anchor and collecting
 * a record line by line.
 */
final class Scan {

	/** Consecutive foreign lines tolerated inside a record before it is closed. */
	private static final int MAX_FOREIGN_LINES = 3;

	/**
	 * Lines held while a record's prefix is still to be learned (see {@link #collect}).
	 */
	private static final int MAX_HELD_LINES = 50;

	private static final int MAX_HELD_CHARS = 64 * 1024;

	/** Lines before an anchor that may still belong to its record. */
	private static final int LOOKBACK_LINES = 6;

	/** Lines after which held race reports are released without a footer. */
	private static final long RACE_FOOTER_WAIT_LINES = 5_000;

	private final LogReader reader;

	private final AnalysisLimits limits;

	private final InAppRules rules;

	private final Consumer<? super Finding> sink;

	private final Envelope envelope = new Envelope();

	private final List<Finding> heldRaces = new ArrayList<>();

	private long lastRaceLine;

	/** Whether the last logical line was cut at the line limit. */
	private boolean lineCut;

	/**
	 * The first line the last record kept did not take: the next record's lookback stops
	 * here, so that no line belongs to two records (a race's separator at the end of a
	 * line that started a crash, say).
	 */
	private long unclaimedFrom = 1;

	Scan(LogReader reader, AnalysisLimits limits, InAppRules rules, Consumer<? super Finding> sink) {
		this.reader = reader;
		this.limits = limits;
		this.rules = rules;
		this.sink = sink;
	}

	void run() {
		while (this.reader.skipToAnchorLine()) {
			if (!this.heldRaces.isEmpty() && this.reader.lineNumber() - this.lastRaceLine > RACE_FOOTER_WAIT_LINES) {
				releaseRaces();
			}
			long lineNo = this.reader.lineNumber();
			long[] anchorLine = this.reader.mark();
			String line = nextLogicalLine();
			if (line == null) {
				break;
			}
			onAnchorLine(line, lineNo, anchorLine);
		}
		releaseRaces();
	}

	private String nextLogicalLine() {
		boolean cut = false;
		while (true) {
			String raw = this.reader.nextLine();
			if (raw == null) {
				return null;
			}
			cut |= this.reader.lastLineCut();
			String line = this.envelope.unwrap(raw);
			if (line != null) {
				this.lineCut = cut;
				// Docker's json-file escapes ESC as \u001b: unwrapped text may hold codes
				return (line != raw) ? TerminalCodes.strip(line) : line;
			}
		}
	}

	private void onAnchorLine(String line, long lineNo, long[] anchorLine) {
		Anchors.Located anchor = Anchors.find(line);
		if (anchor == null) {
			return;
		}
		switch (anchor.type()) {
			case GC, SCAV, SCVG -> gcLine(line, lineNo);
			case FOUND_RACES -> foundRaces(line);
			case RACE_IN_TEST -> raceInTest();
			case DATA_RACE, PANIC, FATAL_ERROR, GOROUTINE ->
				record(line, anchor, lineNo, this.reader.previousLines(LOOKBACK_LINES, anchorLine), anchorLine);
		}
	}

	private void gcLine(String line, long lineNo) {
		Finding finding = gcFinding(line, lineNo);
		if (finding != null) {
			emit(finding);
		}
	}

	private Finding gcFinding(String line, long lineNo) {
		GcCycle cycle = GcLines.gc(line);
		Scavenge scavenge = (cycle == null) ? GcLines.scavenge(line) : null;
		if (cycle == null && scavenge == null) {
			return null;
		}
		String text = line.strip();
		// the text ends with a line feed, which counts towards the limit
		boolean cut = text.length() >= this.limits.maxTextBytes();
		if (cut) {
			text = text.substring(0, this.limits.maxTextBytes() - 1);
		}
		String message = (cycle != null) ? "gc " + cycle.number() : "scavenger";
		return new Finding(FindingType.GC, Kind.GCTRACE, Kind.GCTRACE.defaultSeverity(), message, List.of(), false,
				false, null, null, false, 0, null, null, null, List.of(), null, cycle, scavenge, text + "\n", lineNo,
				new Truncation(false, false, cut, this.lineCut, false), false);
	}

	private void foundRaces(String line) {
		int found = line.indexOf("Found ");
		int races = line.indexOf(" data race(s)");
		Integer count = null;
		if (found >= 0 && races > found) {
			long n = TraceGrammar.parseLongOr(line.substring(found + 6, races), -1);
			count = (n >= 0 && n <= Integer.MAX_VALUE) ? (int) n : null;
		}
		if (count != null) {
			for (int i = 0; i < this.heldRaces.size(); i++) {
				Finding race = this.heldRaces.get(i);
				this.heldRaces.set(i, race.withRace(race.race().withFooter(count, false)));
			}
			releaseRaces();
		}
	}

	private void raceInTest() {
		for (int i = 0; i < this.heldRaces.size(); i++) {
			Finding race = this.heldRaces.get(i);
			this.heldRaces.set(i, race.withRace(race.race().withFooter(null, true)));
		}
	}

	private void record(String line, Anchors.Located anchor, long lineNo, Deque<String> before, long[] anchorLine) {
		LinePrefix prefix = LinePrefix.of(line.substring(0, anchor.column()), line.substring(anchor.column()));
		boolean learnPrefix = anchor.type() == Anchors.Type.PANIC
				&& line.indexOf("panic serving ", anchor.column()) >= 0;
		if (learnPrefix) {
			prefix = null;
		}
		if (anchor.type() != Anchors.Type.DATA_RACE) {
			releaseRaces();
		}
		int room = (int) Math.max(0, Math.min(LOOKBACK_LINES, lineNo - this.unclaimedFrom));
		List<String> lookback = lookback(before, (prefix != null) ? prefix : LinePrefix.NONE, anchor.type(), room);
		if (lookback.isEmpty() && anchor.type() == Anchors.Type.GOROUTINE && endsWithFrame(before)) {
			// a runtime stack: section's frames take two lines each
			int section = 2 * this.limits.maxFramesPerGoroutine() + 2;
			int stackRoom = (int) Math.max(0, Math.min(section, lineNo - this.unclaimedFrom));
			lookback = systemStack(this.reader.previousLines(stackRoom, anchorLine),
					(prefix != null) ? prefix : LinePrefix.NONE);
		}
		long firstLine = lineNo - lookback.size();
		RecordBuilder builder = (anchor.type() == Anchors.Type.DATA_RACE)
				? new RaceBuilder(this.limits, this.rules, firstLine)
				: new CrashBuilder(this.limits, this.rules, firstLine);
		for (String content : lookback) {
			builder.accept(content);
		}
		String content = learnPrefix ? line : prefix.strip(line);
		RecordBuilder.Verdict first = offer(builder, content);
		if (first == RecordBuilder.Verdict.FOREIGN || first == RecordBuilder.Verdict.ENDS_BEFORE) {
			return;
		}
		boolean headerAtLineStart = anchor.column() == 0 || learnPrefix;
		if (first == RecordBuilder.Verdict.TAKEN_LAST) {
			finish(builder, false, headerAtLineStart);
			return;
		}
		collect(builder, prefix, headerAtLineStart);
	}

	private static List<String> lookback(Deque<String> before, LinePrefix prefix, Anchors.Type type, int room) {
		List<String> taken = new ArrayList<>();
		Iterator<String> newestFirst = before.descendingIterator();
		while (newestFirst.hasNext() && taken.size() < room) {
			String raw = newestFirst.next();
			String content = prefix.strip(raw);
			if (content == null || !belongsBefore(content.strip(), type)) {
				break;
			}
			taken.add(0, content);
		}
		// blank lines before the record separate it from what came before
		while (!taken.isEmpty() && taken.get(0).isBlank()) {
			taken.remove(0);
		}
		return taken;
	}

	/** Whether the last line before blank ones is a frame's file and line. */
	private static boolean endsWithFrame(Deque<String> before) {
		Iterator<String> newestFirst = before.descendingIterator();
		while (newestFirst.hasNext()) {
			String t = newestFirst.next().strip();
			if (!t.isEmpty()) {
				return TraceGrammar.location(t) != null;
			}
		}
		return false;
	}

	/**
	 * A {@code runtime stack:} section and the blank lines after it that end just before
	 * a goroutine header: the start of a fatal error whose message line is missing.
	 * @return its lines, or an empty list when the lines before are something else
	 */
	private static List<String> systemStack(Deque<String> before, LinePrefix prefix) {
		List<String> taken = new ArrayList<>();
		Iterator<String> newestFirst = before.descendingIterator();
		boolean frames = false;
		while (newestFirst.hasNext()) {
			String content = prefix.strip(newestFirst.next());
			if (content == null) {
				break;
			}
			String t = content.strip();
			taken.add(0, content);
			if (t.equals("runtime stack:")) {
				return frames ? taken : List.of();
			}
			if (!t.isEmpty()) {
				if (TraceGrammar.location(t) == null && TraceGrammar.call(t) == null) {
					break;
				}
				frames = true;
			}
		}
		return List.of();
	}

	/** Lines that precede an anchor in the runtime's output without holding one. */
	private static boolean belongsBefore(String t, Anchors.Type type) {
		if (type == Anchors.Type.DATA_RACE) {
			return t.endsWith("==================");
		}
		return t.isEmpty() || TraceGrammar.preamble(t) || TraceGrammar.signalDumpHeader(t);
	}

	/**
	 * Offers the lines after a record's first to its builder until the record ends. While
	 * the prefix is still to be learned (net/http's panic line, whose prefix is the
	 * {@code log} package's timestamp), the lines before the first goroutine header — a
	 * multi-line panic value — are held, up to {@link #MAX_HELD_LINES} lines or
	 * {@link #MAX_HELD_CHARS} characters, and offered once the header taught the prefix,
	 * without it, so that a journald or docker compose prefix does not enter the message.
	 * Without a goroutine header after them, or if one of them has an anchor, they are no
	 * part of the value.
	 */
	private void collect(RecordBuilder builder, LinePrefix initialPrefix, boolean headerAtLineStart) {
		Collecting collecting = new Collecting(builder, headerAtLineStart);
		LinePrefix prefix = initialPrefix;
		List<Held> held = (prefix == null) ? new ArrayList<>() : null;
		int heldChars = 0;
		while (true) {
			long[] mark = this.reader.mark();
			long lineNo = this.reader.lineNumber();
			String line = nextLogicalLine();
			if (line == null) {
				if (held != null && collecting.replay(held, null)) {
					return;
				}
				collecting.end();
				return;
			}
			if (prefix == null) {
				prefix = learn(line);
				if (prefix == null && held != null && held.size() < MAX_HELD_LINES
						&& heldChars + line.length() <= MAX_HELD_CHARS) {
					if (held.isEmpty()) {
						this.reader.protect(mark);
					}
					held.add(new Held(mark, lineNo, line));
					heldChars += line.length();
					continue;
				}
				if (held != null) {
					List<Held> replay = held;
					held = null;
					if (collecting.replay(replay, prefix)) {
						return;
					}
				}
			}
			if (collecting.offer(mark, lineNo, (prefix != null) ? prefix.strip(line) : line)) {
				return;
			}
		}
	}

	/**
	 * Whether a held line can be part of a panic value: it has the record's prefix and no
	 * anchor (a line that might start another record, or mention one, ends the value
	 * where it began, on its first line).
	 */
	private static boolean valueLine(String content) {
		return content != null && Anchors.find(content) == null;
	}

	/** A line read while the prefix was still to be learned. */
	private record Held(long[] mark, long lineNo, String line) {

	}

	/**
	 * What {@link #collect} keeps between lines: the builder and the foreign lines seen.
	 */
	private final class Collecting {

		private final RecordBuilder builder;

		private final boolean headerAtLineStart;

		private int foreign;

		private long[] firstForeign;

		Collecting(RecordBuilder builder, boolean headerAtLineStart) {
			this.builder = builder;
			this.headerAtLineStart = headerAtLineStart;
		}

		/**
		 * Offers held lines, without the prefix if one was learned.
		 * @return whether the record ended
		 */
		boolean replay(List<Held> held, LinePrefix prefix) {
			if (prefix == null || !held.stream().allMatch((h) -> valueLine(prefix.strip(h.line())))) {
				this.builder.noStackFollows();
			}
			for (Held h : held) {
				if (offer(h.mark(), h.lineNo(), (prefix != null) ? prefix.strip(h.line()) : h.line())) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Offers one line ({@code null}: it lacks the record's prefix).
		 * @return whether the record ended
		 */
		boolean offer(long[] mark, long lineNo, String content) {
			RecordBuilder.Verdict verdict;
			if (content == null) {
				verdict = RecordBuilder.Verdict.FOREIGN;
			}
			else {
				Finding gc = interleavedGc(content, lineNo);
				if (gc != null) {
					emit(gc);
					return false;
				}
				verdict = Scan.this.offer(this.builder, content);
			}
			switch (verdict) {
				case TAKEN -> {
					this.foreign = 0;
					this.firstForeign = null;
					Scan.this.reader.protect(null);
					return false;
				}
				case TAKEN_LAST -> {
					Scan.this.reader.protect(null);
					finish(this.builder, false, this.headerAtLineStart);
					return true;
				}
				case ENDS_BEFORE -> {
					Scan.this.reader.protect(null);
					Scan.this.reader.reset((this.firstForeign != null) ? this.firstForeign : mark);
					finish(this.builder, false, this.headerAtLineStart);
					return true;
				}
				default -> {
					if (this.foreign == 0) {
						this.firstForeign = mark;
						Scan.this.reader.protect(mark);
					}
					this.foreign++;
					if (this.foreign > MAX_FOREIGN_LINES) {
						Scan.this.reader.protect(null);
						Scan.this.reader.reset(this.firstForeign);
						finish(this.builder, false, this.headerAtLineStart);
						return true;
					}
					return false;
				}
			}
		}

		/** The stream ended inside the record. */
		void end() {
			Scan.this.reader.protect(null);
			if (this.firstForeign != null) {
				Scan.this.reader.reset(this.firstForeign);
			}
			finish(this.builder, Scan.this.reader.endedMidLine(), this.headerAtLineStart);
		}

	}

	private RecordBuilder.Verdict offer(RecordBuilder builder, String content) {
		return this.lineCut ? builder.acceptCut(content) : builder.accept(content);
	}

	private static LinePrefix learn(String line) {
		int at = line.indexOf("goroutine ");
		if (at >= 0 && TraceGrammar.goroutineHeader(line.substring(at).strip()) != null) {
			return LinePrefix.of(line.substring(0, at), line.substring(at));
		}
		return null;
	}

	private Finding interleavedGc(String content, long lineNo) {
		if (content.startsWith("gc ") || content.startsWith("scav ") || content.startsWith("scvg")) {
			return gcFinding(content, lineNo);
		}
		return null;
	}

	private void finish(RecordBuilder builder, boolean incomplete, boolean headerAtLineStart) {
		Finding finding = builder.finish(incomplete);
		if (finding == null) {
			return;
		}
		// a "panic:" inside an ordinary log message is only a crash when goroutines
		// follow
		if (finding.crash() && finding.goroutineCount() == 0 && !headerAtLineStart) {
			return;
		}
		this.unclaimedFrom = this.reader.lineNumber();
		if (finding.type() == FindingType.RACE) {
			this.heldRaces.add(finding);
			this.lastRaceLine = this.reader.lineNumber();
			return;
		}
		emit(finding);
	}

	private void emit(Finding finding) {
		if (finding.type() != FindingType.RACE && finding.type() != FindingType.GC) {
			releaseRaces();
		}
		this.sink.accept(finding);
	}

	private void releaseRaces() {
		for (Finding race : this.heldRaces) {
			this.sink.accept(race);
		}
		this.heldRaces.clear();
	}

}
