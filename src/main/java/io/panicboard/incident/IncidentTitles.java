package io.panicboard.incident;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Frame;

/**
 * Names an incident after its kind and the code that failed, e.g.
 * {@code nil_map_write in main.(*Index).Add}.
 */
final class IncidentTitles {

	private IncidentTitles() {
	}

	static String title(Finding finding) {
		Frame culprit = culprit(finding);
		return (culprit != null) ? finding.kind().id() + " in " + culprit.function() : finding.kind().id();
	}

	/**
	 * The innermost application frame, else the innermost frame outside the runtime and
	 * standard library.
	 */
	static Frame culprit(Finding finding) {
		return (finding.topInAppFrame() != null) ? finding.topInAppFrame() : finding.culpritFrame();
	}

}
