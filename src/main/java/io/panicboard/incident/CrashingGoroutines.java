package io.panicboard.incident;

import java.util.ArrayList;
import java.util.List;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.Goroutine;
import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives the findings of a page of occurrences their {@code crashingGoroutine} in the
 * shape of {@code /api/v1/analyze} ({@code id}, {@code state}, {@code frames}, …). An
 * occurrence row stores only the goroutine's id ({@link StoredFinding}); the goroutine
 * itself is read from the row's clean trace text, analysed again here with the service's
 * in-app prefixes, like the incident page's trace. A text that no longer yields that
 * goroutine gives {@code {"id": n}}.
 */
@Component
class CrashingGoroutines {

	private static final String FIELD = "crashingGoroutine";

	private final TraceAnalyzer analyzer;

	private final ServiceCatalog services;

	private final JsonMapper json;

	CrashingGoroutines(ObjectProvider<TraceAnalyzer> analyzer, ServiceCatalog services, JsonMapper json) {
		this.analyzer = analyzer.getIfAvailable(TraceAnalyzer::new);
		this.services = services;
		this.json = json;
	}

	/**
	 * The occurrences of one service with their crashing goroutines written out.
	 * @param service the incident's service
	 * @param occurrences a page of its occurrences
	 * @return the same occurrences, in order
	 */
	List<OccurrenceView> expand(String service, List<OccurrenceView> occurrences) {
		if (occurrences.isEmpty()) {
			return occurrences;
		}
		List<String> prefixes = this.services.find(service).map(ServiceInfo::inAppPrefixes).orElse(List.of());
		TraceAnalyzer serviceAnalyzer = this.analyzer.withInAppRules(new InAppRules(prefixes));
		List<OccurrenceView> expanded = new ArrayList<>(occurrences.size());
		for (OccurrenceView occurrence : occurrences) {
			expanded.add(expand(occurrence, serviceAnalyzer));
		}
		return expanded;
	}

	private OccurrenceView expand(OccurrenceView occurrence, TraceAnalyzer serviceAnalyzer) {
		if (occurrence.finding() == null) {
			return occurrence;
		}
		JsonNode finding = this.json.readTree(occurrence.finding());
		JsonNode stored = finding.get(FIELD);
		if (!(finding instanceof ObjectNode object) || stored == null || !stored.isIntegralNumber()) {
			return occurrence;
		}
		long id = stored.longValue();
		Goroutine goroutine = crashing(serviceAnalyzer, occurrence);
		if (goroutine != null && goroutine.id() == id) {
			object.set(FIELD, this.json.valueToTree(GoroutineJson.of(goroutine)));
		}
		else {
			object.set(FIELD, this.json.createObjectNode().put("id", id));
		}
		return occurrence.withFinding(this.json.writeValueAsString(object));
	}

	/**
	 * The crashing goroutine of the finding the occurrence was stored for: the one with
	 * its fingerprint, else the first crash or race in the text.
	 */
	private static Goroutine crashing(TraceAnalyzer serviceAnalyzer, OccurrenceView occurrence) {
		if (occurrence.text() == null || occurrence.text().isEmpty()) {
			return null;
		}
		Finding chosen = null;
		for (Finding finding : serviceAnalyzer.analyze(occurrence.text())) {
			if (finding.fingerprint() != null && finding.fingerprint().hash().equals(occurrence.fingerprint())) {
				chosen = finding;
				break;
			}
			if (chosen == null && finding.type() != FindingType.GC) {
				chosen = finding;
			}
		}
		return (chosen != null) ? chosen.crashingGoroutine() : null;
	}

}
