package io.panicboard.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requires the bootstrap token on {@code /api/**} when one is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class ApiSecurityConfiguration implements WebMvcConfigurer {

	private static final Log logger = LogFactory.getLog(ApiSecurityConfiguration.class);

	private final SecurityProperties properties;

	ApiSecurityConfiguration(SecurityProperties properties) {
		this.properties = properties;
		if (!properties.tokenRequired()) {
			logger.warn("PANICBOARD_BOOTSTRAP_TOKEN is not set: /api/** takes calls without a token "
					+ "(development default)");
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (this.properties.tokenRequired()) {
			registry.addInterceptor(new BearerTokenInterceptor(this.properties.bootstrapToken()))
				.addPathPatterns("/api/**");
		}
	}

}
