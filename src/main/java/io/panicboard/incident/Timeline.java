package io.panicboard.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes timeline entries. Deploys are not written here: they are joined into an
 * incident's timeline when it is read.
 */
@Component
class Timeline {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Timeline(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void add(long incidentId, Instant at, String type, String actor, Map<String, ?> detail) {
		this.jdbc.sql("INSERT INTO timeline_entry (incident_id, at, type, actor, detail) VALUES (?, ?, ?, ?, ?::jsonb)")
			.params(incidentId, utc(at), type, actor, this.json.writeValueAsString(detail))
			.update();
	}

	/**
	 * A detail map from alternating names and values, leaving out {@code null} values.
	 */
	static Map<String, Object> detail(Object... namesAndValues) {
		Map<String, Object> detail = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				detail.put((String) namesAndValues[i], namesAndValues[i + 1]);
			}
		}
		return detail;
	}

	static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
