package io.panicboard.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Fingerprint;
import io.panicboard.analysis.TraceAnalyzer;

/**
 * Occurrences built from a real nil-map-write trace of the corpus, with a chosen
 * fingerprint so that tests control the grouping.
 */
final class TestOccurrences {

	private static final Finding NIL_MAP_WRITE = analyze("generated/nilmap-basic.txt");

	private TestOccurrences() {
	}

	static NewOccurrence occurrence(String service, String fingerprint, String version, String instance, Instant at) {
		return new NewOccurrence(service, "production", version, instance, null, at, Instant.now(),
				finding(fingerprint));
	}

	static NewOccurrence occurrence(String service, String fingerprint, String message, Instant at) {
		return new NewOccurrence(service, "production", "1.0.0", "a", null, at, Instant.now(),
				finding(fingerprint, message));
	}

	static Finding finding(String fingerprint) {
		return finding(fingerprint, NIL_MAP_WRITE.message());
	}

	static Finding finding(String fingerprint, String message) {
		Finding f = NIL_MAP_WRITE;
		return new Finding(f.type(), f.kind(), f.severity(), message, f.panicChain(), f.recovered(), f.repanicked(),
				f.signal(), new Fingerprint(fingerprint, f.fingerprint().components()), f.mapRelated(),
				f.goroutineCount(), f.crashingGoroutine(), f.topInAppFrame(), f.culpritFrame(), f.goroutines(),
				f.race(), f.gc(), f.scavenge(), f.text(), f.line(), f.truncation(), f.messageInferred());
	}

	private static Finding analyze(String file) {
		try (InputStream in = TestOccurrences.class.getResourceAsStream("/corpus/" + file)) {
			List<Finding> findings = new TraceAnalyzer().analyze(in.readAllBytes());
			return findings.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
