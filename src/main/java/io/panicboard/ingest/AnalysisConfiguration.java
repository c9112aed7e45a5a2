package io.panicboard.ingest;

import io.panicboard.analysis.TraceAnalyzer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The analysis engine and the ingestion settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class AnalysisConfiguration {

	@Bean
	TraceAnalyzer traceAnalyzer() {
		return new TraceAnalyzer();
	}

}
