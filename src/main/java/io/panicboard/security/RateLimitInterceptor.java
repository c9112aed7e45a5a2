package io.panicboard.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits the requests of each authenticated caller (runs after
 * {@link AuthenticationInterceptor}); over the limit answers 429 with
 * {@code Retry-After}.
 */
final class RateLimitInterceptor implements HandlerInterceptor {

	private final RateLimiter limiter;

	RateLimitInterceptor(RateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true; // counted when the request came in
		}
		ApiPrincipal principal = ApiAccess.principal(request);
		long retryAfterSeconds = this.limiter.tryAcquire(principal.tokenId());
		if (retryAfterSeconds > 0) {
			throw SecurityProblems.rateLimited(retryAfterSeconds, this.limiter.capacity());
		}
		return true;
	}

}
