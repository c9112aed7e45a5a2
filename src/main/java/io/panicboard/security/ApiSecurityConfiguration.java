package io.panicboard.security;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets API controllers take the caller, authenticated by {@link ApiAuthenticationFilter},
 * as an {@link ApiPrincipal} parameter, and gives every page the signed-in user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class ApiSecurityConfiguration implements WebMvcConfigurer {

	private static final Log logger = LogFactory.getLog(ApiSecurityConfiguration.class);

	ApiSecurityConfiguration(SecurityProperties properties) {
		if (!properties.hasBootstrapToken()) {
			logger.info("PANICBOARD_BOOTSTRAP_TOKEN is not set: /api/** accepts stored API tokens only");
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new CurrentUserInterceptor()).excludePathPatterns("/api/**");
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiPrincipalArgumentResolver());
	}

}
