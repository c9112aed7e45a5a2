package io.panicboard.review;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * The review tests' context: Thursday 2026-11-05 (week 2026-W45) as the time, no
 * scheduled jobs (the review's delivery is tested without its scheduler).
 */
@TestConfiguration(proxyBeanMethods = false)
class ReviewTestConfiguration {

	static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");

	@Bean
	@Primary
	Clock reviewClock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	@Bean
	static BeanFactoryPostProcessor noScheduledJobs() {
		return (beanFactory) -> ((BeanDefinitionRegistry) beanFactory)
			.removeBeanDefinition(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
	}

}
