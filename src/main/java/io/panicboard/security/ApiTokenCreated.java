package io.panicboard.security;

import java.time.Instant;

/**
 * An API token was created. Published inside the transaction that stores the token, so a
 * listener that writes to the same database commits or rolls back with it.
 * <p>
 * The services module registers {@link #service()} (when not {@code null}) so that a
 * one-service ingest token can write to a service that has not sent anything yet: such a
 * token cannot create a service itself.
 *
 * @param tokenId the new token's id
 * @param scope its scope
 * @param service the one service an ingest token is limited to, or {@code null}
 * @param createdAt when it was created
 */
public record ApiTokenCreated(long tokenId, TokenScope scope, String service, Instant createdAt) {
}
