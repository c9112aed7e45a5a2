package io.panicboard.security;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSecretsTests {

	@Test
	void generatesPrefixedUrlSafeSecretsOf256Bits() {
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String secret = TokenSecrets.generate();
			assertThat(secret).matches("pbt_[A-Za-z0-9_-]{43}");
			assertThat(TokenSecrets.looksLikeSecret(secret)).isTrue();
			secrets.add(secret);
		}
		assertThat(secrets).hasSize(1000);
	}

	@Test
	void hashesAsLowerCaseSha256Hex() {
		assertThat(TokenSecrets.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void displaysFirstCharactersAfterPrefix() {
		assertThat(TokenSecrets.displayPrefix("pbt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abc")).isEqualTo("AbCdEfGh");
	}

	@Test
	void recognisesOtherStringsAsNoSecret() {
		assertThat(TokenSecrets.looksLikeSecret("pbt_short")).isFalse();
		assertThat(TokenSecrets.looksLikeSecret("s3cret-t0ken")).isFalse();
	}

}
