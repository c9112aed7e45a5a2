package io.panicboard.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a page request whose parameters the servlet container cannot decode
 * ({@code ?q=%zz}) to the 400 error page before anything reads them: the sign-in form's
 * CSRF check and the templates' {@code param} read them too, where the failure would be a
 * 500. Runs after the character-encoding filter, before Spring Security. API requests are
 * left alone: their endpoints read the query string or the body themselves, and
 * {@link ApiExceptionHandler} answers 400 for a parameter that cannot be decoded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UndecodableParametersFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (InvalidParameterException ex) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

}
