package io.panicboard.ingest;

import java.util.List;
import java.util.Map;

/**
 * The ingestion endpoints measured by {@link IngestRequestMetricsFilter}, by path; their
 * names are the {@code endpoint} label.
 */
final class IngestEndpoint {

	static final Map<String, String> BY_PATH = Map.of("/api/v1/events", "events", "/api/v1/logs", "logs",
			"/api/v1/analyze", "analyze", "/api/v1/deploys", "deploys", "/api/v1/metrics/expvar", "expvar",
			"/api/v1/heartbeats", "heartbeats");

	static final List<String> NAMES = BY_PATH.values().stream().sorted().toList();

	private IngestEndpoint() {
	}

}
