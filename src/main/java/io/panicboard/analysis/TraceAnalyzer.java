package io.panicboard.analysis;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds Go crashes, race reports and GC trace lines in any text, from one pasted trace to
 * a log stream of many megabytes, and returns them as {@link Finding}s in order of
 * appearance.
 * <p>
 * The input is read as a stream through a fixed window. Ordinary log lines are skipped
 * without decoding (see {@code Anchors}); only the lines of a record are decoded and
 * parsed. Collector envelopes and line prefixes are removed, another writer's lines
 * inside a trace are tolerated, and every limit of {@link AnalysisLimits} is enforced
 * with a flag rather than an exception. Instances are immutable and thread-safe.
 */
public final class TraceAnalyzer {

	private final AnalysisLimits limits;

	private final InAppRules rules;

	/** An analyzer with the default limits and in-app rules. */
	public TraceAnalyzer() {
		this(AnalysisLimits.DEFAULTS, InAppRules.DEFAULTS);
	}

	/**
	 * An analyzer with the given limits and in-app rules.
	 * @param limits bounds per finding
	 * @param rules which frames are the service's own code
	 */
	public TraceAnalyzer(AnalysisLimits limits, InAppRules rules) {
		this.limits = limits;
		this.rules = rules;
	}

	/**
	 * The same analyzer with other in-app rules, for example a service's configured
	 * module prefixes.
	 * @param newRules the rules
	 * @return a new analyzer
	 */
	public TraceAnalyzer withInAppRules(InAppRules newRules) {
		return new TraceAnalyzer(this.limits, newRules);
	}

	/**
	 * Analyses a text.
	 * @param text any text
	 * @return the findings in order of appearance
	 */
	public List<Finding> analyze(String text) {
		return analyze(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Analyses bytes, read as UTF-8 (malformed sequences are replaced).
	 * @param bytes any bytes
	 * @return the findings in order of appearance
	 */
	public List<Finding> analyze(byte[] bytes) {
		List<Finding> findings = new ArrayList<>();
		new Scan(new LogReader(bytes, this.limits.maxLineBytes()), this.limits, this.rules, findings::add).run();
		return findings;
	}

	/**
	 * Analyses a stream, handing each finding to the sink as soon as it is complete (race
	 * reports wait for a following {@code Found N data race(s)} line for a few thousand
	 * lines). Never throws for any content of the input; an
	 * {@link java.io.UncheckedIOException} reports a failure to read it.
	 * @param in the stream, read to its end and not closed
	 * @param sink receives the findings
	 */
	public void analyze(InputStream in, Consumer<? super Finding> sink) {
		new Scan(new LogReader(in, this.limits.maxLineBytes()), this.limits, this.rules, sink).run();
	}

}
