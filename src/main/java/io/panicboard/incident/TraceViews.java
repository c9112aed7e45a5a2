package io.panicboard.incident;

import java.util.ArrayList;
import java.util.List;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Frame;
import io.panicboard.analysis.FrameOrigin;
import io.panicboard.analysis.Goroutine;
import io.panicboard.analysis.GoroutineBucket;
import io.panicboard.analysis.RaceAccess;
import io.panicboard.analysis.RaceReport;
import io.panicboard.incident.TraceView.AccessView;
import io.panicboard.incident.TraceView.BucketView;
import io.panicboard.incident.TraceView.CreationView;
import io.panicboard.incident.TraceView.FrameRun;
import io.panicboard.incident.TraceView.FrameView;
import io.panicboard.incident.TraceView.GoroutineView;
import io.panicboard.incident.TraceView.RaceView;

/**
 * Turns an analysed finding into the trace viewer's model.
 */
final class TraceViews {

	/** Goroutine ids listed per bucket; the count says how many there are. */
	static final int BUCKET_IDS = 12;

	private TraceViews() {
	}

	static TraceView of(Finding finding, SourceLinks sourceLinks) {
		SourceLinks links = sourceLinks.learnRoots(frames(finding));
		Goroutine crashing = finding.crashingGoroutine();
		List<BucketView> others = new ArrayList<>();
		int otherGoroutines = 0;
		for (GoroutineBucket bucket : finding.buckets()) {
			List<Long> ids = new ArrayList<>(bucket.goroutineIds());
			if (crashing != null) {
				ids.remove(Long.valueOf(crashing.id()));
			}
			if (ids.isEmpty()) {
				continue;
			}
			otherGoroutines += ids.size();
			others.add(new BucketView(ids.size(), bucket.state(),
					List.copyOf(ids.subList(0, Math.min(BUCKET_IDS, ids.size()))), ids.size() > BUCKET_IDS,
					runs(bucket.frames(), links), frame(bucket.createdBy(), links)));
		}
		GoroutineView crashingView = (crashing != null) ? goroutine(crashing, links) : null;
		RaceView race = (finding.race() != null) ? race(finding.race(), links) : null;
		return new TraceView(crashingView, others, otherGoroutines, race, finding.truncation().any());
	}

	private static List<Frame> frames(Finding finding) {
		List<Frame> frames = new ArrayList<>();
		for (Goroutine goroutine : finding.goroutines()) {
			frames.addAll(goroutine.frames());
		}
		if (finding.race() != null) {
			for (RaceAccess access : finding.race().accesses()) {
				frames.addAll(access.frames());
			}
			for (Goroutine created : finding.race().creations()) {
				frames.addAll(created.frames());
			}
		}
		return frames;
	}

	static GoroutineView goroutine(Goroutine g, SourceLinks links) {
		return new GoroutineView(g.id(), g.state(), g.waitMinutes(), g.lockedToThread(), runs(g.frames(), links),
				frame(g.createdBy(), links), g.createdByGoroutine(), g.elidedFrames(), g.framesTruncated());
	}

	private static RaceView race(RaceReport report, SourceLinks links) {
		List<AccessView> accesses = new ArrayList<>();
		for (RaceAccess access : report.accesses()) {
			CreationView creation = null;
			for (Goroutine created : report.creations()) {
				if (access.goroutineId() != null && created.id() == access.goroutineId()) {
					creation = new CreationView(created.id(), created.state(), runs(created.frames(), links));
					break;
				}
			}
			accesses.add(new AccessView(access.operation(), access.previous(), access.address(), access.goroutineId(),
					runs(access.frames(), links), creation));
		}
		return new RaceView(accesses, report.foundRaces(), report.detectedInTest());
	}

	/**
	 * Splits frames into runs: consecutive runtime and standard library frames form a
	 * collapsed run, unless the stack has no other frames (then nothing is folded away).
	 */
	static List<FrameRun> runs(List<Frame> frames, SourceLinks links) {
		boolean foldable = frames.stream().anyMatch((f) -> !f.origin().standard());
		List<FrameRun> runs = new ArrayList<>();
		List<FrameView> current = new ArrayList<>();
		boolean currentStandard = false;
		for (Frame frame : frames) {
			boolean standard = foldable && frame.origin().standard();
			if (!current.isEmpty() && standard != currentStandard) {
				runs.add(new FrameRun(currentStandard, current));
				current = new ArrayList<>();
			}
			currentStandard = standard;
			current.add(frame(frame, links));
		}
		if (!current.isEmpty()) {
			runs.add(new FrameRun(currentStandard, current));
		}
		return runs;
	}

	static FrameView frame(Frame frame, SourceLinks links) {
		if (frame == null) {
			return null;
		}
		return new FrameView(frame.function(), frame.location(), links.link(frame), origin(frame.origin()),
				frame.inlined());
	}

	static String origin(FrameOrigin origin) {
		return switch (origin) {
			case APPLICATION -> "app";
			case THIRD_PARTY -> "third-party";
			case STANDARD_LIBRARY -> "std";
			case RUNTIME -> "runtime";
		};
	}

}
