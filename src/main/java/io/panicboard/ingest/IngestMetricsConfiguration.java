package io.panicboard.ingest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers {@link IngestRequestMetricsFilter} on the ingestion endpoints, ahead of
 * Spring Security's filters.
 */
@Configuration(proxyBeanMethods = false)
class IngestMetricsConfiguration {

	@Bean
	FilterRegistrationBean<IngestRequestMetricsFilter> ingestRequestMetricsFilter(IngestMetrics metrics) {
		FilterRegistrationBean<IngestRequestMetricsFilter> registration = new FilterRegistrationBean<>(
				new IngestRequestMetricsFilter(metrics));
		registration.setUrlPatterns(IngestEndpoint.BY_PATH.keySet());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
