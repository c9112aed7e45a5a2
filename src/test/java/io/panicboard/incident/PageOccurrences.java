package io.panicboard.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores real traces (from the corpus or written in a test) as occurrences through the
 * ingestion path's recorder, analysed by the real engine, for page tests.
 */
final class PageOccurrences {

	private final OccurrenceRecorder recorder;

	private final TransactionTemplate transactions;

	PageOccurrences(OccurrenceRecorder recorder, TransactionTemplate transactions) {
		this.recorder = recorder;
		this.transactions = transactions;
	}

	long record(String service, String text, String version, String instance, Instant at, String... inAppPrefixes) {
		Finding finding = new TraceAnalyzer().withInAppRules(new InAppRules(List.of(inAppPrefixes)))
			.analyze(text)
			.stream()
			.filter((f) -> f.type() != FindingType.GC)
			.findFirst()
			.orElseThrow();
		NewOccurrence occurrence = new NewOccurrence(service, "production", version, instance, null, at, Instant.now(),
				finding);
		return this.transactions.execute((status) -> this.recorder.record(List.of(occurrence))).get(0).incidentId();
	}

	static String corpus(String file) {
		try (InputStream in = PageOccurrences.class.getResourceAsStream("/corpus/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
