package io.panicboard.analysis;

import java.util.List;

/**
 * A race-detector report: the conflicting accesses and where their goroutines were
 * created.
 *
 * @param accesses the accesses in printed order (usually the current one, then the
 * previous one)
 * @param creations the {@code Goroutine N (running|finished) created at:} sections
 * @param foundRaces the N of a following {@code Found N data race(s)} line, or
 * {@code null}
 * @param detectedInTest whether {@code race detected during execution of test} followed
 */
public record RaceReport(List<RaceAccess> accesses, List<Goroutine> creations, Integer foundRaces,
		boolean detectedInTest) {

	public RaceReport {
		accesses = List.copyOf(accesses);
		creations = List.copyOf(creations);
	}

	RaceReport withFooter(Integer found, boolean inTest) {
		return new RaceReport(this.accesses, this.creations, (found != null) ? found : this.foundRaces,
				this.detectedInTest || inTest);
	}

}
