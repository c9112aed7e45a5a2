package io.panicboard.slo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SLO pages: {@code /slos} (every SLO with its state), {@code /slos/{id}} (budget
 * gauge, burn rates, consumption, incidents), and the form at {@code /slos/new} and
 * {@code /slos/{id}/edit} (responders and admins may submit, as for every POST under
 * {@code /slos/**}).
 */
@Controller
class SloPageController {

	private final SloCatalog catalog;

	private final SloPages pages;

	private final Clock clock;

	SloPageController(SloCatalog catalog, SloPages pages, Clock clock) {
		this.catalog = catalog;
		this.pages = pages;
		this.clock = clock;
	}

	@GetMapping("/slos")
	String list(Model model) {
		model.addAttribute("slos", this.pages.list(this.catalog.all(), this.clock.instant()));
		return "slo/list";
	}

	@GetMapping("/slos/{id}")
	String detail(@PathVariable long id, Model model) {
		Slo slo = this.catalog.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("slo", this.pages.detail(slo, this.clock.instant()));
		model.addAttribute("yaml", SloYaml.write(SloDocuments.toDocument(slo)));
		return "slo/detail";
	}

	@GetMapping("/slos/new")
	String newForm(Model model) {
		return form(model, SloForm.empty(), List.of(), null);
	}

	@GetMapping("/slos/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Slo slo = this.catalog.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return form(model, SloForm.of(slo), List.of(), id);
	}

	@PostMapping("/slos")
	String create(@ModelAttribute SloForm form, java.security.Principal user, Model model,
			RedirectAttributes redirect) {
		SloDocuments.Parsed parsed = SloDocuments.fromDocument(form.document(), "");
		if (!parsed.valid()) {
			return form(model, form, parsed.errors(), null);
		}
		SloCatalog.Result result = this.catalog.create(parsed.slo(), user.getName());
		if (result.slo() == null) {
			return form(model, form, result.errors(), null);
		}
		redirect.addFlashAttribute("notice", "slo.saved");
		return "redirect:/slos/" + result.slo().id();
	}

	@PostMapping("/slos/{id}")
	String update(@PathVariable long id, @ModelAttribute SloForm form, java.security.Principal user, Model model,
			RedirectAttributes redirect) {
		SloDocuments.Parsed parsed = SloDocuments.fromDocument(form.document(), "");
		if (!parsed.valid()) {
			return form(model, form, parsed.errors(), id);
		}
		SloCatalog.Result result = this.catalog.update(id, parsed.slo(), user.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (result.slo() == null) {
			return form(model, form, result.errors(), id);
		}
		redirect.addFlashAttribute("notice", "slo.saved");
		return "redirect:/slos/" + id;
	}

	@PostMapping("/slos/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		if (!this.catalog.delete(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "slo.deleted");
		return "redirect:/slos";
	}

	private String form(Model model, SloForm form, List<FieldError> errors, Long id) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("sloId", id);
		model.addAttribute("pauseBounds", GcPauseBounds.options());
		return "slo/form";
	}

	/**
	 * The form's fields, turned into an OpenSLO document so that the API's rules apply.
	 *
	 * @param name {@code metadata.name}
	 * @param description {@code spec.description}
	 * @param service {@code spec.service}
	 * @param environment the environment
	 * @param indicator the indicator's id
	 * @param kinds kinds, separated by commas or spaces (crash indicators)
	 * @param maxCrashes crashes allowed per window (crash budget)
	 * @param threshold longest good pause in seconds (GC pause)
	 * @param severity incidents' severity (time to resolve)
	 * @param resolveWithinHours hours to resolve (time to resolve)
	 * @param target the objective (ratio indicators)
	 * @param window {@code 7d}, {@code 28d}, {@code 30d} or {@code 1M}
	 */
	record SloForm(String name, String description, String service, String environment, String indicator, String kinds,
			String maxCrashes, String threshold, String severity, String resolveWithinHours, String target,
			String window) {

		static SloForm empty() {
			return new SloForm("", "", "", "production", "crash_free_time", "", "", "0.01", "critical", "4", "0.999",
					"30d");
		}

		static SloForm of(Slo slo) {
			return new SloForm(slo.name(), (slo.description() != null) ? slo.description() : "", slo.service(),
					slo.environment(), slo.indicator().id(), String.join(", ", slo.kinds()),
					(slo.maxCrashes() != null) ? slo.maxCrashes().toString() : "",
					(slo.pauseThresholdSeconds() != null) ? GcPauseBounds.plain(slo.pauseThresholdSeconds()) : "0.01",
					(slo.severity() != null) ? slo.severity() : "critical",
					(slo.resolveWithin() != null) ? Double.toString(slo.resolveWithin().toMinutes() / 60.0) : "4",
					(slo.objective() != null) ? slo.objective().toString() : "", slo.window().duration());
		}

		Map<String, Object> document() {
			Map<String, Object> indicatorSpec = new LinkedHashMap<>();
			indicatorSpec.put("type", blank(this.indicator));
			indicatorSpec.put("environment", blank(this.environment));
			Indicator type = Indicator.fromId(this.indicator).orElse(null);
			if (type != null && type.usesKinds() && blank(this.kinds) != null) {
				indicatorSpec.put("kinds",
						Arrays.stream(this.kinds.split("[,\\s]+")).filter((k) -> !k.isBlank()).toList());
			}
			if (type == Indicator.TIME_TO_RESOLVE) {
				indicatorSpec.put("severity", blank(this.severity));
			}
			Map<String, Object> objective = new LinkedHashMap<>();
			if (type != Indicator.CRASH_BUDGET) {
				objective.put("target", number(this.target));
			}
			if (type == Indicator.CRASH_BUDGET) {
				objective.put("op", "lte");
				objective.put("value", number(this.maxCrashes));
			}
			else if (type == Indicator.GC_PAUSE) {
				objective.put("op", "lte");
				objective.put("value", number(this.threshold));
			}
			else if (type == Indicator.TIME_TO_RESOLVE) {
				objective.put("op", "lte");
				Object hours = number(this.resolveWithinHours);
				objective.put("value", (hours instanceof Double h) ? (Object) Math.rint(h * 3600) : hours);
			}
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("duration", blank(this.window));
			window.put("isRolling", !"1M".equals(this.window));
			Map<String, Object> spec = new LinkedHashMap<>();
			spec.put("description", blank(this.description));
			spec.put("service", blank(this.service));
			spec.put("indicator", Map.of("spec", indicatorSpec));
			spec.put("timeWindow", List.of(window));
			spec.put("budgetingMethod", (type != null) ? type.budgetingMethod().openSlo() : "Occurrences");
			spec.put("objectives", new ArrayList<>(List.of(objective)));
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("apiVersion", SloDocuments.API_VERSION);
			document.put("kind", "SLO");
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("name", blank(this.name));
			document.put("metadata", metadata);
			document.put("spec", spec);
			return document;
		}

		private static String blank(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

		/** A number, or the text itself so that the rules name it as not a number. */
		private static Object number(String value) {
			if (blank(value) == null) {
				return null;
			}
			try {
				return Double.valueOf(value.strip());
			}
			catch (NumberFormatException ex) {
				return value;
			}
		}

	}

}
