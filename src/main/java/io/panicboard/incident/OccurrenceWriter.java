package io.panicboard.incident;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes occurrence rows with PostgreSQL's {@code COPY} on the connection of the current
 * transaction: one round trip for a whole batch and no per-value parameter binding.
 * <p>
 * Values are written in COPY's text format. PostgreSQL's text types cannot hold the NUL
 * character, which crash output copied from binary logs may contain; it is stored as
 * U+FFFD, as invalid UTF-8 already is.
 */
@Component
class OccurrenceWriter {

	private static final String COPY = "COPY occurrence (incident_id, service, environment, fingerprint, received_at, "
			+ "occurred_at, version, instance, event_id, text, finding) FROM STDIN";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	OccurrenceWriter(DataSource dataSource, JdbcTemplate jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/** Rows in COPY text format, one {@link #row} call each. */
	static final class Rows {

		private final StringBuilder text = new StringBuilder(64 * 1024);

		private int count;

		void row(long incidentId, String service, String environment, String fingerprint, Instant receivedAt,
				Instant occurredAt, String version, String instance, String eventId, String traceText,
				String findingJson) {
			this.text.append(incidentId);
			value(service);
			value(environment);
			value(fingerprint);
			value(receivedAt.toString());
			value(occurredAt.toString());
			value(version);
			value(instance);
			value(eventId);
			value(traceText);
			value(findingJson.replace("\\u0000", "\\uFFFD"));
			this.text.append('\n');
			this.count++;
		}

		private void value(String value) {
			this.text.append('\t');
			if (value == null) {
				this.text.append("\\N");
				return;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '\\' -> this.text.append("\\\\");
					case '\t' -> this.text.append("\\t");
					case '\n' -> this.text.append("\\n");
					case '\r' -> this.text.append("\\r");
					case '\0' -> this.text.append('\uFFFD');
					default -> this.text.append(c);
				}
			}
		}

		int count() {
			return this.count;
		}

	}

	/**
	 * Copies the rows in within the current transaction.
	 * @param rows the rows
	 */
	void copy(Rows rows) {
		if (rows.count() == 0) {
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.text.toString()));
		}
		catch (SQLException ex) {
			throw this.jdbc.getExceptionTranslator().translate("copy occurrences", COPY, ex);
		}
		catch (IOException ex) {
			throw new DataAccessResourceFailureException("copying occurrences failed", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

}
