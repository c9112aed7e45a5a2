package io.panicboard.incident;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panicboard.incident.IncidentDetail.TimelineItem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Puts timeline entries (their type and {@code detail} JSON, as {@link Timeline} and the
 * grouper write them) into words.
 */
@Component
class TimelineTexts {

	private final MessageSource messages;

	private final JsonMapper json;

	private final PageTimes times;

	TimelineTexts(MessageSource messages, JsonMapper json, PageTimes times) {
		this.messages = messages;
		this.json = json;
		this.times = times;
	}

	List<TimelineEntryView> of(List<TimelineItem> items, Locale locale) {
		List<TimelineEntryView> entries = new ArrayList<>(items.size());
		for (TimelineItem item : items) {
			entries.add(entry(item, detail(item.detail()), locale));
		}
		return entries;
	}

	private TimelineEntryView entry(TimelineItem item, Map<?, ?> d, Locale locale) {
		String type = item.type();
		String text;
		String note = null;
		String href = null;
		String linkText = null;
		String css = "";
		switch (type) {
			case "first_seen" -> {
				css = "first-seen";
				text = join(text("incident.timeline.first_seen", locale), version(d, "version", locale),
						instance(d, locale));
			}
			case "regression" -> {
				css = "regression";
				text = join(text("incident.timeline.regression", locale), version(d, "version", locale),
						instance(d, locale), optional(d, "resolvedInVersion", "incident.timeline.resolvedIn", locale));
			}
			case "acknowledged", "reopened" -> text = text("incident.timeline." + type, locale);
			case "resolved" -> {
				css = "resolved";
				text = join(text("incident.timeline.resolved", locale), version(d, "version", locale));
			}
			case "muted" -> text = text("incident.timeline.muted", locale, time(string(d, "until")));
			case "unmuted" -> text = text("incident.timeline.unmuted", locale);
			case "assigned" -> text = (string(d, "assignee") != null)
					? text("incident.timeline.assigned", locale, string(d, "assignee"))
					: text("incident.timeline.unassigned", locale);
			case "note" -> {
				text = text("incident.timeline.note", locale);
				note = string(d, "text");
			}
			case "merged", "merged_from", "unmerged", "unmerged_from" -> {
				String other = string(d,
						type.equals("merged") ? "into" : type.equals("unmerged") ? "from" : "incident");
				text = text("incident.timeline." + type, locale, nonNull(string(d, "occurrences")));
				if (other != null && other.chars().allMatch(Character::isDigit)) {
					href = "/incidents/" + other;
					linkText = "#" + other;
				}
			}
			case "deploy" -> {
				css = "deploy";
				text = text("incident.timeline.deploy", locale, nonNull(string(d, "version")));
				String url = string(d, "url");
				if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
					href = url;
					linkText = text("incident.timeline.deployLink", locale);
				}
			}
			case "alert_fired", "alert_resolved" -> {
				// the existing timeline colours: red for trouble, green for its end
				css = type.equals("alert_fired") ? "regression" : "resolved";
				text = text("timeline." + type, locale, nonNull(string(d, "rule")), nonNull(string(d, "severity")));
				href = "/alerts";
				linkText = text("timeline.alertLink", locale, nonNull(string(d, "alertId")));
			}
			case "tech_debt" -> {
				text = text("review.timeline.tech_debt", locale, nonNull(string(d, "owner")),
						nonNull(string(d, "due")));
				String ticket = string(d, "ticket");
				if (ticket != null && (ticket.startsWith("https://") || ticket.startsWith("http://"))) {
					href = ticket;
					linkText = text("review.timeline.ticket", locale);
				}
			}
			case "wont_fix" -> {
				text = text("review.timeline.wont_fix", locale);
				note = string(d, "reason");
			}
			case "decision_cleared" -> text = text("review.timeline.decision_cleared", locale);
			default -> text = type;
		}
		return new TimelineEntryView(this.times.iso(item.at()), this.times.format(item.at()), type, css, text,
				item.actor(), note, href, linkText);
	}

	private String version(Map<?, ?> d, String field, Locale locale) {
		return optional(d, field, "incident.timeline.inVersion", locale);
	}

	private String instance(Map<?, ?> d, Locale locale) {
		return optional(d, "instance", "incident.timeline.onInstance", locale);
	}

	private String optional(Map<?, ?> d, String field, String key, Locale locale) {
		String value = string(d, field);
		return (value != null && !value.isEmpty()) ? text(key, locale, value) : null;
	}

	private String time(String iso) {
		if (iso == null) {
			return "";
		}
		try {
			return this.times.format(Instant.parse(iso)) + " " + this.times.zone();
		}
		catch (DateTimeParseException ex) {
			return iso;
		}
	}

	private Map<?, ?> detail(String detail) {
		if (detail == null || detail.isBlank()) {
			return Map.of();
		}
		try {
			return this.json.readValue(detail, Map.class);
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private static String string(Map<?, ?> d, String field) {
		Object value = d.get(field);
		return (value != null) ? value.toString() : null;
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

	private static String join(String... parts) {
		StringBuilder text = new StringBuilder();
		for (String part : parts) {
			if (part != null) {
				text.append(text.isEmpty() ? "" : " ").append(part);
			}
		}
		return text.toString();
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
