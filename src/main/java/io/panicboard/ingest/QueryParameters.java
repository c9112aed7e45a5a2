package io.panicboard.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.ingest.IngestProblems.FieldError;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The parameters of an ingestion request, read from its query string itself: asking the
 * servlet request for a parameter would make the container consume a form-encoded body
 * (curl's default content type) before the endpoint reads it. Invalid values are
 * collected, so that one 400 names every invalid parameter.
 */
final class QueryParameters {

	private final MultiValueMap<String, String> query;

	private final List<FieldError> errors = new ArrayList<>();

	private QueryParameters(String queryString) {
		this.query = UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams();
	}

	static QueryParameters of(String queryString) {
		return new QueryParameters(queryString);
	}

	/**
	 * A free-text parameter; {@code %00} (NUL), a {@code %} not followed by two hex
	 * digits and a parameter given more than once ({@code ?service=a&service=b}: which
	 * one was meant?) are invalid.
	 * @param name the parameter
	 * @param maxLength its longest allowed value
	 * @return the decoded value, or {@code null} when absent, empty, whitespace only (not
	 * given) or invalid
	 */
	String text(String name, int maxLength) {
		List<String> values = this.query.getOrDefault(name, List.of());
		if (values.size() > 1) {
			return invalid(name, "must be given once");
		}
		String raw = values.isEmpty() ? null : values.get(0);
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String value;
		try {
			value = UriUtils.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return invalid(name, "must be percent-encoded UTF-8");
		}
		if (value.isBlank()) {
			return null;
		}
		if (JsonFields.longerThan(value, maxLength)) {
			return invalid(name, "must be at most " + maxLength + " characters");
		}
		if (JsonFields.hasNul(value)) {
			return invalid(name, JsonFields.NO_NUL);
		}
		return value;
	}

	/**
	 * A service or environment name ({@link EventReader#NAME}).
	 * @param name the parameter
	 * @param required whether a missing value is an error
	 * @return the name, or {@code null} when absent or invalid
	 */
	String name(String name, boolean required) {
		String value = text(name, 63);
		if (value == null) {
			return (required && !hasError(name)) ? invalid(name, "is required") : null;
		}
		if (!EventReader.NAME.matcher(value).matches()) {
			return invalid(name, "must match [a-z0-9][a-z0-9._-]{0,62}");
		}
		return value;
	}

	/**
	 * Records an invalid value found by the endpoint's own rules.
	 * @param name the parameter
	 * @param message what is wrong with it
	 * @return {@code null}, as the value to use
	 */
	String invalid(String name, String message) {
		this.errors.add(new FieldError(name, message));
		return null;
	}

	/**
	 * Whether a parameter was already found invalid.
	 * @param name the parameter
	 * @return {@code true} when an error names it
	 */
	boolean hasError(String name) {
		return this.errors.stream().anyMatch((error) -> error.field().equals(name));
	}

	/** Answers 400, naming every invalid parameter, if there is one. */
	void requireValid() {
		if (!this.errors.isEmpty()) {
			throw IngestProblems.invalidFields(this.errors);
		}
	}

}
