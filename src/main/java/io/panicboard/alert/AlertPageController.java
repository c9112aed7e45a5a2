package io.panicboard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.panicboard.alert.AlertPageQueries.StoredAlert;
import io.panicboard.alert.AlertTimes.Ago;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /alerts}: firing alerts first, then pending ones, then those resolved in the
 * last seven days (paged); each marked when a silence holds its notifications back.
 */
@Controller
class AlertPageController {

	static final int PAGE_SIZE = 50;

	static final Duration RECENT = Duration.ofDays(7);

	private final AlertPageQueries queries;

	private final AlertTimes times;

	private final AlertRules rules;

	private final Silences silences;

	private final RuleTexts texts;

	private final Clock clock;

	private final Alerts alerts;

	AlertPageController(AlertPageQueries queries, AlertTimes times, AlertRules rules, Silences silences,
			RuleTexts texts, Clock clock, Alerts alerts) {
		this.alerts = alerts;
		this.queries = queries;
		this.times = times;
		this.rules = rules;
		this.silences = silences;
		this.texts = texts;
		this.clock = clock;
	}

	@GetMapping("/alerts")
	String alerts(@RequestParam(required = false) String page, Model model, Locale locale) {
		Instant now = this.clock.instant();
		List<Silence> silences = this.silences.active(now);
		Instant since = now.minus(RECENT);
		long total = this.queries.countResolvedSince(since);
		int current = Math.min(PageLinks.parse(page), PageLinks.pages(total, PAGE_SIZE));
		List<StoredAlert> resolved = this.queries.resolvedSince(since, (current - 1) * PAGE_SIZE, PAGE_SIZE);
		AlertsPage alerts = new AlertsPage(rows(this.queries.unresolved("firing"), silences, now),
				rows(this.queries.unresolved("pending"), silences, now), rows(resolved, silences, now),
				PageLinks.of(current, PAGE_SIZE, total, (n) -> "/alerts?page=" + n + "#resolved"));
		model.addAttribute("page", alerts);
		if (alerts.empty()) {
			model.addAttribute("watched", watched(locale));
		}
		return "alert/alerts";
	}

	/**
	 * An alert's address, as notifications link to it ({@code generatorUrl}): its
	 * incident's page when it is about one incident, its row on this page while it is
	 * firing or pending, and once it resolved its rule's page (the page lists only the
	 * recent resolved ones, a page at a time).
	 */
	@GetMapping("/alerts/{id:\\d+}")
	String alert(@PathVariable long id) {
		AlertView alert = this.alerts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (alert.incidentId() != null) {
			return "redirect:/incidents/" + alert.incidentId();
		}
		if (!"resolved".equals(alert.state())) {
			return "redirect:/alerts#alert-" + alert.id();
		}
		return "redirect:/alerts/rules/" + alert.ruleId();
	}

	/**
	 * The built-in rules, for the empty page.
	 */
	private List<WatchedRule> watched(Locale locale) {
		return this.rules.all()
			.stream()
			.filter((rule) -> rule.builtinKey() != null)
			.map((rule) -> new WatchedRule(rule.id(), rule.name(), rule.severity().id(),
					this.texts.condition(rule.condition(), locale) + " · " + this.texts.scope(rule.matchers(), locale),
					rule.enabled()))
			.toList();
	}

	private List<AlertRow> rows(List<StoredAlert> alerts, List<Silence> silences, Instant now) {
		return alerts.stream().map((alert) -> row(alert, silences, now)).toList();
	}

	private AlertRow row(StoredAlert alert, List<Silence> silences, Instant now) {
		SilenceRef silencedBy = "resolved".equals(alert.state()) ? null
				: silences.stream()
					.filter((silence) -> silence.matches(alert.labels()))
					.findFirst()
					.map((silence) -> new SilenceRef(silence.id(), this.times.format(silence.endsAt()),
							silence.comment(), silence.createdBy()))
					.orElse(null);
		Instant since = Optional.ofNullable(alert.firedAt()).orElse(alert.activeSince());
		return new AlertRow(alert.id(), alert.ruleId(), alert.ruleName(), alert.severity(), alert.state(),
				alert.labels(), formatValue(alert.value()), alert.incidentId(), this.times.ago(since, now),
				this.times.ago(alert.resolvedAt(), now), silencedBy);
	}

	static String formatValue(Double value) {
		if (value == null) {
			return "";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.format(java.util.Locale.ROOT, "%,d", value.longValue());
		}
		return String.format(java.util.Locale.ROOT, "%,.2f", value);
	}

	/**
	 * The alerts page.
	 *
	 * @param firing alerts firing now
	 * @param pending alerts whose condition holds but not yet for long enough
	 * @param resolved alerts resolved in the last seven days, one page of them
	 * @param pager links to the other pages of resolved alerts
	 */
	record AlertsPage(List<AlertRow> firing, List<AlertRow> pending, List<AlertRow> resolved, PageLinks pager) {

		public boolean empty() {
			return this.firing.isEmpty() && this.pending.isEmpty() && this.resolved.isEmpty();
		}

	}

	/**
	 * One alert in a list.
	 *
	 * @param id the alert
	 * @param ruleId its rule
	 * @param rule the rule's name
	 * @param severity the rule's severity
	 * @param state pending, firing or resolved
	 * @param labels the alert's labels, sorted by name
	 * @param value the value that made it fire, formatted, or empty
	 * @param incidentId the incident it is about, or {@code null}
	 * @param since when it fired (or became pending)
	 * @param resolvedAt when it resolved, or {@code null}
	 * @param silencedBy the silence holding its notifications back, or {@code null}
	 */
	record AlertRow(long id, long ruleId, String rule, String severity, String state, Map<String, String> labels,
			String value, Long incidentId, Ago since, Ago resolvedAt, SilenceRef silencedBy) {

	}

	/**
	 * A built-in rule as the empty page explains it.
	 *
	 * @param id the rule
	 * @param name its name
	 * @param severity its severity
	 * @param condition its condition and scope in words
	 * @param enabled whether it is evaluated
	 */
	record WatchedRule(long id, String name, String severity, String condition, boolean enabled) {

	}

	/**
	 * The silence an alert is silenced by.
	 *
	 * @param id the silence
	 * @param endsAt when it ends, formatted
	 * @param comment why
	 * @param createdBy who created it
	 */
	record SilenceRef(long id, String endsAt, String comment, String createdBy) {

	}

}
