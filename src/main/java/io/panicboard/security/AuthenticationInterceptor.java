package io.panicboard.security;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Requires {@code Authorization: Bearer <token>} on every API call and stores the caller
 * as the request attribute {@link ApiPrincipal#ATTRIBUTE}. The bootstrap token, when
 * configured, is an admin for all services (token id 0), compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}; any other token is looked up as a stored token. Missing,
 * unknown and revoked tokens get 401 with {@code WWW-Authenticate: Bearer}. Tokens are
 * never logged nor echoed.
 */
final class AuthenticationInterceptor implements HandlerInterceptor {

	static final ApiPrincipal BOOTSTRAP = new ApiPrincipal(0, "bootstrap", TokenScope.ADMIN, null);

	private static final String SCHEME = "Bearer ";

	private static final int MAX_TOKEN_LENGTH = 1024;

	private final byte[] bootstrapDigest;

	private final Supplier<TokenAuthenticator> storedTokens;

	/**
	 * Creates the interceptor.
	 * @param bootstrapToken the bootstrap token, or {@code null}
	 * @param storedTokens the stored-token lookup, or a supplier of {@code null} where
	 * there is none (web slice tests): then only the bootstrap token is accepted
	 */
	AuthenticationInterceptor(String bootstrapToken, Supplier<TokenAuthenticator> storedTokens) {
		this.bootstrapDigest = (bootstrapToken != null && !bootstrapToken.isBlank())
				? TokenSecrets.sha256(bootstrapToken) : null;
		this.storedTokens = storedTokens;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST && ApiPrincipal.of(request).isPresent()) {
			return true; // an async or error dispatch of a request authenticated already
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			throw SecurityProblems.missingToken();
		}
		String presented = header.substring(SCHEME.length()).trim();
		ApiPrincipal principal = authenticate(presented).orElseThrow(SecurityProblems::invalidToken);
		request.setAttribute(ApiPrincipal.ATTRIBUTE, principal);
		return true;
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

}
