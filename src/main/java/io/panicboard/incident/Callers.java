package io.panicboard.incident;

import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may use the incident API: reading needs a read or admin token; actions (status
 * changes, notes, assignment, merge) need an admin token until users and roles exist.
 */
final class Callers {

	private Callers() {
	}

	static ApiPrincipal reader(HttpServletRequest request) {
		ApiPrincipal principal = ApiAccess.principal(request);
		if (!principal.mayRead()) {
			throw ApiAccess.forbidden("Reading incidents needs a token with the read or admin scope.");
		}
		return principal;
	}

	static ApiPrincipal responder(HttpServletRequest request) {
		ApiPrincipal principal = ApiAccess.principal(request);
		if (principal.scope() != TokenScope.ADMIN) {
			throw ApiAccess.forbidden("Changing incidents needs a token with the admin scope.");
		}
		return principal;
	}

}
