package io.panicboard.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Three filter chains. The API ({@code /api/**}) is stateless and authenticates bearer
 * tokens in {@link ApiAuthenticationFilter}, before Spring MVC sees the request. The
 * metrics endpoint and the actuator are stateless too and check their own credentials, so
 * Spring Security only adds its headers there. Every other path is the dashboard: form
 * sign-in against the users in PostgreSQL, sessions, CSRF on every form, and a strict
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
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties,
			ObjectProvider<TokenAuthenticator> storedTokens,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) throws Exception {
		// The stored-token lookup is optional so that web slice tests, which have no
		// database, run with the bootstrap token alone.
		SecurityProperties.RateLimit rateLimit = properties.security().rateLimit();
		ApiAuthenticationFilter authentication = new ApiAuthenticationFilter(properties.bootstrapToken(),
				storedTokens::getIfAvailable, rateLimit.enabled() ? new RateLimiter(rateLimit) : null, problems);
		return stateless(http.securityMatcher("/api/**")).addFilterAfter(authentication, HeaderWriterFilter.class)
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain metricsSecurity(HttpSecurity http) throws Exception {
		return stateless(http.securityMatcher("/metrics", "/actuator/**")).build();
	}

	/**
	 * A chain that stays minimal, because every ingestion request passes through it: no
	 * session, no CSRF (no cookies are taken), only the headers.
	 */
	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'")));
	}

	@Bean
	@Order(3)
	SecurityFilterChain webSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/images/**", "/favicon.svg", "/error")
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
			// as the default handler, but the error page can tell a form whose CSRF token
			// expired with its session from a role that does not allow the action
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler((request, response, denied) -> {
				if (!response.isCommitted()) {
					request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
					response.sendError(HttpStatus.FORBIDDEN.value());
				}
			}))
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
