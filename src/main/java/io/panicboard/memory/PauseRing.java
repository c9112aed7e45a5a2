package io.panicboard.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovers the GC pauses between two samples of Go's {@code runtime.MemStats} from its
 * 256-entry ring buffers {@code PauseNs} and {@code PauseEnd}.
 * <p>
 * Cycle {@code k} (1-based, {@code NumGC} counts completed cycles) sits at index
 * {@code (k - 1) % 256}, so the most recent one is at {@code (NumGC + 255) % 256}.
 * Between a previous sample with {@code NumGC = p} and the current one with
 * {@code NumGC = n} the new cycles are {@code p + 1 .. n}; when more than 256 happened,
 * the ring has overwritten all but the last 256 and the rest are counted as lost. When
 * {@code n < p} the process restarted (or the {@code uint32} counter wrapped): the sample
 * starts a new series and cycles {@code 1 .. n} are taken. So it does when
 * {@code p ≤ n < p + 256} and the ring's slot of cycle {@code p} holds another end than
 * the previous sample's newest pause: a new process that has already run at least
 * {@code p} cycles (a slot is written once per cycle, so one process's cycle {@code p}
 * always has the same end). A first sample of an instance takes what the ring holds and
 * counts nothing as lost, since those cycles happened before panicboard watched.
 */
final class PauseRing {

	/** Entries of {@code PauseNs} and {@code PauseEnd}. */
	static final int SIZE = 256;

	private PauseRing() {
	}

	/**
	 * The pauses that happened after the previous sample.
	 * @param previousNumGc {@code NumGC} of the instance's previous sample, or
	 * {@code null} for its first
	 * @param numGc {@code NumGC} of this sample
	 * @param pauseNs {@code PauseNs}, 256 entries
	 * @param pauseEnd {@code PauseEnd}, 256 entries (Unix nanoseconds)
	 * @return the pauses, oldest first, and how many could not be recovered
	 */
	static Derived derive(Long previousNumGc, long numGc, long[] pauseNs, long[] pauseEnd) {
		return derive(previousNumGc, null, numGc, pauseNs, pauseEnd);
	}

	/**
	 * The pauses that happened after the previous sample, telling a new process by the
	 * end of the previous sample's newest pause.
	 * @param previousNumGc {@code NumGC} of the instance's previous sample, or
	 * {@code null} for its first
	 * @param previousLastEnd {@code PauseEnd} of the previous sample's cycle
	 * {@code previousNumGc}, or {@code null} when unknown
	 * @param numGc {@code NumGC} of this sample
	 * @param pauseNs {@code PauseNs}, 256 entries
	 * @param pauseEnd {@code PauseEnd}, 256 entries (Unix nanoseconds)
	 * @return the pauses, oldest first, and how many could not be recovered
	 */
	static Derived derive(Long previousNumGc, Long previousLastEnd, long numGc, long[] pauseNs, long[] pauseEnd) {
		if (pauseNs.length != SIZE || pauseEnd.length != SIZE) {
			throw new IllegalArgumentException("PauseNs and PauseEnd must have " + SIZE + " entries");
		}
		if (numGc < 0) {
			throw new IllegalArgumentException("NumGC must not be negative");
		}
		boolean restarted = previousNumGc != null
				&& (numGc < previousNumGc || anotherProcess(previousNumGc, previousLastEnd, numGc, pauseEnd));
		long from = (previousNumGc == null || restarted) ? 0 : previousNumGc;
		long recoverableFrom = Math.max(from, numGc - SIZE);
		long lost = (previousNumGc == null) ? 0 : recoverableFrom - from;
		List<Pause> pauses = new ArrayList<>((int) (numGc - recoverableFrom));
		for (long k = recoverableFrom + 1; k <= numGc; k++) {
			int index = (int) ((k - 1) % SIZE);
			if (pauseEnd[index] <= 0) {
				// a slot the runtime has not written: the document is not a consistent
				// snapshot
				lost++;
				continue;
			}
			pauses.add(new Pause(k, pauseEnd[index], pauseNs[index]));
		}
		return new Derived(List.copyOf(pauses), lost, restarted);
	}

	/**
	 * Whether the ring's slot of the previous sample's newest cycle, which this ring
	 * still holds, has another end than that sample read there.
	 */
	private static boolean anotherProcess(long previousNumGc, Long previousLastEnd, long numGc, long[] pauseEnd) {
		if (previousLastEnd == null || previousLastEnd <= 0 || previousNumGc == 0 || numGc - previousNumGc >= SIZE) {
			return false;
		}
		long end = pauseEnd[(int) ((previousNumGc - 1) % SIZE)];
		return end > 0 && end != previousLastEnd;
	}

	/**
	 * The end of a sample's newest pause, {@code null} when it has none or its slot was
	 * not written.
	 * @param numGc {@code NumGC} of the sample
	 * @param pauseEnd its {@code PauseEnd}
	 * @return the Unix nanoseconds, or {@code null}
	 */
	static Long lastEnd(long numGc, long[] pauseEnd) {
		long end = (numGc > 0) ? pauseEnd[(int) ((numGc - 1) % SIZE)] : 0;
		return (end > 0) ? end : null;
	}

	/**
	 * One stop-the-world pause.
	 *
	 * @param number the cycle's number ({@code NumGC} after it)
	 * @param endedAtUnixNanos when the pause ended
	 * @param nanos how long it was
	 */
	record Pause(long number, long endedAtUnixNanos, long nanos) {
	}

	/**
	 * The pauses between two samples.
	 *
	 * @param pauses the recovered pauses, oldest first
	 * @param lost cycles that happened since the previous sample but are no longer in the
	 * ring
	 * @param restarted whether {@code NumGC} went backwards (a new process)
	 */
	record Derived(List<Pause> pauses, long lost, boolean restarted) {
	}

}
