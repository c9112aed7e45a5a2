package io.panicboard.ingest;

import java.io.InputStream;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.panicboard.ingest.IngestProblems.FieldError;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates the events of a {@code POST /api/v1/events} body: one JSON object,
 * a JSON array of objects, or NDJSON (one object per line). Every invalid field of every
 * event is reported with its path ({@code service} for a single object,
 * {@code [3].service} in an array or NDJSON); one invalid event rejects the whole
 * request.
 */
final class EventReader {

	/** Service and environment names. */
	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

	static final String DEFAULT_ENVIRONMENT = "production";

	private static final int MAX_EVENT_ID = 128;

	static final int MAX_VERSION = 128;

	static final int MAX_INSTANCE = 256;

	/** A log stream's name ({@code stdout}, {@code stderr}). */
	static final int MAX_STREAM = 64;

	private final JsonMapper mapper;

	private final IngestProperties properties;

	EventReader(JsonMapper mapper, IngestProperties properties) {
		// records are read one by one from a parser that holds more of them
		this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		this.properties = properties;
	}

	List<Event> read(InputStream body, boolean ndjson) {
		List<Event> events = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		try (JsonParser parser = this.mapper.createParser(body)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw IngestProblems.malformedJson("The body is empty; send one event, an array or NDJSON.");
			}
			if (ndjson) {
				for (JsonToken token = first; token != null; token = parser.nextToken()) {
					readOne(parser, "[" + events.size() + "]", events, errors);
				}
			}
			else if (first == JsonToken.START_ARRAY) {
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					readOne(parser, "[" + events.size() + "]", events, errors);
				}
				trailing(parser);
			}
			else {
				readOne(parser, "", events, errors);
				trailing(parser);
			}
		}
		if (!errors.isEmpty()) {
			throw IngestProblems.invalidFields(errors);
		}
		return events;
	}

	private void readOne(JsonParser parser, String path, List<Event> events, List<FieldError> errors) {
		if (events.size() >= this.properties.maxEventsPerRequest()) {
			throw IngestProblems.tooLarge("The request", this.properties.maxEventsPerRequest(), "events");
		}
		JsonNode node = this.mapper.readTree(parser);
		if (!node.isObject()) {
			errors.add(new FieldError(path.isEmpty() ? "$" : path, "must be a JSON object"));
			events.add(null);
			return;
		}
		events.add(event(node, path, errors));
	}

	private Event event(JsonNode node, String path, List<FieldError> errors) {
		Fields fields = new Fields(node, path, errors);
		String eventId = fields.string("eventId", MAX_EVENT_ID, false);
		String service = fields.name("service", true);
		String environment = fields.name("environment", false);
		String version = fields.optional("version", MAX_VERSION);
		String instance = fields.optional("instance", MAX_INSTANCE);
		Instant timestamp = fields.timestamp("timestamp");
		String text = fields.text("text");
		if (text != null) {
			long max = this.properties.maxEventTextSize().toBytes();
			if (utf8Length(text) > max) {
				throw IngestProblems.tooLarge("Event " + (path.isEmpty() ? "" : path + ".") + "text", max, "bytes");
			}
		}
		if (eventId != null && eventId.isBlank()) {
			errors.add(new FieldError(fields.path("eventId"), "must not be blank"));
		}
		return new Event(eventId, service, (environment != null) ? environment : DEFAULT_ENVIRONMENT, version, instance,
				timestamp, text);
	}

	private static void trailing(JsonParser parser) {
		if (parser.nextToken() != null) {
			throw IngestProblems.malformedJson(
					"Content after the JSON value; send one object, one array, or NDJSON as application/x-ndjson.");
		}
	}

	static long utf8Length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * One valid event.
	 *
	 * @param eventId the idempotency key, or {@code null}
	 * @param service the service
	 * @param environment the environment
	 * @param version the version, or {@code null}
	 * @param instance the instance, or {@code null}
	 * @param timestamp when it happened as sent, or {@code null}
	 * @param text the raw output
	 */
	record Event(String eventId, String service, String environment, String version, String instance, Instant timestamp,
			String text) {
	}

	private record Fields(JsonNode node, String prefix, List<FieldError> errors) {

		String path(String field) {
			return this.prefix.isEmpty() ? field : this.prefix + "." + field;
		}

		String string(String field, int maxLength, boolean required) {
			String text = anyString(field, maxLength, required);
			if (JsonFields.hasNul(text)) {
				this.errors.add(new FieldError(path(field), JsonFields.NO_NUL));
				return null;
			}
			return text;
		}

		/** Optional metadata: empty or whitespace only means not given. */
		String optional(String field, int maxLength) {
			String text = string(field, maxLength, false);
			return (text != null && !text.isBlank()) ? text : null;
		}

		/** A trace's text: any length and any character (the analysis replaces NUL). */
		String text(String field) {
			return anyString(field, Integer.MAX_VALUE, true);
		}

		private String anyString(String field, int maxLength, boolean required) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				if (required) {
					this.errors.add(new FieldError(path(field), "is required"));
				}
				return null;
			}
			if (!value.isString()) {
				this.errors.add(new FieldError(path(field), "must be a string"));
				return null;
			}
			String text = value.stringValue();
			if (JsonFields.longerThan(text, maxLength)) {
				this.errors.add(new FieldError(path(field), "must be at most " + maxLength + " characters"));
				return null;
			}
			return text;
		}

		String name(String field, boolean required) {
			String value = string(field, 63, required);
			if (value != null && !NAME.matcher(value).matches()) {
				this.errors.add(new FieldError(path(field),
						"must match [a-z0-9][a-z0-9._-]{0,62} (lower-case letters, digits, '.', '_', '-')"));
				return null;
			}
			return value;
		}

		Instant timestamp(String field) {
			String value = string(field, 64, false);
			if (value == null) {
				return null;
			}
			try {
				return Rfc3339.parse(value);
			}
			catch (DateTimeException ex) {
				this.errors.add(new FieldError(path(field),
						"must be an RFC 3339 date-time with offset, e.g. 2026-11-21T10:15:30.123Z"));
				return null;
			}
		}

	}

}
