package io.panicboard.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * Scope checks for API controllers. Each method returns the caller when it may go on and
 * otherwise throws an {@link org.springframework.web.ErrorResponseException} that the
 * API's exception handler renders as {@code application/problem+json}: 403 for a token
 * without the right scope or for another service, 401 for a request that carries no
 * authenticated caller at all.
 * <p>
 * A controller under {@code /api/**} can also declare an {@link ApiPrincipal} parameter,
 * which is resolved to the authenticated caller.
 */
public final class ApiAccess {

	private ApiAccess() {
	}

	/**
	 * The authenticated caller of a request.
	 * @param request the request
	 * @return the caller
	 * @throws org.springframework.web.ErrorResponseException 401 when the request was not
	 * authenticated
	 */
	public static ApiPrincipal principal(HttpServletRequest request) {
		return ApiPrincipal.of(request).orElseThrow(SecurityProblems::missingToken);
	}

	/**
	 * Requires an admin token.
	 * @param principal the caller
	 * @return the caller
	 * @throws org.springframework.web.ErrorResponseException 403 for other scopes
	 */
	public static ApiPrincipal requireAdmin(ApiPrincipal principal) {
		if (principal.scope() != TokenScope.ADMIN) {
			throw SecurityProblems
				.forbidden("This needs an admin token; this token's scope is '" + principal.scope().id() + "'.");
		}
		return principal;
	}

	/**
	 * Requires a token that may read.
	 * @param principal the caller
	 * @return the caller
	 * @throws org.springframework.web.ErrorResponseException 403 for ingest tokens
	 */
	public static ApiPrincipal requireRead(ApiPrincipal principal) {
		if (!principal.mayRead()) {
			throw SecurityProblems
				.forbidden("This needs a read or admin token; this token's scope is '" + principal.scope().id() + "'.");
		}
		return principal;
	}

	/**
	 * Requires a token that may send data for a service.
	 * @param principal the caller
	 * @param service the service the data is for
	 * @return the caller
	 * @throws org.springframework.web.ErrorResponseException 403 for read tokens and for
	 * ingest tokens of another service
	 * @see ApiPrincipal#mayIngest(String)
	 */
	public static ApiPrincipal requireIngest(ApiPrincipal principal, String service) {
		if (principal.mayIngest(service)) {
			return principal;
		}
		if (principal.scope() == TokenScope.INGEST) {
			throw SecurityProblems.forbidden("This token may send data only for service '" + principal.service()
					+ "', not for '" + service + "'.");
		}
		throw SecurityProblems
			.forbidden("This needs an ingest or admin token; this token's scope is '" + principal.scope().id() + "'.");
	}

	/**
	 * A 403 problem for callers whose token may not do what they asked.
	 * @param detail what the token may not do, for the caller
	 * @return the exception to throw
	 */
	public static ErrorResponseException forbidden(String detail) {
		return SecurityProblems.forbidden(detail);
	}

}
