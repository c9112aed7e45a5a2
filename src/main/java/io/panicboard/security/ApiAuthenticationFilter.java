package io.panicboard.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Requires {@code Authorization: Bearer <token>} on every API call, stores the caller as
 * the request attribute {@link ApiPrincipal#ATTRIBUTE} and then takes the request from
 * the caller's rate limit. The bootstrap token, when configured, is an admin for all
 * services (token id 0), compared as SHA-256 digests with {@link MessageDigest#isEqual};
 * any other token is looked up as a stored token. Missing, unknown and revoked tokens get
 * 401 with {@code WWW-Authenticate: Bearer}. Tokens are never logged nor echoed.
 * <p>
 * A filter in Spring Security's chain for {@code /api/**}, not a Spring MVC interceptor:
 * Spring MVC refuses a wrong method (405) or content type (415) while it looks for the
 * handler, before any interceptor, and a caller without a valid token must learn no more
 * than 401. Its problems are rendered by the application's exception handlers, as those
 * of a controller. Runs once per request: async dispatches keep the caller.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

	static final ApiPrincipal BOOTSTRAP = new ApiPrincipal(0, "bootstrap", TokenScope.ADMIN, null);

	private static final String SCHEME = "Bearer ";

	private static final int MAX_TOKEN_LENGTH = 1024;

	private final byte[] bootstrapDigest;

	private final Supplier<TokenAuthenticator> storedTokens;

	private final RateLimiter rateLimiter;

	private final HandlerExceptionResolver problems;

	/**
	 * Creates the filter.
	 * @param bootstrapToken the bootstrap token, or {@code null}
	 * @param storedTokens the stored-token lookup, or a supplier of {@code null} where
	 * there is none (web slice tests): then only the bootstrap token is accepted
	 * @param rateLimiter the per-token rate limit, or {@code null} for none
	 * @param problems renders the problems (401, 429, 503) as Spring MVC renders those of
	 * a controller
	 */
	ApiAuthenticationFilter(String bootstrapToken, Supplier<TokenAuthenticator> storedTokens, RateLimiter rateLimiter,
			HandlerExceptionResolver problems) {
		this.bootstrapDigest = (bootstrapToken != null && !bootstrapToken.isBlank())
				? TokenSecrets.sha256(bootstrapToken) : null;
		this.storedTokens = storedTokens;
		this.rateLimiter = rateLimiter;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			ApiPrincipal principal = authenticate(request);
			request.setAttribute(ApiPrincipal.ATTRIBUTE, principal);
			limit(principal);
		}
		catch (RuntimeException ex) {
			// 401, 429, 503, or a 500 that says nothing, as a controller's would
			if (this.problems.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
			return;
		}
		chain.doFilter(request, response);
	}

	private ApiPrincipal authenticate(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			throw SecurityProblems.missingToken();
		}
		String presented = header.substring(SCHEME.length()).trim();
		return authenticate(presented).orElseThrow(SecurityProblems::invalidToken);
	}

	private Optional<ApiPrincipal> authenticate(String presented) {
		if (presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		if (this.bootstrapDigest != null
				&& MessageDigest.isEqual(TokenSecrets.sha256(presented), this.bootstrapDigest)) {
			return Optional.of(BOOTSTRAP);
		}
		TokenAuthenticator stored = this.storedTokens.get();
		return (stored != null) ? stored.authenticate(presented) : Optional.empty();
	}

	private void limit(ApiPrincipal principal) {
		if (this.rateLimiter == null) {
			return;
		}
		long retryAfterSeconds = this.rateLimiter.tryAcquire(principal.tokenId());
		if (retryAfterSeconds > 0) {
			throw SecurityProblems.rateLimited(retryAfterSeconds, this.rateLimiter.capacity());
		}
	}

}
