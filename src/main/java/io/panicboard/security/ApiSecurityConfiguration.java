package io.panicboard.security;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authenticates every {@code /api/**} call, then applies the per-token rate limit, and
 * lets controllers take the caller as an {@link ApiPrincipal} parameter.
 * <p>
 * The stored-token lookup is optional so that web slice tests, which have no database,
 * run with the bootstrap token alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class ApiSecurityConfiguration implements WebMvcConfigurer {

	private static final Log logger = LogFactory.getLog(ApiSecurityConfiguration.class);

	private final SecurityProperties properties;

	private final ObjectProvider<TokenAuthenticator> storedTokens;

	private final RateLimiter rateLimiter;

	ApiSecurityConfiguration(SecurityProperties properties, ObjectProvider<TokenAuthenticator> storedTokens) {
		this.properties = properties;
		this.storedTokens = storedTokens;
		this.rateLimiter = new RateLimiter(properties.security().rateLimit());
		if (!properties.hasBootstrapToken()) {
			logger.info("PANICBOARD_BOOTSTRAP_TOKEN is not set: /api/** accepts stored API tokens only");
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry
			.addInterceptor(
					new AuthenticationInterceptor(this.properties.bootstrapToken(), this.storedTokens::getIfAvailable))
			.addPathPatterns("/api/**");
		if (this.properties.security().rateLimit().enabled()) {
			registry.addInterceptor(new RateLimitInterceptor(this.rateLimiter)).addPathPatterns("/api/**");
		}
		registry.addInterceptor(new CurrentUserInterceptor()).excludePathPatterns("/api/**");
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiPrincipalArgumentResolver());
	}

}
