package io.panicboard.security;

import java.time.Instant;

/**
 * A row of {@code api_token}, without any secret.
 *
 * @param id the id
 * @param name the name
 * @param displayPrefix the first characters of the secret after {@code pbt_}
 * @param scope the scope
 * @param service the one service of an ingest token, or {@code null}
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param lastUsedAt when it was last used (to the minute), or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 */
record StoredToken(long id, String name, String displayPrefix, TokenScope scope, String service, Instant createdAt,
		String createdBy, Instant lastUsedAt, Instant revokedAt) {

	boolean revoked() {
		return this.revokedAt != null;
	}

	ApiPrincipal principal() {
		return new ApiPrincipal(this.id, this.name, this.scope, this.service);
	}

}
