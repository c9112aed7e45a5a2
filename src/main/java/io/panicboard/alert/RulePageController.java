package io.panicboard.alert;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panicboard.alert.AlertTimes.Ago;
import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /alerts/rules}: the rules, and the form that creates or edits one, enables or
 * disables it, or deletes it. Built-in rules can be edited and disabled but not deleted.
 * Everyone reads; the security chain lets only admins post here, and the pages show the
 * buttons to admins only.
 */
@Controller
@RequestMapping("/alerts/rules")
class RulePageController {

	private static final String LIST = "alert/rules";

	private static final String FORM = "alert/rule";

	private static final String REDIRECT = "redirect:/alerts/rules";

	private final AlertRules rules;

	private final AlertPageQueries queries;

	private final RuleTexts texts;

	private final AlertTimes times;

	private final MessageSource messages;

	private final Clock clock;

	private final AlertEvaluator evaluator;

	RulePageController(AlertRules rules, AlertPageQueries queries, RuleTexts texts, AlertTimes times,
			MessageSource messages, Clock clock, AlertEvaluator evaluator) {
		this.rules = rules;
		this.evaluator = evaluator;
		this.queries = queries;
		this.texts = texts;
		this.times = times;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping
	String list(Model model, Locale locale) {
		Instant now = this.clock.instant();
		Map<Long, Instant> lastFired = this.queries.lastFired();
		model.addAttribute("rules",
				this.rules.all()
					.stream()
					.map((rule) -> RuleRow.of(rule, this.texts, locale, this.times.ago(lastFired.get(rule.id()), now)))
					.toList());
		return LIST;
	}

	@GetMapping("/new")
	String newRule(Model model) {
		return form(model, null, RuleForm.empty(), Map.of());
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		AlertRule rule = find(id);
		return form(model, rule, RuleForm.of(rule), Map.of());
	}

	@PostMapping
	String create(@ModelAttribute RuleForm form, Principal principal, Locale locale, Model model,
			RedirectAttributes redirect) {
		RuleForm.Parsed parsed = form.parse(null);
		Map<String, String> errors = errors(parsed, null, locale);
		if (errors.isEmpty()) {
			try {
				AlertRule created = this.rules.create(parsed.rule(), principal.getName());
				return done(redirect, locale, "alerts.page.rules.created", created.name());
			}
			catch (DataIntegrityViolationException ex) {
				// the same name was stored at the same moment
				errors.put("name", text(locale, "alerts.page.rules.error.nameTaken", form.name()));
			}
		}
		return form(model, null, form, errors);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute RuleForm form, Principal principal, Locale locale, Model model,
			RedirectAttributes redirect) {
		AlertRule existing = find(id);
		RuleForm.Parsed parsed = form.parse(existing);
		Map<String, String> errors = errors(parsed, id, locale);
		if (errors.isEmpty()) {
			try {
				AlertRule updated = this.rules.update(id, parsed.rule(), principal.getName());
				return done(redirect, locale, "alerts.page.rules.updated", updated.name());
			}
			catch (DataIntegrityViolationException ex) {
				errors.put("name", text(locale, "alerts.page.rules.error.nameTaken", form.name()));
			}
		}
		return form(model, existing, form, errors);
	}

	@PostMapping("/{id}/enabled")
	String enable(@PathVariable long id, @RequestParam boolean enabled, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		AlertRule rule = find(id);
		this.rules.update(id, withEnabled(rule, enabled), principal.getName());
		return done(redirect, locale, enabled ? "alerts.page.rules.enabledDone" : "alerts.page.rules.disabledDone",
				rule.name());
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		AlertRule rule = find(id);
		if (rule.builtinKey() != null) {
			redirect.addFlashAttribute("notice",
					new PageNotice("error", text(locale, "alerts.page.rules.error.builtinDelete", rule.name())));
			return REDIRECT;
		}
		this.evaluator.delete(rule, this.clock.instant());
		return done(redirect, locale, "alerts.page.rules.deleted", rule.name());
	}

	private Map<String, String> errors(RuleForm.Parsed parsed, Long id, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		parsed.errors().forEach((field, message) -> errors.put(field, text(locale, message)));
		String name = parsed.rule().name();
		if (!errors.containsKey("name") && this.rules.nameTaken(name, id)) {
			errors.put("name", text(locale, "alerts.page.rules.error.nameTaken", name));
		}
		return errors;
	}

	private String form(Model model, AlertRule rule, RuleForm form, Map<String, String> errors) {
		model.addAttribute("rule", (rule != null) ? new RuleHead(rule.id(), rule.name(), rule.builtinKey(),
				rule.enabled(), this.times.format(rule.updatedAt()), rule.updatedBy()) : null);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("choices", choices(form));
		return FORM;
	}

	private Choices choices(RuleForm form) {
		List<String> channels = new ArrayList<>(this.queries.channelNames());
		form.channels().stream().filter((c) -> !channels.contains(c)).forEach(channels::add);
		return new Choices(Arrays.stream(Severity.values()).map(Severity::id).toList(),
				Arrays.stream(ConditionType.values()).map(ConditionType::id).toList(), RuleValidation.METRICS,
				Arrays.stream(Kind.values()).filter((k) -> k != Kind.GCTRACE).map(Kind::id).toList(), channels);
	}

	private AlertRule find(long id) {
		return this.rules.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static AlertRule withEnabled(AlertRule rule, boolean enabled) {
		return new AlertRule(rule.id(), rule.name(), rule.builtinKey(), rule.description(), enabled, rule.severity(),
				rule.matchers(), rule.condition(), rule.labels(), rule.annotations(), rule.channels(), rule.createdAt(),
				rule.updatedAt(), rule.updatedBy());
	}

	private String done(RedirectAttributes redirect, Locale locale, String key, Object... args) {
		redirect.addFlashAttribute("notice", new PageNotice("success", text(locale, key, args)));
		return REDIRECT;
	}

	/** A message, or the text itself when it is not a key (RuleValidation's English). */
	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

	/**
	 * A rule in the list.
	 *
	 * @param id the rule
	 * @param name its name
	 * @param builtin whether it is built in
	 * @param enabled whether it is evaluated
	 * @param severity its severity id
	 * @param condition its condition in words
	 * @param scope the kinds, environments and services it looks at
	 * @param channels where it sends
	 * @param lastFired when an alert of it last fired, or {@code null}
	 */
	record RuleRow(long id, String name, boolean builtin, boolean enabled, String severity, String condition,
			String scope, String channels, Ago lastFired) {

		static RuleRow of(AlertRule rule, RuleTexts texts, Locale locale, Ago lastFired) {
			return new RuleRow(rule.id(), rule.name(), rule.builtinKey() != null, rule.enabled(), rule.severity().id(),
					texts.condition(rule.condition(), locale), texts.scope(rule.matchers(), locale),
					texts.channels(rule.channels(), locale), lastFired);
		}

	}

	/**
	 * The rule an edit form is about.
	 *
	 * @param id the rule
	 * @param name its stored name
	 * @param builtinKey its builtin key, or {@code null}
	 * @param enabled whether it is enabled now
	 * @param updatedAt when it was last changed
	 * @param updatedBy by whom, or {@code null} for the system
	 */
	record RuleHead(long id, String name, String builtinKey, boolean enabled, String updatedAt, String updatedBy) {

		public boolean builtin() {
			return this.builtinKey != null;
		}

	}

	/**
	 * The choices of the rule form.
	 *
	 * @param severities severity ids
	 * @param conditionTypes condition type ids
	 * @param metrics metric names
	 * @param kinds kind ids
	 * @param channels notification channel names
	 */
	record Choices(List<String> severities, List<String> conditionTypes, List<String> metrics, List<String> kinds,
			List<String> channels) {

	}

}
