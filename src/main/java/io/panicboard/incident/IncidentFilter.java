package io.panicboard.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;

/**
 * The validated query of the incident list. Sorting goes through a fixed map from API
 * names to columns: no request value ever becomes SQL text.
 */
record IncidentFilter(String service, String environment, List<String> kinds, List<String> statuses,
		List<String> severities, Instant since, String q, int page, int size, Sort sort, boolean descending) {

	static final int DEFAULT_SIZE = 25;

	static final int MAX_SIZE = 100;

	static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved", "muted");

	static IncidentFilter parse(String service, String environment, List<String> kinds, List<String> statuses,
			List<String> severities, String since, String q, Integer page, Integer size, String sort) {
		List<Map<String, String>> errors = new ArrayList<>();
		requireNoNul("service", service, errors);
		requireNoNul("environment", environment, errors);
		requireNoNul("q", q, errors);
		for (String kind : values(kinds)) {
			if (Kind.fromId(kind).isEmpty() || Kind.fromId(kind).get() == Kind.GCTRACE) {
				errors.add(error("kind", "unknown kind '" + kind + "'"));
			}
		}
		for (String status : values(statuses)) {
			if (!STATUSES.contains(status)) {
				errors.add(error("status", "must be one of open, acknowledged, resolved, muted"));
			}
		}
		for (String severity : values(severities)) {
			if (!isSeverity(severity)) {
				errors.add(error("severity", "must be one of critical, high, warning, info"));
			}
		}
		Instant sinceInstant = null;
		if (since != null && !since.isBlank()) {
			try {
				sinceInstant = OffsetDateTime.parse(since).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.add(error("since", "must be an RFC 3339 time such as 2026-11-21T08:00:00Z"));
			}
		}
		int pageNumber = (page != null) ? page : 0;
		int pageSize = (size != null) ? size : DEFAULT_SIZE;
		if (pageNumber < 0) {
			errors.add(error("page", "must be 0 or more"));
		}
		if (pageSize < 1 || pageSize > MAX_SIZE) {
			errors.add(error("size", "must be between 1 and " + MAX_SIZE));
		}
		SortOrder order = SortOrder.parse(sort);
		if (order == null) {
			errors.add(error("sort", "must be lastSeen, count or firstSeen, optionally followed by ,asc or ,desc"));
		}
		if (!errors.isEmpty()) {
			throw IncidentProblems.invalid(errors);
		}
		return new IncidentFilter(blankToNull(service), blankToNull(environment), values(kinds), values(statuses),
				values(severities), sinceInstant, blankToNull(q), pageNumber, pageSize, order.sort, order.descending);
	}

	/**
	 * PostgreSQL's text cannot hold NUL ({@code %00}): compared with a column, it fails
	 * the statement.
	 */
	private static void requireNoNul(String field, String value, List<Map<String, String>> errors) {
		if (hasNul(value)) {
			errors.add(error(field, "must not contain NUL characters"));
		}
	}

	static boolean hasNul(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}

	private static boolean isSeverity(String value) {
		for (Severity severity : Severity.values()) {
			if (severity.id().equals(value)) {
				return true;
			}
		}
		return false;
	}

	/** Accepts repeated parameters and comma-separated lists. */
	private static List<String> values(List<String> raw) {
		if (raw == null) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		for (String item : raw) {
			for (String value : item.split(",")) {
				if (!value.isBlank()) {
					values.add(value.trim().toLowerCase(Locale.ROOT));
				}
			}
		}
		return values;
	}

	private static String blankToNull(String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	/**
	 * The sortable columns.
	 */
	enum Sort {

		LAST_SEEN("lastSeen", "last_seen"), COUNT("count", "event_count"), FIRST_SEEN("firstSeen", "first_seen");

		private final String apiName;

		final String column;

		Sort(String apiName, String column) {
			this.apiName = apiName;
			this.column = column;
		}

		static Sort of(String apiName) {
			for (Sort sort : values()) {
				if (sort.apiName.equals(apiName) || ("eventCount".equals(apiName) && sort == COUNT)) {
					return sort;
				}
			}
			return null;
		}

	}

	private record SortOrder(Sort sort, boolean descending) {

		static SortOrder parse(String value) {
			if (value == null || value.isBlank()) {
				return new SortOrder(Sort.LAST_SEEN, true);
			}
			String[] parts = value.split(",", -1);
			String name = parts[0].trim();
			boolean descending = true;
			if (name.startsWith("-") || name.startsWith("+")) {
				descending = name.startsWith("-");
				name = name.substring(1);
			}
			else if (parts[0].startsWith(" ")) {
				// a '+' written into the query string unescaped arrives decoded as a
				// space
				descending = false;
			}
			if (parts.length == 2) {
				String direction = parts[1].trim().toLowerCase(Locale.ROOT);
				if (!direction.equals("asc") && !direction.equals("desc")) {
					return null;
				}
				descending = direction.equals("desc");
			}
			Sort sort = Sort.of(name);
			return (sort != null && parts.length <= 2) ? new SortOrder(sort, descending) : null;
		}

	}

}
