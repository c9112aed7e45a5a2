package io.panicboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.panicboard.security.ApiPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Real stored API tokens for tests that call the API through MockMvc: the token row is
 * written to {@code api_token} the first time a principal is used in this JVM (its secret
 * derived from the principal's name, so a run always uses the same one), and the request
 * carries it as a bearer token through the real authentication.
 */
public final class TestTokens {

	/** Names of the tokens already written to the one test database of this JVM. */
	private static final Set<String> STORED = ConcurrentHashMap.newKeySet();

	private TestTokens() {
	}

	/**
	 * Authenticates a request as a stored token with the principal's name, scope and
	 * service (its id is whatever the database assigns).
	 * @param principal the name, scope and service of the token
	 * @return the post-processor adding the {@code Authorization} header
	 */
	public static RequestPostProcessor as(ApiPrincipal principal) {
		String secret = secret(principal.name());
		return (request) -> {
			if (STORED.add(principal.name())) {
				store(request, principal, secret);
			}
			request.addHeader("Authorization", "Bearer " + secret);
			return request;
		};
	}

	/**
	 * The {@code Authorization} header value of a stored token, for tests that call the
	 * API over real HTTP.
	 * @param jdbc the test database
	 * @param principal the name, scope and service of the token
	 * @return {@code Bearer <secret>}
	 */
	public static String bearer(JdbcClient jdbc, ApiPrincipal principal) {
		String secret = secret(principal.name());
		if (STORED.add(principal.name())) {
			store(jdbc, principal, secret);
		}
		return "Bearer " + secret;
	}

	private static void store(MockHttpServletRequest request, ApiPrincipal principal, String secret) {
		store(WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext())
			.getBean(JdbcClient.class), principal, secret);
	}

	private static void store(JdbcClient jdbc, ApiPrincipal principal, String secret) {
		jdbc.sql("""
				INSERT INTO api_token (name, secret_hash, display_prefix, scope, service, created_by)
				VALUES (?, ?, ?, ?, ?, 'test') ON CONFLICT (secret_hash) DO NOTHING""")
			.params(principal.name(), sha256(secret), secret.substring(4, 12), principal.scope().id(),
					principal.service())
			.update();
	}

	private static String secret(String name) {
		byte[] digest = digest(("panicboard test token " + name).getBytes(StandardCharsets.UTF_8));
		return "pbt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static String sha256(String secret) {
		return HexFormat.of().formatHex(digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] digest(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
