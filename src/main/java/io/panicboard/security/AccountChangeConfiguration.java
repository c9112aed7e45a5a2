package io.panicboard.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks every dashboard page request against the signed-in user's current account; see
 * {@link AccountChangeInterceptor}. Web slice tests have no user repository and skip the
 * check.
 */
@Configuration(proxyBeanMethods = false)
class AccountChangeConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<AppUsers> users;

	AccountChangeConfiguration(ObjectProvider<AppUsers> users) {
		this.users = users;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		AppUsers repository = this.users.getIfAvailable();
		if (repository != null) {
			registry.addInterceptor(new AccountChangeInterceptor(repository))
				.excludePathPatterns("/api/**", "/login", "/error", "/css/**", "/js/**", "/webjars/**", "/images/**",
						"/favicon.svg");
		}
	}

}
