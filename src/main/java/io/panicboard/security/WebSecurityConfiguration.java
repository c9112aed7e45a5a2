package io.panicboard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains. The API ({@code /api/**}), the metrics endpoint and the actuator are
 * stateless and authenticate bearer tokens in their own interceptor, so Spring Security
 * only adds its headers there. Every other path is the dashboard: form sign-in against
 * the users in PostgreSQL, sessions, CSRF on every form, and a strict
 * Content-Security-Policy (no inline scripts or styles).
 * <p>
 * Public only so that web slice tests of other modules can import it.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

	/** No inline script or style, nothing from another origin, no framing. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		// Authorization happens in the API's own interceptor; this chain stays minimal
		// because every ingestion request passes through it.
		return http.securityMatcher("/api/**", "/metrics", "/actuator/**")
			.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'")))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/favicon.svg", "/error")
				.permitAll()
				.requestMatchers("/admin/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/alerts/rules/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/incidents/**", "/alerts/**", "/slos/**", "/reports/**")
				.hasRole(Role.RESPONDER.name())
				// forms that only a responder can submit are not shown to viewers either
				.requestMatchers(HttpMethod.GET, "/reports/weekly/decide", "/slos/new", "/slos/*/edit")
				.hasRole(Role.RESPONDER.name())
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?signedOut"))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.addFilterBefore(new LoginThrottle(properties), UsernamePasswordAuthenticationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny())
				.permissionsPolicyHeader((permissions) -> permissions
					.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()")))
			.httpBasic((basic) -> basic.disable())
			.csrf(Customizer.withDefaults())
			.build();
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name())
			.implies(Role.RESPONDER.name())
			.role(Role.RESPONDER.name())
			.implies(Role.VIEWER.name())
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
