package io.panicboard.ingest;

import io.panicboard.analysis.TraceAnalyzer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The analysis engine and the ingestion settings; scheduling for the job that stores
 * expired log stream tails.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IngestProperties.class)
class AnalysisConfiguration {

	@Bean
	TraceAnalyzer traceAnalyzer() {
		return new TraceAnalyzer();
	}

}
