package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.analysis.Truncation;

/**
 * Analyses one request's part of a log stream, joined with the unfinished end (tail) of
 * the stream's previous request, and decides which findings to store now and which text
 * to keep for the next request.
 * <p>
 * The rule: the <em>last</em> crash or race record of the text is <em>open</em> when the
 * engine flags it incomplete or when at most {@value #MAX_TRAILING_LINES} lines follow
 * its last line (the engine tolerates up to three foreign lines inside a record, so such
 * a record may go on in the next request). The text from the first line of an open record
 * to the end is kept as the new tail, and nothing that starts in it is stored now: it is
 * analysed again, joined with the next request. When no record is open but the text ends
 * in the middle of a line, that partial line is kept instead. A tail longer than the
 * limit is not kept: its findings are stored as they are, flagged incomplete
 * ({@link Truncation#incomplete()}), since their rest, if any, comes in the next request
 * and is not joined. With {@code last} set (the stream ended) nothing is kept.
 */
final class StreamAnalysis {

	static final int MAX_TRAILING_LINES = 3;

	private StreamAnalysis() {
	}

	/**
	 * Analyses a body.
	 * @param analyzer the engine with the service's rules
	 * @param priorTail the previous request's tail to join, or {@code null}
	 * @param body the body
	 * @param maxTail the longest tail kept
	 * @param last whether the stream ends with this body
	 * @return the findings and the new tail
	 */
	static Result analyze(TraceAnalyzer analyzer, byte[] priorTail, InputStream body, int maxTail, boolean last) {
		InputStream in = (priorTail != null) ? new SequenceInputStream(new ByteArrayInputStream(priorTail), body)
				: body;
		TailRecorder recorder = new TailRecorder(in, maxTail);
		List<Finding> findings = new ArrayList<>();
		analyzer.analyze(recorder, findings::add);
		long cut = last ? 0 : cutLine(findings, recorder);
		byte[] newTail = (cut > 0) ? recorder.from(cut) : null;
		long tailLines = (priorTail != null) ? linesOf(priorTail) : 0;
		List<Finding> fromPriorTail = new ArrayList<>();
		List<Finding> fromBody = new ArrayList<>();
		for (Finding finding : findings) {
			if (cut > 0 && finding.line() >= cut) {
				if (newTail != null) {
					continue;
				}
				// the tail was too long to keep: what may go on in the next request is
				// lost
				finding = incomplete(finding);
			}
			((finding.line() <= tailLines) ? fromPriorTail : fromBody).add(finding);
		}
		return new Result(fromPriorTail, fromBody, newTail);
	}

	private static long cutLine(List<Finding> findings, TailRecorder recorder) {
		Finding lastRecord = null;
		for (Finding finding : findings) {
			if (finding.type() != FindingType.GC && (lastRecord == null || finding.line() > lastRecord.line())) {
				lastRecord = finding;
			}
		}
		if (lastRecord != null && !lastRecord.truncation().text()) {
			long lastLine = lastRecord.line() + linesOf(lastRecord.text()) - 1;
			if (lastRecord.truncation().incomplete() || recorder.lines() - lastLine <= MAX_TRAILING_LINES) {
				return lastRecord.line();
			}
		}
		return (recorder.size() > 0 && !recorder.endsWithLineFeed()) ? recorder.lines() : 0;
	}

	private static Finding incomplete(Finding f) {
		if (f.type() == FindingType.GC || f.truncation().incomplete()) {
			return f;
		}
		Truncation t = f.truncation();
		return new Finding(f.type(), f.kind(), f.severity(), f.message(), f.panicChain(), f.recovered(), f.repanicked(),
				f.signal(), f.fingerprint(), f.mapRelated(), f.goroutineCount(), f.crashingGoroutine(),
				f.topInAppFrame(), f.culpritFrame(), f.goroutines(), f.race(), f.gc(), f.scavenge(), f.text(), f.line(),
				new Truncation(t.goroutines(), t.frames(), t.text(), t.lines(), true), f.messageInferred());
	}

	static long linesOf(byte[] text) {
		long lines = 0;
		for (byte b : text) {
			if (b == '\n') {
				lines++;
			}
		}
		return (text.length > 0 && text[text.length - 1] != '\n') ? lines + 1 : lines;
	}

	private static long linesOf(String text) {
		long lines = text.chars().filter((c) -> c == '\n').count();
		return (!text.isEmpty() && !text.endsWith("\n")) ? lines + 1 : Math.max(lines, 1);
	}

	/**
	 * What to store and keep.
	 *
	 * @param fromPriorTail findings that start in the joined tail: stored only if the
	 * tail is still unclaimed when the batch commits
	 * @param fromBody findings that start in the body and end before the new tail
	 * @param newTail the text to keep for the next request, or {@code null}
	 */
	record Result(List<Finding> fromPriorTail, List<Finding> fromBody, byte[] newTail) {
	}

}
