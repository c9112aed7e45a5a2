package io.panicboard.ingest;

import java.util.List;

import io.panicboard.ingest.IngestProblems.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Reads the string fields of small JSON bodies (deploys, heartbeats), adding a
 * {@link FieldError} per invalid field so that one answer names them all.
 */
final class JsonFields {

	private JsonFields() {
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
	 * A non-blank string of bounded length.
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
		if (value.stringValue().length() > maxLength) {
			errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
			return null;
		}
		return value.stringValue();
	}

}
