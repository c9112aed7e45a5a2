package io.panicboard.security;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and revokes stored API tokens.
 */
@Service
class ApiTokens {

	private final TokenStore store;

	private final TokenAuthenticator authenticator;

	private final ApplicationEventPublisher events;

	ApiTokens(TokenStore store, TokenAuthenticator authenticator, ApplicationEventPublisher events) {
		this.store = store;
		this.authenticator = authenticator;
		this.events = events;
	}

	/**
	 * Creates a token and publishes {@link ApiTokenCreated} in the same transaction.
	 * @param name the token's name
	 * @param scope its scope
	 * @param service the one service of an ingest token, or {@code null}
	 * @param creator who creates it
	 * @return the token with its secret, which is not kept anywhere
	 */
	@Transactional
	CreatedToken create(String name, TokenScope scope, String service, ApiPrincipal creator) {
		return create(name, scope, service, describe(creator));
	}

	/**
	 * Creates a token and publishes {@link ApiTokenCreated} in the same transaction.
	 * @param name the token's name
	 * @param scope its scope
	 * @param service the one service of an ingest token, or {@code null}
	 * @param createdBy who creates it, as shown in lists: {@code user alice}
	 * @return the token with its secret, which is not kept anywhere
	 */
	@Transactional
	CreatedToken create(String name, TokenScope scope, String service, String createdBy) {
		String secret = TokenSecrets.generate();
		StoredToken token = this.store.insert(name, TokenSecrets.hash(secret), TokenSecrets.displayPrefix(secret),
				scope, service, createdBy);
		this.events.publishEvent(new ApiTokenCreated(token.id(), scope, service, token.createdAt()));
		return new CreatedToken(token, secret);
	}

	List<StoredToken> list() {
		return this.store.findAll();
	}

	/**
	 * Revokes a token; it is refused from then on (on other replicas once their cache
	 * expires).
	 * @param id the token's id
	 * @return whether the token exists
	 */
	boolean revoke(long id) {
		boolean found = this.store.revoke(id);
		this.authenticator.evict(id);
		return found;
	}

	private static String describe(ApiPrincipal creator) {
		return (creator.tokenId() == 0) ? creator.name() : "token " + creator.tokenId() + " (" + creator.name() + ")";
	}

	/**
	 * A new token and its secret.
	 *
	 * @param token the stored token
	 * @param secret the secret, to be shown once
	 */
	record CreatedToken(StoredToken token, String secret) {

		@Override
		public String toString() {
			return "CreatedToken[token=" + this.token + ", secret=(hidden)]";
		}

	}

}
