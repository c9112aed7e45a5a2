package io.panicboard.system;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How browsers may keep the files the pages load. A WebJar's path names its version, so
 * its files never change under one address: they are kept for a year without asking
 * again. The stylesheet and the pages' own script ({@code /css/**}, {@code /js/**}) keep
 * their address across releases, so a browser asks each time and gets a 304 while they
 * are unchanged ({@code spring.web.resources.cache.cachecontrol.no-cache}).
 * <p>
 * Registered before Spring Boot's resource handlers, which leave a pattern that is
 * already mapped alone.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaticResourcesConfiguration implements WebMvcConfigurer {

	/** The cache lifetime of a WebJar's files. */
	static final Duration WEBJARS_MAX_AGE = Duration.ofDays(365);

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.maxAge(WEBJARS_MAX_AGE).cachePublic().immutable());
	}

}
