package io.panicboard;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the two things that let PostgreSQL update a row on its own heap page (HOT),
 * without new index entries: no index holds a column the update changes, and the table
 * leaves room on each page for the new row version.
 */
public final class HeapOnlyUpdates {

	private HeapOnlyUpdates() {
	}

	/**
	 * Asserts that no index of a table holds any of the columns and that its pages keep
	 * room.
	 * @param jdbc the test database
	 * @param table the table
	 * @param updated the columns its frequent update changes
	 * @param fillFactor the fill factor the table must have
	 */
	public static void assertPossible(JdbcClient jdbc, String table, List<String> updated, int fillFactor) {
		List<String> indexed = jdbc.sql("""
				SELECT DISTINCT a.attname FROM pg_index x
				JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
				WHERE x.indrelid = CAST(? AS regclass) ORDER BY 1""").param(table).query(String.class).list();
		assertThat(indexed).as("indexed columns of %s", table).isNotEmpty().doesNotContainAnyElementsOf(updated);
		assertThat(jdbc.sql("SELECT reloptions::text FROM pg_class WHERE oid = CAST(? AS regclass)")
			.param(table)
			.query(String.class)
			.single()).as("storage parameters of %s", table).contains("fillfactor=" + fillFactor);
	}

}
