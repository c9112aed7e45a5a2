package io.panicboard.alert;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /alerts/silences}: active and expired silences, the form that creates one
 * (pre-filled with an alert's labels from "silence this"), and expiring one. The security
 * chain lets only responders and admins post here.
 */
@Controller
@RequestMapping("/alerts/silences")
class SilencePageController {

	/** Expired silences are listed for this long after they ended. */
	static final Duration EXPIRED_SHOWN_FOR = Duration.ofDays(7);

	private static final String VIEW = "alert/silences";

	private static final String REDIRECT = "redirect:/alerts/silences";

	private final Alerts alerts;

	private final Silences silences;

	private final AlertTimes times;

	private final MessageSource messages;

	private final Clock clock;

	SilencePageController(Alerts alerts, Silences silences, AlertTimes times, MessageSource messages, Clock clock) {
		this.alerts = alerts;
		this.silences = silences;
		this.times = times;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping
	String list(@RequestParam(required = false) Long alert, Model model) {
		Instant now = this.clock.instant();
		Map<String, String> labels = (alert != null)
				? this.alerts.find(alert.longValue()).map(AlertView::labels).orElse(Map.of()) : Map.of();
		SilenceForm form = SilenceForm.of(labels, this.times.input(now.plus(Duration.ofHours(2))));
		return page(model, form, Map.of(), now);
	}

	@PostMapping
	String create(@RequestParam(name = "matcherName", required = false) String[] names,
			@RequestParam(name = "matcherOp", required = false) String[] ops,
			@RequestParam(name = "matcherValue", required = false) String[] values,
			@RequestParam(defaultValue = "") String duration, @RequestParam(defaultValue = "") String endsAt,
			@RequestParam(defaultValue = "") String comment, Principal principal, Locale locale, Model model,
			RedirectAttributes redirect) {
		Instant now = this.clock.instant();
		SilenceForm form = SilenceForm.of(orEmpty(names), orEmpty(ops), orEmpty(values), duration, endsAt, comment);
		Instant end = form.end(now, this.times);
		Map<String, String> problems = form.problems(end, now);
		if (!problems.isEmpty()) {
			Map<String, String> errors = new LinkedHashMap<>();
			problems.forEach((field, key) -> errors.put(field, text(locale, key)));
			return page(model, form, errors, now);
		}
		long id = this.silences.create(form.matchers(), now, end, principal.getName(), form.comment(), now).id();
		redirect.addFlashAttribute("notice",
				new PageNotice("success", text(locale, "alerts.page.silences.created", id, this.times.format(end))));
		return REDIRECT;
	}

	@PostMapping("/{id}/expire")
	String expire(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		Instant now = this.clock.instant();
		boolean expired = this.silences.find(id).filter((silence) -> silence.endsAt().isAfter(now)).isPresent()
				&& this.silences.expire(id, now);
		redirect.addFlashAttribute("notice",
				expired ? new PageNotice("success", text(locale, "alerts.page.silences.expired", id))
						: new PageNotice("error", text(locale, "alerts.page.silences.error.notActive", id)));
		return REDIRECT;
	}

	private String page(Model model, SilenceForm form, Map<String, String> errors, Instant now) {
		List<Silence> recent = this.silences.endingAfter(now.minus(EXPIRED_SHOWN_FOR));
		model.addAttribute("active",
				recent.stream()
					.filter((s) -> s.endsAt().isAfter(now))
					.sorted(Comparator.comparing(Silence::endsAt))
					.map((s) -> row(s, now))
					.toList());
		model.addAttribute("expired",
				recent.stream().filter((s) -> !s.endsAt().isAfter(now)).map((s) -> row(s, now)).toList());
		model.addAttribute("form", form.withEmptyRows());
		model.addAttribute("errors", errors);
		model.addAttribute("durations", SilenceForm.DURATIONS);
		model.addAttribute("operators", SilenceMatcher.OPS);
		model.addAttribute("zone", this.times.zone());
		return VIEW;
	}

	private SilenceRow row(Silence silence, Instant now) {
		return new SilenceRow(silence.id(),
				silence.matchers().stream().map((m) -> m.name() + m.op() + "\"" + m.value() + "\"").toList(),
				this.times.format(silence.startsAt()), this.times.format(silence.endsAt()),
				silence.startsAt().isAfter(now), silence.createdBy(), silence.comment());
	}

	private static String[] orEmpty(String[] values) {
		return (values != null) ? values : new String[0];
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/**
	 * A silence in a list.
	 *
	 * @param id the silence
	 * @param matchers its matchers, e.g. {@code service="api"}
	 * @param startsAt when it starts, formatted
	 * @param endsAt when it ends (or ended), formatted
	 * @param upcoming whether it has not started yet
	 * @param createdBy who created it
	 * @param comment why
	 */
	record SilenceRow(long id, List<String> matchers, String startsAt, String endsAt, boolean upcoming,
			String createdBy, String comment) {

	}

}
