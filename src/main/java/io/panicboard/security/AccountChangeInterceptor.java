package io.panicboard.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Ends the session of a person whom an admin has disabled or given another role since
 * they signed in: their next page request leads to the sign-in page. A session keeps the
 * role it was signed in with, so without this a disabled user would stay signed in, and a
 * demoted admin would keep admin rights, until the session expires. It costs one lookup
 * of the user per page request, on every replica alike.
 * <p>
 * Only authentications made by the sign-in form are checked (they carry
 * {@link WebAuthenticationDetails}); others, such as test principals, have no user row to
 * compare with.
 */
class AccountChangeInterceptor implements HandlerInterceptor {

	private final AppUsers users;

	AccountChangeInterceptor(AppUsers users) {
		this.users = users;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getDetails() instanceof WebAuthenticationDetails)) {
			return true;
		}
		Role signedInAs = CurrentUser.of(authentication).role();
		boolean unchanged = this.users.findByUsernameIgnoreCase(authentication.getName())
			.map((user) -> user.enabled() && user.role() == signedInAs)
			.orElse(false);
		if (unchanged) {
			return true;
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		response.sendRedirect(request.getContextPath() + "/login?changed");
		return false;
	}

}
