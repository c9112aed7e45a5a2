package io.panicboard.system;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Boot's error attributes, plus {@code expiredForm} when a 403 refused a form whose CSRF
 * token is missing or no longer valid: most often its page was open longer than the
 * session lasts, so the error page says to reload it rather than that the role does not
 * allow the action.
 */
@Component
class PageErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		Object denied = request.getAttribute(WebAttributes.ACCESS_DENIED_403, RequestAttributes.SCOPE_REQUEST);
		if (denied instanceof CsrfException) {
			attributes.put("expiredForm", true);
		}
		return attributes;
	}

}
