package io.panicboard.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in attempts per client address (a token bucket each, Bucket4j), whatever
 * user name they try, so that guessing across many accounts is as slow as guessing one.
 * Over the limit the attempt is not even checked: the sign-in page says to wait.
 */
class LoginThrottle extends OncePerRequestFilter {

	/**
	 * Past this many addresses, full buckets (which a new one would equal) are dropped.
	 */
	private static final int MAX_TRACKED_ADDRESSES = 100_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int attemptsPerMinute;

	LoginThrottle(SecurityProperties properties) {
		this.attemptsPerMinute = properties.security().login().attemptsPerMinute();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.buckets.size() >= MAX_TRACKED_ADDRESSES) {
			this.buckets.values().removeIf((full) -> full.getAvailableTokens() >= this.attemptsPerMinute);
		}
		Bucket bucket = this.buckets.computeIfAbsent(request.getRemoteAddr(), (address) -> newBucket());
		if (bucket.tryConsume(1)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader("Retry-After", "60");
		response.sendRedirect(request.getContextPath() + "/login?throttled");
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.attemptsPerMinute)
				.refillGreedy(this.attemptsPerMinute, Duration.ofMinutes(1)))
			.build();
	}

}
