package io.panicboard.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The optional protection of {@code /metrics}: a bearer token, HTTP basic credentials, or
 * nothing. Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}, in
 * constant time.
 */
final class MetricsAccess {

	private final byte[] token;

	private final byte[] basic;

	MetricsAccess(MetricsProperties properties) {
		this.token = properties.tokenRequired() ? sha256(properties.bearerToken()) : null;
		this.basic = properties.basicRequired()
				? sha256(properties.username() + ":" + ((properties.password() != null) ? properties.password() : ""))
				: null;
	}

	/**
	 * Whether an {@code Authorization} header opens the endpoint.
	 * @param authorization the header, or {@code null}
	 * @return {@code true} when open or the credentials match
	 */
	boolean allows(String authorization) {
		if (this.token == null && this.basic == null) {
			return true;
		}
		if (authorization == null) {
			return false;
		}
		if (this.token != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return MessageDigest.isEqual(sha256(authorization.substring(7).trim()), this.token);
		}
		if (this.basic != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				return MessageDigest.isEqual(sha256(decoded), this.basic);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * The challenge of a 401.
	 * @return the {@code WWW-Authenticate} value
	 */
	String challenge() {
		return (this.token != null) ? "Bearer realm=\"panicboard-metrics\""
				: "Basic realm=\"panicboard-metrics\", charset=\"UTF-8\"";
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
