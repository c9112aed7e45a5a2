package io.panicboard.incident;

import java.nio.charset.StandardCharsets;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} in its text format, the cheapest way
 * to insert many rows: the server parses no statement per row and plans nothing. Fields
 * are separated by tabs and rows end with a newline; a backslash, tab, newline or
 * carriage return inside a value is escaped, and {@code null} is {@code \N}.
 */
final class CopyRows {

	private final StringBuilder text;

	private boolean rowStarted;

	private int rows;

	CopyRows(int expectedRows, int bytesPerRow) {
		this.text = new StringBuilder(Math.max(16, expectedRows * bytesPerRow));
	}

	CopyRows add(String value) {
		separate();
		if (value == null) {
			this.text.append("\\N");
			return this;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
		return this;
	}

	CopyRows add(long value) {
		separate();
		this.text.append(value);
		return this;
	}

	CopyRows add(Object value) {
		return add((value != null) ? value.toString() : null);
	}

	CopyRows endRow() {
		this.text.append('\n');
		this.rowStarted = false;
		this.rows++;
		return this;
	}

	int rows() {
		return this.rows;
	}

	/**
	 * Copies the rows in the current transaction of the template's data source.
	 * @param jdbc the template
	 * @param table the table and its column list, as in {@code occurrence (a, b)}
	 * @return the number of rows the server copied
	 */
	long copyInto(JdbcTemplate jdbc, String table) {
		if (this.rowStarted) {
			throw new IllegalStateException("the last row was not ended");
		}
		byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
		Long copied = jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
			try {
				in.writeToCopy(bytes, 0, bytes.length);
				return in.endCopy();
			}
			finally {
				if (in.isActive()) {
					in.cancelCopy();
				}
			}
		});
		return (copied != null) ? copied : 0;
	}

	private void separate() {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
	}

}
