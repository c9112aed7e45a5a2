package io.panicboard.system;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link Clock} of the application, in UTC; services take it so that tests can
 * control time. And the {@link EventTimeLimits} of the times events bring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventTimeLimits.class)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
