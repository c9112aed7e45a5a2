package io.panicboard.incident;

import java.util.List;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.TraceView.FrameRun;
import io.panicboard.incident.TraceView.FrameView;
import org.junit.jupiter.api.Test;

import static io.panicboard.incident.PageOccurrences.corpus;
import static org.assertj.core.api.Assertions.assertThat;

class TraceViewsTests {

	@Test
	void foldsRunsOfRuntimeFramesAroundTheApplicationFrames() {
		TraceView trace = trace("generated/nilmap-basic-traceback-system-go1.23.txt");
		List<FrameRun> runs = trace.crashing().runs();
		assertThat(runs).extracting(FrameRun::collapsed).containsExactly(true, false, true);
		assertThat(runs.get(0).frames()).extracting(FrameView::function)
			.containsExactly("panic", "runtime.mapassign_faststr");
		assertThat(runs.get(1).frames()).extracting(FrameView::origin).containsExactly("app");
		assertThat(runs.get(2).frames()).extracting(FrameView::origin).containsOnly("runtime");
	}

	@Test
	void bucketsTheOtherGoroutinesWithoutTheCrashingOne() {
		TraceView trace = trace("generated/nilmap-basic-traceback-system-go1.23.txt");
		assertThat(trace.crashing().id()).isEqualTo(1);
		assertThat(trace.others()).allSatisfy((bucket) -> assertThat(bucket.ids()).doesNotContain(1L));
		assertThat(trace.otherGoroutines())
			.isEqualTo(trace.others().stream().mapToInt(TraceView.BucketView::count).sum())
			.isPositive();
	}

	@Test
	void keepsStacksWithoutOwnCodeUnfolded() {
		TraceView trace = trace("generated/nilmap-basic-traceback-system-go1.23.txt");
		// the runtime's own goroutines (GC workers and the like) have nothing to fold
		// away
		// from
		assertThat(trace.others())
			.allSatisfy((bucket) -> assertThat(bucket.runs()).extracting(FrameRun::collapsed).containsOnly(false));
	}

	@Test
	void pairsEachRaceAccessWithTheStackThatCreatedItsGoroutine() {
		TraceView trace = trace("generated/race-map-writes.txt");
		assertThat(trace.crashing()).isNull();
		assertThat(trace.race().accesses()).hasSize(2).satisfiesExactly((write) -> {
			assertThat(write.operation()).isEqualTo("write");
			assertThat(write.previous()).isFalse();
			assertThat(write.creation().goroutineId()).isEqualTo(7);
			assertThat(write.creation().state()).isEqualTo("running");
		}, (read) -> {
			assertThat(read.operation()).isEqualTo("read");
			assertThat(read.previous()).isTrue();
			assertThat(read.creation().goroutineId()).isEqualTo(8);
			assertThat(read.creation().state()).isEqualTo("finished");
		});
		assertThat(trace.race().foundRaces()).isEqualTo(1);
	}

	@Test
	void showsWhereAGoroutineWasCreated() {
		TraceView trace = trace("generated/nilmap-goroutine-go1.23.txt");
		assertThat(trace.crashing().createdBy().function()).isEqualTo("main.main");
		assertThat(trace.crashing().createdByGoroutine()).isEqualTo(1);
	}

	private static TraceView trace(String file) {
		Finding finding = new TraceAnalyzer().analyze(corpus(file)).get(0);
		return TraceViews.of(finding, SourceLinks.NONE);
	}

}
