package io.panicboard.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.panicboard.incident.RecordedOccurrence;

/**
 * The {@code 202 Accepted} answer of the ingestion endpoints.
 *
 * @param accepted events (or log streams) stored
 * @param duplicates events whose id was stored before
 * @param findings findings in what was stored (crashes, races and GC lines)
 * @param incidents the incidents the crashes and races were grouped into, each once
 */
record IngestResponse(int accepted, int duplicates, int findings, List<IncidentRef> incidents) {

	static IngestResponse of(IngestOutcome outcome) {
		Map<Long, Boolean> incidents = new LinkedHashMap<>();
		for (RecordedOccurrence occurrence : outcome.occurrences()) {
			incidents.merge(occurrence.incidentId(), occurrence.newIncident(), Boolean::logicalOr);
		}
		List<IncidentRef> refs = incidents.entrySet()
			.stream()
			.map((entry) -> new IncidentRef(entry.getKey(), entry.getValue()))
			.toList();
		return new IngestResponse(outcome.accepted(), outcome.duplicates(), outcome.findings(), refs);
	}

	/**
	 * An incident that received occurrences.
	 *
	 * @param id its id
	 * @param isNew whether this request opened it
	 */
	record IncidentRef(long id, @JsonProperty("new") boolean isNew) {
	}

}
