package io.panicboard.incident;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;
import io.panicboard.incident.IncidentFilter.Sort;

/**
 * What the incident list page shows, exactly as its URL says, so that a link pasted in
 * chat opens the same list. Parsing is lenient: a value the page does not know is left
 * out with a notice instead of failing, and a page number out of range is clamped.
 * Methods the template calls are public (Spring EL calls only public methods).
 *
 * @param service the service, or {@code null} for all
 * @param environment the environment, or {@code null} for all
 * @param kind the kind, or {@code null} for all
 * @param status the status, or {@code null} for all
 * @param severity the severity, or {@code null} for all
 * @param range how far back by last seen
 * @param q free text, or {@code null}
 * @param sort the order (always newest or largest first)
 * @param page the page, counted from 1
 * @param notices what was left out of the URL's query, and why
 */
record IncidentListQuery(String service, String environment, String kind, String status, String severity,
		TimeRange range, String q, Sort sort, int page, List<Notice> notices) {

	static final String PATH = "/incidents";

	static final int MAX_TEXT = 200;

	private static final int MAX_SHOWN_VALUE = 80;

	static IncidentListQuery parse(String service, String environment, String kind, String status, String severity,
			String range, String q, String sort, String page) {
		List<Notice> notices = new ArrayList<>();
		String serviceName = withoutNul(service, "incidents.notice.nulService", notices);
		String environmentName = withoutNul(environment, "incidents.notice.nulEnvironment", notices);
		String kindId = lower(kind);
		if (kindId != null && (Kind.fromId(kindId).isEmpty() || Kind.fromId(kindId).get() == Kind.GCTRACE)) {
			notices.add(Notice.of("incidents.notice.kind", kind));
			kindId = null;
		}
		String statusId = lower(status);
		if (statusId != null && !IncidentFilter.STATUSES.contains(statusId)) {
			notices.add(Notice.of("incidents.notice.status", status));
			statusId = null;
		}
		String severityId = lower(severity);
		if (severityId != null && !isSeverity(severityId)) {
			notices.add(Notice.of("incidents.notice.severity", severity));
			severityId = null;
		}
		TimeRange timeRange = TimeRange.ALL;
		if (trimmed(range) != null) {
			timeRange = TimeRange.of(lower(range)).orElse(null);
			if (timeRange == null) {
				notices.add(Notice.of("incidents.notice.range", range));
				timeRange = TimeRange.ALL;
			}
		}
		Sort order = Sort.LAST_SEEN;
		if (trimmed(sort) != null) {
			order = Sort.of(trimmed(sort));
			if (order == null) {
				notices.add(Notice.of("incidents.notice.sort", sort));
				order = Sort.LAST_SEEN;
			}
		}
		String text = trimmed(withoutNul(q, "incidents.notice.nulText", notices));
		if (text != null && text.length() > MAX_TEXT) {
			notices.add(new Notice("incidents.notice.text", Integer.toString(MAX_TEXT)));
			text = text.substring(0, MAX_TEXT);
		}
		return new IncidentListQuery(trimmed(serviceName), trimmed(environmentName), kindId, statusId, severityId,
				timeRange, text, order, pageNumber(page), List.copyOf(notices));
	}

	/**
	 * A free-text value, or {@code null} with a notice when it holds a NUL character
	 * ({@code %00}), which no browser sends and PostgreSQL's text cannot hold.
	 */
	private static String withoutNul(String value, String code, List<Notice> notices) {
		if (!IncidentFilter.hasNul(value)) {
			return value;
		}
		notices.add(Notice.of(code, value));
		return null;
	}

	/**
	 * The query of the list's database read.
	 * @param now the current time, for the time range
	 * @param size the page size
	 * @return the filter
	 */
	IncidentFilter filter(Instant now, int size) {
		return new IncidentFilter(this.service, this.environment, listOf(this.kind), listOf(this.status),
				listOf(this.severity), this.range.since(now), this.q, this.page - 1, size, this.sort, true);
	}

	IncidentListQuery withPage(int page) {
		return new IncidentListQuery(this.service, this.environment, this.kind, this.status, this.severity, this.range,
				this.q, this.sort, page, this.notices);
	}

	/**
	 * Whether anything narrows the list.
	 * @return {@code true} when a filter or free text is set
	 */
	public boolean filtered() {
		return this.service != null || this.environment != null || this.kind != null || this.status != null
				|| this.severity != null || this.range != TimeRange.ALL || this.q != null;
	}

	/**
	 * The sort's name in the URL.
	 * @return e.g. {@code lastSeen}
	 */
	public String sortId() {
		return sortId(this.sort);
	}

	/**
	 * This list's link; defaults are left out.
	 * @return a path with its query string
	 */
	String url() {
		return url(this.sort, this.page);
	}

	/**
	 * The same list in another order, from its first page.
	 * @param sortId the sort's name
	 * @return the link
	 */
	public String sortedBy(String sortId) {
		Sort other = Sort.of(sortId);
		return url((other != null) ? other : Sort.LAST_SEEN, 1);
	}

	/**
	 * The link of this query without its filters; kept: the order.
	 * @return the link
	 */
	String clearedUrl() {
		return new IncidentListQuery(null, null, null, null, null, TimeRange.ALL, null, this.sort, 1, List.of()).url();
	}

	private String url(Sort sort, int page) {
		StringBuilder query = new StringBuilder();
		append(query, "service", this.service);
		append(query, "environment", this.environment);
		append(query, "kind", this.kind);
		append(query, "status", this.status);
		append(query, "severity", this.severity);
		append(query, "range", (this.range != TimeRange.ALL) ? this.range.id() : null);
		append(query, "q", this.q);
		append(query, "sort", (sort != Sort.LAST_SEEN) ? sortId(sort) : null);
		append(query, "page", (page > 1) ? Integer.toString(page) : null);
		return (query.length() == 0) ? PATH : PATH + "?" + query;
	}

	private static void append(StringBuilder query, String name, String value) {
		if (value != null) {
			query.append((query.length() == 0) ? "" : "&")
				.append(name)
				.append('=')
				// form encoding, as the servlet container decodes a query: '+' is a space
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

	static String sortId(Sort sort) {
		return switch (sort) {
			case LAST_SEEN -> "lastSeen";
			case COUNT -> "count";
			case FIRST_SEEN -> "firstSeen";
		};
	}

	private static int pageNumber(String page) {
		String value = trimmed(page);
		if (value == null) {
			return 1;
		}
		try {
			return Math.max(1, Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			return (value.matches("\\d+")) ? Integer.MAX_VALUE : 1;
		}
	}

	private static boolean isSeverity(String value) {
		for (Severity severity : Severity.values()) {
			if (severity.id().equals(value)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> listOf(String value) {
		return (value != null) ? List.of(value) : List.of();
	}

	private static String lower(String value) {
		String trimmed = trimmed(value);
		return (trimmed != null) ? trimmed.toLowerCase(Locale.ROOT) : null;
	}

	private static String trimmed(String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	/**
	 * A part of the URL's query the page left out, as a message key and the value to
	 * show.
	 *
	 * @param code the message key
	 * @param value the value
	 */
	record Notice(String code, String value) {

		static Notice of(String code, String value) {
			// NUL, which no browser sends, as its visible symbol: the page cannot hold it
			String shown = value.replace('\0', '\u2400').strip();
			return new Notice(code,
					(shown.length() > MAX_SHOWN_VALUE) ? shown.substring(0, MAX_SHOWN_VALUE) + "…" : shown);
		}

	}

}
