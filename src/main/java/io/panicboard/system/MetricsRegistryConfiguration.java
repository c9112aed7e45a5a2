package io.panicboard.system;

import io.prometheus.client.CollectorRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one metrics registry of the application: every module registers its Prometheus
 * collectors into this {@link CollectorRegistry} bean, and {@code GET /metrics} writes
 * it. It is a registry of its own rather than {@link CollectorRegistry#defaultRegistry},
 * so that each application context (each test context too) starts empty. Micrometer's
 * registry is left out of the build on purpose. {@link MetricLabels} bounds the series
 * that senders' service and environment names create in it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricLabelProperties.class)
public class MetricsRegistryConfiguration {

	@Bean
	CollectorRegistry collectorRegistry() {
		return new CollectorRegistry(true);
	}

}
