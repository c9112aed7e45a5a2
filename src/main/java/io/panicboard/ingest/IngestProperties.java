package io.panicboard.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingestion API ({@code panicboard.ingest.*}).
 *
 * @param maxAnalyzeSize the largest body {@code POST /api/v1/analyze} reads, counted
 * after any {@code Content-Encoding} is undone; larger bodies get 413
 */
@ConfigurationProperties("panicboard.ingest")
@Validated
record IngestProperties(@DefaultValue("10MB") DataSize maxAnalyzeSize) {

	IngestProperties {
		if (maxAnalyzeSize.toBytes() < 1) {
			throw new IllegalArgumentException("panicboard.ingest.max-analyze-size must be positive");
		}
	}

}
