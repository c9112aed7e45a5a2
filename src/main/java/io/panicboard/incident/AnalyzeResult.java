package io.panicboard.incident;

import java.util.List;

import io.panicboard.analysis.GcCycle;

/**
 * What the analyze page found in a pasted text.
 *
 * @param findings the crashes and races, in order of appearance, up to the page's limit
 * @param moreFindings crashes and races beyond the limit, counted only
 * @param gcCycles gctrace cycle lines found
 * @param scavengerLines scavenger trace lines found
 * @param firstCycles the first gctrace cycles, for a table
 * @param gcKind the gctrace kind's explanation
 */
record AnalyzeResult(List<FindingView> findings, int moreFindings, int gcCycles, int scavengerLines,
		List<GcCycle> firstCycles, KindView gcKind) {

	public boolean empty() {
		return this.findings.isEmpty() && this.moreFindings == 0 && this.gcCycles == 0 && this.scavengerLines == 0;
	}

}
