package io.panicboard.slo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

/**
 * Rolls a past range up into the SLO minute and hour tables, for data stored with receipt
 * times older than the scheduled rollup's window (it recomputes only that window), such
 * as the demo's two weeks of history. Memory's gc minutes of the range are rolled up
 * first, since an instance that only sent gc lines is observed through them.
 */
@Component
public class SloBackfill {

	private final SloRollup rollup;

	SloBackfill(SloRollup rollup) {
		this.rollup = rollup;
	}

	/**
	 * Recomputes the SLO rollups of the whole minutes of a range, in the caller's
	 * transaction if there is one.
	 * @param from the start, rounded down to its minute
	 * @param to the end (exclusive), rounded down to its minute
	 */
	public void rollUpReceivedBetween(Instant from, Instant to) {
		Instant first = from.truncatedTo(ChronoUnit.MINUTES);
		Instant end = to.truncatedTo(ChronoUnit.MINUTES);
		if (end.isAfter(first)) {
			this.rollup.rollUp(first, end);
		}
	}

}
