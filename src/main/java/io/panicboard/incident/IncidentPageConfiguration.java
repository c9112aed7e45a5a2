package io.panicboard.incident;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link IncidentPageProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentPageProperties.class)
class IncidentPageConfiguration {

}
