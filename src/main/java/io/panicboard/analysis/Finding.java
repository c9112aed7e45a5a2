package io.panicboard.analysis;

import java.util.List;

/**
 * One crash, race report or GC line found in a text.
 *
 * @param type panic, fatal, race or gc
 * @param kind the classified kind
 * @param severity the default severity of the kind
 * @param message the error message, e.g. {@code assignment to entry in nil map}; for a
 * chain of panics the last one
 * @param panicChain every panic value in printed order (oldest first); empty for fatal
 * errors, races and GC lines
 * @param recovered whether a panic in the chain was recovered ({@code [recovered]})
 * @param repanicked whether Go 1.25's {@code [recovered, repanicked]} was printed
 * @param signal the signal line without brackets, e.g.
 * {@code signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x480fda}, or
 * {@code null}
 * @param fingerprint the grouping key and its parts; {@code null} for GC lines
 * @param mapRelated whether the fault came from the map implementation (for races: a
 * runtime map function in an access stack)
 * @param goroutineCount the goroutine blocks of the traceback
 * @param crashingGoroutine the goroutine that failed (the first block), or {@code null}
 * @param topInAppFrame the innermost application frame of the crashing goroutine (for
 * races: of the first access), or {@code null}
 * @param culpritFrame the innermost frame outside the Go runtime and standard library
 * (application or dependency), or {@code null}
 * @param goroutines the goroutine blocks, in printed order
 * @param race the race report, for races
 * @param gc the parsed gctrace line, for GC cycle lines
 * @param scavenge the parsed scavenger line, for scavenger lines
 * @param text the clean trace text with collector prefixes removed
 * @param line the 1-based line of the input where the record starts
 * @param truncation what was left out
 * @param messageInferred whether the runtime's message line was missing and
 * {@code message} and {@code kind} were inferred from the runtime frames the trace starts
 * with (a crash output file of a fatal error, see {@link Classifier#fatalFromFrames})
 */
public record Finding(FindingType type, Kind kind, Severity severity, String message, List<String> panicChain,
		boolean recovered, boolean repanicked, String signal, Fingerprint fingerprint, boolean mapRelated,
		int goroutineCount, Goroutine crashingGoroutine, Frame topInAppFrame, Frame culpritFrame,
		List<Goroutine> goroutines, RaceReport race, GcCycle gc, Scavenge scavenge, String text, long line,
		Truncation truncation, boolean messageInferred) {

	public Finding {
		panicChain = List.copyOf(panicChain);
		goroutines = List.copyOf(goroutines);
	}

	/**
	 * The goroutines with identical stacks collapsed, for display. Computed on each call
	 * from {@link #goroutines()}: ingestion never shows them, so the analysis does not
	 * build them.
	 * @return the buckets, in the order of their first goroutine
	 */
	public List<GoroutineBucket> buckets() {
		return GoroutineBuckets.of(this.goroutines);
	}

	/**
	 * Whether this finding is a crash (a panic or a fatal error).
	 * @return {@code true} for panics and fatal errors
	 */
	public boolean crash() {
		return this.type == FindingType.PANIC || this.type == FindingType.FATAL;
	}

	Finding withRace(RaceReport newRace) {
		return new Finding(this.type, this.kind, this.severity, this.message, this.panicChain, this.recovered,
				this.repanicked, this.signal, this.fingerprint, this.mapRelated, this.goroutineCount,
				this.crashingGoroutine, this.topInAppFrame, this.culpritFrame, this.goroutines, newRace, this.gc,
				this.scavenge, this.text, this.line, this.truncation, this.messageInferred);
	}

}
