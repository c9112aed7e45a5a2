package io.panicboard.slo;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Enables the SLO settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SloProperties.class)
class SloConfiguration {

}
