package io.panicboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets of stored tokens: {@code pbt_} followed by 256 random bits from
 * {@link SecureRandom} in URL-safe base64 without padding (43 characters). Only the
 * SHA-256 digest of a secret is stored; a plain digest suffices because the secret has
 * 256 bits of entropy, and looking a digest up by equality leaks nothing useful about a
 * secret through timing.
 */
final class TokenSecrets {

	static final String PREFIX = "pbt_";

	static final int DISPLAY_PREFIX_LENGTH = 8;

	private static final int SECRET_BYTES = 32;

	private static final SecureRandom random = new SecureRandom();

	private TokenSecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[SECRET_BYTES];
		random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static boolean looksLikeSecret(String value) {
		return value.startsWith(PREFIX) && value.length() == PREFIX.length() + 43;
	}

	static String displayPrefix(String secret) {
		return secret.substring(PREFIX.length(), PREFIX.length() + DISPLAY_PREFIX_LENGTH);
	}

	static String hash(String secret) {
		return HexFormat.of().formatHex(sha256(secret));
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
