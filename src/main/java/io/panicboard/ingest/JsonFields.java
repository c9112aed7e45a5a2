package io.panicboard.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.panicboard.ingest.IngestProblems.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.ErrorResponseException;

/**
 * Reads the string fields of small JSON bodies (deploys, heartbeats), adding a
 * {@link FieldError} per invalid field so that one answer names them all.
 */
final class JsonFields {

	/**
	 * What a field with a NUL character is told: PostgreSQL's text and {@code jsonb}
	 * cannot hold one (a trace's text is different: the analysis replaces NUL with
	 * U+FFFD).
	 */
	static final String NO_NUL = "must not contain NUL characters";

	private JsonFields() {
	}

	/**
	 * Whether a value holds a NUL character.
	 * @param value the value, or {@code null}
	 * @return {@code true} when it holds {@code U+0000}
	 */
	static boolean hasNul(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}

	/**
	 * Whether a value is longer than a limit in characters. Characters are Unicode code
	 * points, as the documentation and PostgreSQL's {@code char_length} count them: an
	 * emoji is one character, not the two UTF-16 units of a Java string.
	 * @param value the value
	 * @param maxLength the most characters allowed
	 * @return {@code true} when it has more
	 */
	static boolean longerThan(String value, int maxLength) {
		return value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength;
	}

	/**
	 * Reads a small body that must be one JSON object.
	 * @param mapper the JSON mapper
	 * @param request the request
	 * @param maxBytes the largest body read; more is a 413
	 * @return the object
	 * @throws ErrorResponseException 413 for a body over the limit, 400 for anything but
	 * one JSON object
	 */
	static JsonNode object(JsonMapper mapper, HttpServletRequest request, long maxBytes) {
		JsonNode node;
		try (InputStream body = RequestBodies.open(request, maxBytes, "The body")) {
			node = mapper.readTree(body);
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (IOException | JacksonException ex) {
			throw RequestBodies.readFailure(ex, maxBytes, "The body");
		}
		if (node == null || !node.isObject()) {
			throw IngestProblems.malformedJson("The body must be one JSON object.");
		}
		return node;
	}

	/**
	 * An RFC 3339 time that must not lie further in the future than allowed.
	 * @param value the text, or {@code null}
	 * @param field the field, for errors
	 * @param now the clock's reading
	 * @param future how far ahead a time may lie
	 * @param errors where errors go
	 * @return the instant, or {@code null} when missing or invalid
	 */
	static Instant notInTheFuture(String value, String field, Instant now, Duration future, List<FieldError> errors) {
		if (value == null) {
			return null;
		}
		try {
			Instant instant = Rfc3339.parse(value);
			if (instant.isAfter(now.plus(future))) {
				errors.add(new FieldError(field, "must not lie in the future"));
				return null;
			}
			return instant;
		}
		catch (DateTimeException ex) {
			errors.add(new FieldError(field, "must be an RFC 3339 date-time with offset"));
			return null;
		}
	}

	/**
	 * A service or environment name.
	 * @param node the object
	 * @param field the field
	 * @param required whether a missing field is an error
	 * @param errors where errors go
	 * @return the name, or {@code null} when missing or invalid
	 */
	static String name(JsonNode node, String field, boolean required, List<FieldError> errors) {
		String value = string(node, field, 63, required, errors);
		if (value != null && !EventReader.NAME.matcher(value).matches()) {
			errors.add(new FieldError(field, "must match [a-z0-9][a-z0-9._-]{0,62}"));
			return null;
		}
		return value;
	}

	/**
	 * A non-blank string of bounded length without NUL characters.
	 * @param node the object
	 * @param field the field
	 * @param maxLength the longest value accepted
	 * @param required whether a missing field is an error
	 * @param errors where errors go
	 * @return the value, or {@code null} when missing or invalid
	 */
	static String string(JsonNode node, String field, int maxLength, boolean required, List<FieldError> errors) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				errors.add(new FieldError(field, "is required"));
			}
			return null;
		}
		if (!value.isString() || value.stringValue().isBlank()) {
			errors.add(new FieldError(field, "must be a non-blank string"));
			return null;
		}
		if (hasNul(value.stringValue())) {
			errors.add(new FieldError(field, NO_NUL));
			return null;
		}
		if (longerThan(value.stringValue(), maxLength)) {
			errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
			return null;
		}
		return value.stringValue();
	}

}
