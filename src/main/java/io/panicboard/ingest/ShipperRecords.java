package io.panicboard.ingest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.panicboard.ingest.IngestProblems.FieldError;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON record batches of log shippers — Fluent Bit's {@code http} output
 * ({@code format json}: an array; {@code json_lines}: NDJSON; the line in {@code log})
 * and Vector's {@code http} sink ({@code codec json}: an array; with
 * {@code newline_delimited} framing: NDJSON; the line in {@code message}) — and groups
 * their lines by stream, in the order received. Service, environment and instance come
 * from the query parameters when given, else from the record (Kubernetes metadata, see
 * {@link IngestProperties}); the stream from the record ({@code stream}), else the
 * parameter. A record without a log line is ignored; a record without a service rejects
 * the request, and so does an empty body (like {@code /events}); an empty array stores
 * nothing.
 */
final class ShipperRecords {

	private final JsonMapper mapper;

	private final IngestProperties properties;

	ShipperRecords(JsonMapper mapper, IngestProperties properties) {
		// records are read one by one from a parser that holds more of them
		this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		this.properties = properties;
	}

	/**
	 * Groups the records of a body.
	 * @param body the body
	 * @param defaults the query parameters
	 * @return the text of each stream, lines joined with line feeds
	 */
	Map<StreamKey, byte[]> read(InputStream body, LogParameters defaults) {
		Map<StreamKey, ByteArrayOutputStream> groups = new TreeMap<>(StreamKey.ORDER);
		List<FieldError> errors = new ArrayList<>();
		int index = 0;
		try (JsonParser parser = this.mapper.createParser(body)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw IngestProblems.malformedJson(
						"The body is empty; send a JSON array of records or records as NDJSON. Nothing was stored.");
			}
			for (JsonToken token = first; token != null; token = parser.nextToken()) {
				if (token == JsonToken.START_ARRAY) {
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						add(this.mapper.readTree(parser), index++, defaults, groups, errors);
					}
				}
				else {
					add(this.mapper.readTree(parser), index++, defaults, groups, errors);
				}
			}
		}
		if (!errors.isEmpty()) {
			throw IngestProblems.invalidFields(errors);
		}
		Map<StreamKey, byte[]> texts = new TreeMap<>(StreamKey.ORDER);
		groups.forEach((key, text) -> texts.put(key, text.toByteArray()));
		return texts;
	}

	private void add(JsonNode record, int index, LogParameters defaults, Map<StreamKey, ByteArrayOutputStream> groups,
			List<FieldError> errors) {
		String path = "[" + index + "]";
		if (!record.isObject()) {
			errors.add(new FieldError(path, "must be a JSON object"));
			return;
		}
		String line = first(record, this.properties.recordMessageFields());
		if (line == null) {
			return;
		}
		String service = (defaults.service() != null) ? defaults.service()
				: metadata(record, this.properties.recordServiceFields());
		String environment = (defaults.environment() != null) ? defaults.environment()
				: metadata(record, this.properties.recordEnvironmentFields());
		String instance = (defaults.instance() != null) ? defaults.instance()
				: metadata(record, this.properties.recordInstanceFields());
		String stream = metadata(record, this.properties.recordStreamFields());
		int errorsBefore = errors.size();
		if (service == null) {
			errors.add(new FieldError(path + ".service",
					"no service: set ?service= or one of " + this.properties.recordServiceFields() + " in the record"));
		}
		else {
			checkName(service, path + ".service", errors);
		}
		checkName(environment, path + ".environment", errors);
		checkText(instance, EventReader.MAX_INSTANCE, path + ".instance", errors);
		checkText(stream, EventReader.MAX_STREAM, path + ".stream", errors);
		if (errors.size() > errorsBefore) {
			return;
		}
		if (environment == null) {
			environment = EventReader.DEFAULT_ENVIRONMENT;
		}
		StreamKey key = new StreamKey(service, environment, instance, (stream != null) ? stream : defaults.stream());
		ByteArrayOutputStream text = groups.computeIfAbsent(key, (k) -> new ByteArrayOutputStream());
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		text.write(bytes, 0, bytes.length);
		if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
			text.write('\n');
		}
	}

	private static void checkName(String value, String field, List<FieldError> errors) {
		if (value != null && !EventReader.NAME.matcher(value).matches()) {
			errors.add(new FieldError(field, "'" + value + "' must match [a-z0-9][a-z0-9._-]{0,62}"));
		}
	}

	/**
	 * Checks a value with the limits of its query parameter: it is stored in the stream's
	 * tail and the incident's rollups, whose keys it must fit.
	 */
	private static void checkText(String value, int maxLength, String field, List<FieldError> errors) {
		if (JsonFields.hasNul(value)) {
			errors.add(new FieldError(field, JsonFields.NO_NUL));
		}
		else if (value != null && JsonFields.longerThan(value, maxLength)) {
			errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
		}
	}

	/** Like {@link #first}, but an empty or whitespace-only value is not given. */
	private static String metadata(JsonNode record, List<String> paths) {
		for (String path : paths) {
			JsonNode value = resolve(record, path);
			if (value != null && value.isValueNode() && !value.isNull() && !value.asString().isBlank()) {
				return value.asString();
			}
		}
		return null;
	}

	private static String first(JsonNode record, List<String> paths) {
		for (String path : paths) {
			JsonNode value = resolve(record, path);
			if (value != null && value.isValueNode() && !value.isNull()) {
				return value.asString();
			}
		}
		return null;
	}

	/**
	 * Resolves a dotted path; a key that itself contains dots (a Kubernetes label such as
	 * {@code app.kubernetes.io/name}) is found too, the longest key first.
	 */
	static JsonNode resolve(JsonNode node, String path) {
		if (node == null || !node.isObject()) {
			return null;
		}
		JsonNode whole = node.get(path);
		if (whole != null) {
			return whole;
		}
		for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
			JsonNode child = node.get(path.substring(0, dot));
			if (child != null) {
				JsonNode found = resolve(child, path.substring(dot + 1));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * The query parameters of a logs request.
	 *
	 * @param service the service, or {@code null}
	 * @param environment the environment, or {@code null}
	 * @param version the version, or {@code null}
	 * @param instance the instance, or {@code null}
	 * @param stream the stream name, or {@code null}
	 * @param last whether the stream ends with this request
	 */
	record LogParameters(String service, String environment, String version, String instance, String stream,
			boolean last) {
	}

}
