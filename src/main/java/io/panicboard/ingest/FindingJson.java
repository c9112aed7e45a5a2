package io.panicboard.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Fingerprint;
import io.panicboard.analysis.GcCycle;
import io.panicboard.analysis.GoroutineBucket;
import io.panicboard.analysis.RaceAccess;
import io.panicboard.analysis.RaceReport;
import io.panicboard.analysis.Scavenge;
import io.panicboard.analysis.Truncation;
import io.panicboard.incident.FrameJson;
import io.panicboard.incident.GoroutineJson;

/**
 * A {@link Finding} as the API writes it: camelCase, enums as their lower-case ids, and
 * {@code null} values left out (a missing field means "not applicable" or "unknown"). The
 * goroutine blocks are written only on request; {@code buckets} carries the shape of the
 * dump either way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FindingJson(String type, String kind, String severity, String message, boolean messageInferred,
		List<String> panicChain, boolean recovered, boolean repanicked, String signal, String fingerprint,
		List<String> fingerprintComponents, boolean mapRelated, int goroutineCount, GoroutineJson crashingGoroutine,
		FrameJson topInAppFrame, FrameJson culpritFrame, List<BucketJson> buckets, List<GoroutineJson> goroutines,
		RaceJson race, GcJson gc, ScavengeJson scavenge, String text, long line, TruncationJson truncation) {

	/**
	 * Maps a finding.
	 * @param finding the finding
	 * @param withGoroutines whether to write every goroutine block
	 * @return the JSON view
	 */
	static FindingJson of(Finding finding, boolean withGoroutines) {
		Fingerprint fingerprint = finding.fingerprint();
		return new FindingJson(finding.type().id(), finding.kind().id(), finding.severity().id(), finding.message(),
				finding.messageInferred(), finding.panicChain(), finding.recovered(), finding.repanicked(),
				finding.signal(), (fingerprint != null) ? fingerprint.hash() : null,
				(fingerprint != null) ? fingerprint.components() : null, finding.mapRelated(), finding.goroutineCount(),
				GoroutineJson.of(finding.crashingGoroutine()), FrameJson.of(finding.topInAppFrame()),
				FrameJson.of(finding.culpritFrame()), finding.buckets().stream().map(BucketJson::of).toList(),
				withGoroutines ? finding.goroutines().stream().map(GoroutineJson::of).toList() : null,
				RaceJson.of(finding.race()), GcJson.of(finding.gc()), ScavengeJson.of(finding.scavenge()),
				finding.text(), finding.line(), TruncationJson.of(finding.truncation()));
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record BucketJson(int count, String state, List<Long> goroutineIds, List<FrameJson> frames, FrameJson createdBy) {

		static BucketJson of(GoroutineBucket bucket) {
			return new BucketJson(bucket.count(), bucket.state(), bucket.goroutineIds(),
					FrameJson.ofAll(bucket.frames()), FrameJson.of(bucket.createdBy()));
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RaceJson(List<RaceAccessJson> accesses, List<GoroutineJson> creations, Integer foundRaces,
			boolean detectedInTest) {

		static RaceJson of(RaceReport race) {
			if (race == null) {
				return null;
			}
			return new RaceJson(race.accesses().stream().map(RaceAccessJson::of).toList(),
					race.creations().stream().map(GoroutineJson::of).toList(), race.foundRaces(),
					race.detectedInTest());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RaceAccessJson(String operation, boolean previous, String address, Long goroutineId, boolean mainGoroutine,
			List<FrameJson> frames) {

		static RaceAccessJson of(RaceAccess access) {
			return new RaceAccessJson(access.operation(), access.previous(), access.address(), access.goroutineId(),
					access.mainGoroutine(), FrameJson.ofAll(access.frames()));
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record GcJson(long number, double atSeconds, int cpuPercent, double clockSweepTerminationMs, double clockMarkMs,
			double clockMarkTerminationMs, double cpuSweepTerminationMs, double cpuAssistMs, double cpuBackgroundMs,
			double cpuIdleMs, double cpuMarkTerminationMs, long heapBeforeMb, long heapAfterMb, long heapLiveMb,
			long goalMb, Long stacksMb, Long globalsMb, int procs, boolean forced, double pauseMs) {

		static GcJson of(GcCycle gc) {
			if (gc == null) {
				return null;
			}
			return new GcJson(gc.number(), gc.atSeconds(), gc.cpuPercent(), gc.clockSweepTerminationMs(),
					gc.clockMarkMs(), gc.clockMarkTerminationMs(), gc.cpuSweepTerminationMs(), gc.cpuAssistMs(),
					gc.cpuBackgroundMs(), gc.cpuIdleMs(), gc.cpuMarkTerminationMs(), gc.heapBeforeMb(),
					gc.heapAfterMb(), gc.heapLiveMb(), gc.goalMb(), gc.stacksMb(), gc.globalsMb(), gc.procs(),
					gc.forced(), gc.pauseMs());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ScavengeJson(Long workKib, Long backgroundWorkKib, Long eagerWorkKib, Long totalKib, Integer utilPercent,
			boolean forced, boolean controllerReset, Long releasedMb, Long inuseMb) {

		static ScavengeJson of(Scavenge scavenge) {
			if (scavenge == null) {
				return null;
			}
			return new ScavengeJson(scavenge.workKib(), scavenge.backgroundWorkKib(), scavenge.eagerWorkKib(),
					scavenge.totalKib(), scavenge.utilPercent(), scavenge.forced(), scavenge.controllerReset(),
					scavenge.releasedMb(), scavenge.inuseMb());
		}

	}

	record TruncationJson(boolean goroutines, boolean frames, boolean text, boolean lines, boolean incomplete) {

		static TruncationJson of(Truncation truncation) {
			if (truncation == null) {
				return null;
			}
			return new TruncationJson(truncation.goroutines(), truncation.frames(), truncation.text(),
					truncation.lines(), truncation.incomplete());
		}

	}

}
