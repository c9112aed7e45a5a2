package io.panicboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Finds the caller of a presented stored-token secret by the secret's SHA-256 digest.
 * <p>
 * Valid tokens are kept in memory for {@code panicboard.security.token-cache-ttl}, so a
 * stream of requests does not ask the database every time; revoking a token on this
 * replica drops it at once. {@code last_used_at} is written at most once a minute per
 * token, and the update's own condition keeps it so across replicas.
 */
@Component
class TokenAuthenticator {

	static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private static final int MAX_CACHED_TOKENS = 10_000;

	private static final Log logger = LogFactory.getLog(TokenAuthenticator.class);

	private final TokenStore store;

	private final Duration cacheTtl;

	private final Clock clock;

	private final Map<String, Entry> cache = new ConcurrentHashMap<>();

	TokenAuthenticator(TokenStore store, SecurityProperties properties) {
		this.store = store;
		this.cacheTtl = properties.security().tokenCacheTtl();
		this.clock = Clock.systemUTC();
	}

	/**
	 * The caller a secret stands for.
	 * @param secret the presented secret
	 * @return the caller, or empty when no valid (unrevoked) token has this secret
	 */
	Optional<ApiPrincipal> authenticate(String secret) {
		if (!TokenSecrets.looksLikeSecret(secret)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		String hash = TokenSecrets.hash(secret);
		Entry entry = this.cache.get(hash);
		if (entry == null || entry.expired(now)) {
			entry = load(hash, now);
			if (entry == null) {
				return Optional.empty();
			}
		}
		touch(entry, now);
		return Optional.of(entry.principal);
	}

	/**
	 * Forgets a token, after it was revoked.
	 * @param tokenId the token's id
	 */
	void evict(long tokenId) {
		this.cache.values().removeIf((entry) -> entry.principal.tokenId() == tokenId);
	}

	private Entry load(String hash, Instant now) {
		Optional<StoredToken> token;
		try {
			token = this.store.findByHash(hash);
		}
		catch (DataAccessException ex) {
			throw SecurityProblems.tokenStoreUnavailable(ex);
		}
		if (token.isEmpty() || token.get().revoked()) {
			this.cache.remove(hash);
			return null;
		}
		Entry entry = new Entry(token.get().principal(), token.get().lastUsedAt(), now.plus(this.cacheTtl));
		if (!this.cacheTtl.isZero()) {
			if (this.cache.size() >= MAX_CACHED_TOKENS) {
				this.cache.values().removeIf((cached) -> cached.expired(now));
			}
			if (this.cache.size() < MAX_CACHED_TOKENS) {
				this.cache.put(hash, entry);
			}
		}
		return entry;
	}

	private void touch(Entry entry, Instant now) {
		Instant notAfter = now.minus(LAST_USED_RESOLUTION);
		Instant lastUsed = entry.lastUsedAt;
		if ((lastUsed != null && lastUsed.isAfter(notAfter)) || !entry.touching.compareAndSet(false, true)) {
			return;
		}
		try {
			this.store.touch(entry.principal.tokenId(), now, notAfter);
			entry.lastUsedAt = now;
		}
		catch (DataAccessException ex) {
			// Not worth failing the request for; the next request tries again.
			logger.warn("Could not record the last use of API token " + entry.principal.tokenId() + ": " + ex);
		}
		finally {
			entry.touching.set(false);
		}
	}

	private static final class Entry {

		final ApiPrincipal principal;

		final Instant expiresAt;

		final AtomicBoolean touching = new AtomicBoolean();

		volatile Instant lastUsedAt;

		Entry(ApiPrincipal principal, Instant lastUsedAt, Instant expiresAt) {
			this.principal = principal;
			this.lastUsedAt = lastUsedAt;
			this.expiresAt = expiresAt;
		}

		boolean expired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
