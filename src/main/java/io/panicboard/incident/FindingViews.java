package io.panicboard.incident;

import java.util.List;
import java.util.Locale;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;

import org.springframework.stereotype.Component;

/**
 * Builds {@link FindingView}s from the analysis engine's findings.
 */
@Component
class FindingViews {

	private final KindGuide kinds;

	private final FingerprintComponents components;

	FindingViews(KindGuide kinds, FingerprintComponents components) {
		this.kinds = kinds;
		this.components = components;
	}

	FindingView of(Finding finding, SourceLinks links, Locale locale) {
		List<String> chain = finding.panicChain();
		List<String> earlier = (chain.size() > 1) ? chain.subList(0, chain.size() - 1) : List.of();
		String fingerprint = (finding.fingerprint() != null) ? finding.fingerprint().hash() : null;
		List<String> parts = (finding.fingerprint() != null)
				? this.components.explain(finding.fingerprint().components(), locale) : List.of();
		return new FindingView(finding.type().id(), finding.type() == FindingType.FATAL, this.kinds.of(finding.kind()),
				finding.severity().id(), finding.message(), finding.messageInferred(), earlier, finding.recovered(),
				finding.repanicked(), finding.signal(), fingerprint, parts, finding.mapRelated(),
				finding.goroutineCount(), finding.line(), TraceViews.of(finding, links));
	}

}
