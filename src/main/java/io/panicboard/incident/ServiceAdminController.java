package io.panicboard.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/services}: the services and, per service, its owning team, source-link
 * template and in-app module prefixes. Services themselves are created by their first
 * ingest (or a one-service ingest token), not here.
 */
@Controller
@RequestMapping("/admin/services")
class ServiceAdminController {

	static final int MAX_TEAM_LENGTH = 100;

	static final int MAX_PREFIXES = 100;

	/** An import path prefix: {@code example.com/acme/orders}. */
	static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._~+/-]{1,200}");

	private final ServiceRegistry services;

	private final MessageSource messages;

	ServiceAdminController(ServiceRegistry services, MessageSource messages) {
		this.services = services;
		this.messages = messages;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("services", this.services.findAll());
		return "incident/admin-services";
	}

	@GetMapping("/{name}")
	String edit(@PathVariable String name, Model model) {
		ServiceInfo service = this.services.find(name).orElseThrow(() -> notFound(name));
		return form(model, ServiceForm.of(service), Map.of());
	}

	@PostMapping("/{name}")
	String save(@PathVariable String name, @RequestParam(defaultValue = "") String team,
			@RequestParam(defaultValue = "") String sourceLinkTemplate,
			@RequestParam(defaultValue = "") String inAppPrefixes, Model model, Locale locale,
			RedirectAttributes redirect) {
		ServiceForm form = new ServiceForm(name, team.strip(), sourceLinkTemplate.strip(), inAppPrefixes);
		Map<String, String> errors = validate(form, locale);
		if (!errors.isEmpty()) {
			return form(model, form, errors);
		}
		this.services.update(form.toService()).orElseThrow(() -> notFound(name));
		redirect.addFlashAttribute("notice", new Notice("success", text(locale, "admin.services.saved", name)));
		return "redirect:/admin/services";
	}

	private String form(Model model, ServiceForm form, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "incident/admin-service-edit";
	}

	private Map<String, String> validate(ServiceForm form, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (form.team().length() > MAX_TEAM_LENGTH) {
			errors.put("team", text(locale, "admin.services.error.team", MAX_TEAM_LENGTH));
		}
		if (!form.sourceLinkTemplate().isEmpty()) {
			SourceLinkTemplate.check(form.sourceLinkTemplate())
				.ifPresent((problem) -> errors.put("sourceLinkTemplate",
						text(locale, problem.messageKey(), problem.arguments())));
		}
		List<String> prefixes = form.prefixes();
		if (prefixes.size() > MAX_PREFIXES) {
			errors.put("inAppPrefixes", text(locale, "admin.services.error.prefixCount", MAX_PREFIXES));
		}
		else {
			prefixes.stream()
				.filter((prefix) -> !PREFIX.matcher(prefix).matches())
				.findFirst()
				.ifPresent(
						(prefix) -> errors.put("inAppPrefixes", text(locale, "admin.services.error.prefix", prefix)));
		}
		return errors;
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	private static ResponseStatusException notFound(String name) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "no service " + name);
	}

	/**
	 * The edit form, as entered.
	 *
	 * @param name the service
	 * @param team the owning team, empty for none
	 * @param sourceLinkTemplate the template, empty for none
	 * @param inAppPrefixes the prefixes, one per line
	 */
	record ServiceForm(String name, String team, String sourceLinkTemplate, String inAppPrefixes) {

		static ServiceForm of(ServiceInfo service) {
			return new ServiceForm(service.name(), (service.team() != null) ? service.team() : "",
					(service.sourceLinkTemplate() != null) ? service.sourceLinkTemplate() : "",
					String.join("\n", service.inAppPrefixes()));
		}

		/**
		 * The prefixes: one per non-blank line, trimmed, each once.
		 */
		List<String> prefixes() {
			Set<String> prefixes = new LinkedHashSet<>();
			for (String line : this.inAppPrefixes.split("\\R")) {
				if (!line.isBlank()) {
					prefixes.add(line.strip());
				}
			}
			return new ArrayList<>(prefixes);
		}

		ServiceInfo toService() {
			return new ServiceInfo(this.name, this.team.isEmpty() ? null : this.team,
					this.sourceLinkTemplate.isEmpty() ? null : this.sourceLinkTemplate, prefixes());
		}

	}

	/**
	 * A one-line message at the top of the list after a change.
	 *
	 * @param kind {@code success} or {@code error}, the CSS class of the flash
	 * @param text the message
	 */
	record Notice(String kind, String text) {
	}

}
