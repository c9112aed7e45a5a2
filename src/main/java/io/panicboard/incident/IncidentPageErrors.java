package io.panicboard.incident;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A malformed incident or occurrence id in a page's address is a page that does not exist
 * (404), not a bad request. Other failures of the pages go to the error pages through the
 * application's handler.
 */
@ControllerAdvice(assignableTypes = { IncidentPageController.class, AnalyzePageController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class IncidentPageErrors {

	@ExceptionHandler
	ModelAndView malformed(MethodArgumentTypeMismatchException ex) {
		return IncidentPageController.notFound();
	}

}
