package io.panicboard.incident;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * HTML error pages for the incident and analyze pages, ahead of the API's problem+json
 * handler: a malformed id is a 404 page, any other failure the error page with its
 * status.
 */
@ControllerAdvice(assignableTypes = { IncidentPageController.class, AnalyzePageController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class IncidentPageErrors {

	private static final Log logger = LogFactory.getLog(IncidentPageErrors.class);

	@ExceptionHandler
	ModelAndView malformed(MethodArgumentTypeMismatchException ex) {
		return IncidentPageController.notFound();
	}

	@ExceptionHandler
	ModelAndView failed(Exception ex) {
		HttpStatusCode status = (ex instanceof ErrorResponse response) ? response.getStatusCode()
				: HttpStatus.INTERNAL_SERVER_ERROR;
		if (status.value() == HttpStatus.NOT_FOUND.value()) {
			return IncidentPageController.notFound();
		}
		if (status.is5xxServerError()) {
			logger.error("Page failed", ex);
		}
		ModelAndView view = new ModelAndView("error/error", status);
		view.addObject("status", status.value());
		return view;
	}

}
