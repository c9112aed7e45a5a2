package io.panicboard.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Test beans of the alert tests: a clock the tests move, and no scheduled jobs (the tests
 * evaluate their own rules when they choose).
 */
@TestConfiguration(proxyBeanMethods = false)
class AlertTestConfiguration {

	@Bean
	@Primary
	MutableClock alertClock() {
		return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	/**
	 * No scheduled jobs: with the clock moved ahead, the mute expiry job would reopen
	 * incidents that other test classes muted, in the database they share.
	 */
	@Bean
	static BeanFactoryPostProcessor noScheduledJobs() {
		return (beanFactory) -> ((BeanDefinitionRegistry) beanFactory)
			.removeBeanDefinition(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
	}

}
