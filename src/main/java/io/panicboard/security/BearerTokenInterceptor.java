package io.panicboard.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets an API call through only with {@code Authorization: Bearer <token>} carrying the
 * configured token. The token is compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the input differs and
 * whatever its length; the token is never logged.
 */
final class BearerTokenInterceptor implements HandlerInterceptor {

	private static final String SCHEME = "Bearer ";

	private final byte[] expectedDigest;

	BearerTokenInterceptor(String token) {
		this.expectedDigest = sha256(token);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			throw unauthorized("Send the API token as 'Authorization: Bearer <token>'.", "Bearer realm=\"panicboard\"");
		}
		String presented = header.substring(SCHEME.length()).trim();
		if (!MessageDigest.isEqual(sha256(presented), this.expectedDigest)) {
			throw unauthorized("The bearer token is not valid.",
					"Bearer realm=\"panicboard\", error=\"invalid_token\"");
		}
		return true;
	}

	private static ErrorResponseException unauthorized(String detail, String challenge) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setType(URI.create("/problems/unauthorized"));
		problem.setTitle("Unauthorized");
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
		ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return ex;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
