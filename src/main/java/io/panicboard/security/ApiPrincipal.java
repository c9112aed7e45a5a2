package io.panicboard.security;

import java.util.Optional;

import jakarta.servlet.ServletRequest;

/**
 * The caller of an API request, as established from its bearer token.
 *
 * @param tokenId the token's id; 0 for the bootstrap token
 * @param name the token's name
 * @param scope what the token may do
 * @param service the one service an ingest token is limited to, or {@code null} for all
 */
public record ApiPrincipal(long tokenId, String name, TokenScope scope, String service) {

	/** The request attribute under which the authenticated caller is kept. */
	public static final String ATTRIBUTE = ApiPrincipal.class.getName();

	/**
	 * The authenticated caller of a request.
	 * @param request the request
	 * @return the caller, or empty when the request was not authenticated
	 */
	public static Optional<ApiPrincipal> of(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ApiPrincipal principal) ? Optional.of(principal)
				: Optional.empty();
	}

	/**
	 * Whether the token is not limited to one service.
	 * @return {@code true} for all-services tokens
	 */
	public boolean allServices() {
		return this.service == null;
	}

	/**
	 * Whether the caller may send data for a service.
	 * @param target the service
	 * @return {@code true} for admin tokens and ingest tokens for all services or that
	 * one
	 */
	public boolean mayIngest(String target) {
		return this.scope == TokenScope.ADMIN
				|| (this.scope == TokenScope.INGEST && (this.service == null || this.service.equals(target)));
	}

	/**
	 * Whether the caller may create a service on its first ingest.
	 * @return {@code true} for admin tokens and all-services ingest tokens
	 */
	public boolean mayCreateServices() {
		return this.scope == TokenScope.ADMIN || (this.scope == TokenScope.INGEST && this.service == null);
	}

	/**
	 * Whether the caller may read incidents and other data.
	 * @return {@code true} for read and admin tokens
	 */
	public boolean mayRead() {
		return this.scope == TokenScope.READ || this.scope == TokenScope.ADMIN;
	}

}
