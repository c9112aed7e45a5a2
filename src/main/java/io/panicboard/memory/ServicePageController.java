package io.panicboard.memory;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The memory and GC page of a service ({@code /services/{name}}).
 */
@Controller
class ServicePageController {

	private final ServicePages pages;

	ServicePageController(ServicePages pages) {
		this.pages = pages;
	}

	@GetMapping("/services/{name}")
	ModelAndView show(@PathVariable String name, @RequestParam(defaultValue = "24h") String range,
			@RequestParam(required = false) String environment, Locale locale) {
		ServicePage page = this.pages
			.page(name, range, environment, ServletUriComponentsBuilder.fromCurrentContextPath().toUriString(), locale)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no service " + name));
		return new ModelAndView("memory/service").addObject("page", page);
	}

}
