package io.panicboard.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the JVM's metrics (the simpleclient's hotspot collectors, as
 * {@code DefaultExports} would) and the database gauges in the one registry.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

	MetricsConfiguration(CollectorRegistry registry) {
		DefaultExports.register(registry);
	}

	@Bean
	DatabaseGauges databaseGauges(CollectorRegistry registry) {
		return new DatabaseGauges().register(registry);
	}

}
