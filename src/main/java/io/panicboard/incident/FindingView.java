package io.panicboard.incident;

import java.util.List;

/**
 * One crash or race as the incident and analyze pages show it.
 *
 * @param type panic, fatal or race
 * @param fatal whether it is a fatal error (not recoverable)
 * @param kind the kind with its explanation and fix
 * @param severity the severity
 * @param message the message
 * @param messageInferred whether the text held no message line and kind and message were
 * read from its runtime frames
 * @param panicChain earlier panic values when there were several, oldest first
 * @param recovered whether a panic in the chain was recovered
 * @param repanicked whether Go printed {@code [recovered, repanicked]}
 * @param signal the signal line, or {@code null}
 * @param fingerprint the grouping key
 * @param fingerprintComponents the parts of the grouping key, explained
 * @param mapRelated whether the fault came from the map implementation
 * @param goroutineCount goroutine blocks in the trace
 * @param line the line of the input where it starts
 * @param trace the trace viewer's model
 */
record FindingView(String type, boolean fatal, KindView kind, String severity, String message, boolean messageInferred,
		List<String> panicChain, boolean recovered, boolean repanicked, String signal, String fingerprint,
		List<String> fingerprintComponents, boolean mapRelated, int goroutineCount, long line, TraceView trace) {

}
