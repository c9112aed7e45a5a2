package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.panicboard.analysis.TraceAnalyzer;
import org.junit.jupiter.api.Test;

import static io.panicboard.ingest.EventsControllerTests.corpus;
import static org.assertj.core.api.Assertions.assertThat;

class StreamAnalysisTests {

	private static final TraceAnalyzer analyzer = new TraceAnalyzer();

	private static final String LOG = "INFO one\nINFO two\n";

	private static final String AFTER = "INFO three\nINFO four\nINFO five\nINFO six\n";

	@Test
	void storesARecordFollowedByMoreThanThreeLines() {
		StreamAnalysis.Result result = analyze(null, LOG + corpus("nilmap-basic.txt") + AFTER);
		assertThat(result.fromBody()).hasSize(1);
		assertThat(result.newTail()).isNull();
	}

	@Test
	void keepsARecordThatReachesTheEnd() {
		StreamAnalysis.Result result = analyze(null, LOG + corpus("nilmap-basic.txt") + "INFO three\n");
		assertThat(result.fromBody()).isEmpty();
		assertThat(new String(result.newTail(), StandardCharsets.UTF_8))
			.isEqualTo(corpus("nilmap-basic.txt") + "INFO three\n");
	}

	@Test
	void keepsAPartialLastLine() {
		StreamAnalysis.Result result = analyze(null, LOG + "INFO pan");
		assertThat(new String(result.newTail(), StandardCharsets.UTF_8)).isEqualTo("INFO pan");
	}

	@Test
	void joinsTheTailWithTheBody() {
		String trace = corpus("nilmap-basic.txt");
		int cut = trace.indexOf("main.main()") + 4;
		StreamAnalysis.Result first = analyze(null, LOG + trace.substring(0, cut));
		assertThat(first.fromBody()).isEmpty();
		StreamAnalysis.Result second = analyze(first.newTail(), trace.substring(cut) + AFTER);
		assertThat(second.fromPriorTail()).hasSize(1);
		assertThat(second.fromBody()).isEmpty();
		assertThat(second.fromPriorTail().get(0).fingerprint()).isEqualTo(analyzer.analyze(trace).get(0).fingerprint());
	}

	@Test
	void keepsNothingAtTheEndOfTheStream() {
		StreamAnalysis.Result result = StreamAnalysis.analyze(analyzer, null,
				new ByteArrayInputStream(
						(LOG + "panic: x\n\ngoroutine 1 [running]:\n").getBytes(StandardCharsets.UTF_8)),
				256 * 1024, true);
		assertThat(result.fromBody()).hasSize(1);
		assertThat(result.newTail()).isNull();
	}

	@Test
	void storesATailLongerThanTheLimitAsItIs() {
		StreamAnalysis.Result result = StreamAnalysis.analyze(analyzer, null,
				new ByteArrayInputStream((LOG + corpus("nilmap-basic.txt")).getBytes(StandardCharsets.UTF_8)), 16,
				false);
		assertThat(result.fromBody()).hasSize(1);
		assertThat(result.fromBody().get(0).truncation().incomplete()).isTrue();
		assertThat(result.newTail()).isNull();
	}

	@Test
	void flagsNothingIncompleteThatWasNotCut() {
		StreamAnalysis.Result result = analyze(null, LOG + corpus("nilmap-basic.txt") + AFTER);
		assertThat(result.fromBody().get(0).truncation().incomplete()).isFalse();
	}

	private static StreamAnalysis.Result analyze(byte[] tail, String body) {
		return StreamAnalysis.analyze(analyzer, tail, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
				256 * 1024, false);
	}

}
