package io.panicboard.ingest.benchmark;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Locale;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The floor of a write benchmark: rows per second of a raw {@code COPY} of rows the
 * application itself wrote during the warm-up, into a table like the real one with the
 * same indexes, so the floor writes exactly what ingestion writes with nothing around it.
 */
final class CopyFloor {

	private CopyFloor() {
	}

	/**
	 * The best of three {@link #rowsPerSecond(DataSource, String, String, int, int)
	 * runs}: one short {@code COPY} on a shared machine can land on a checkpoint or a
	 * busy moment, and the highest floor is the strictest one to be compared with.
	 * @param dataSource the application's database
	 * @param table the real table
	 * @param columns its columns to copy (generated ones left out)
	 * @param sampleRows how many rows to sample
	 * @param rows about how many rows to copy per run
	 * @return rows per second of the fastest run
	 * @throws Exception on a database failure
	 */
	static double bestOfThree(DataSource dataSource, String table, String columns, int sampleRows, int rows)
			throws Exception {
		double best = 0;
		for (int run = 0; run < 3; run++) {
			best = Math.max(best, rowsPerSecond(dataSource, table, columns, sampleRows, rows));
		}
		return best;
	}

	/**
	 * Copies a sample of a table's rows again and again into a scratch copy of the table.
	 * @param dataSource the application's database
	 * @param table the real table
	 * @param columns its columns to copy (generated ones left out)
	 * @param sampleRows how many rows to sample
	 * @param rows about how many rows to copy in all
	 * @return rows per second
	 * @throws Exception on a database failure
	 */
	static double rowsPerSecond(DataSource dataSource, String table, String columns, int sampleRows, int rows)
			throws Exception {
		String scratch = table + "_floor";
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			StringWriter sample = new StringWriter();
			copy.copyOut("COPY (SELECT " + columns + " FROM " + table + " LIMIT " + sampleRows + ") TO STDOUT", sample);
			byte[] lines = sample.toString().getBytes(StandardCharsets.UTF_8);
			int sampled = 0;
			for (byte b : lines) {
				sampled += (b == '\n') ? 1 : 0;
			}
			int copies = Math.max(1, rows / Math.max(1, sampled));
			jdbc.execute("DROP TABLE IF EXISTS " + scratch);
			jdbc.execute("CREATE TABLE " + scratch + " (LIKE " + table + " INCLUDING ALL)");
			long t0 = System.nanoTime();
			CopyIn in = copy.copyIn("COPY " + scratch + " (" + columns + ") FROM STDIN");
			for (int i = 0; i < copies; i++) {
				in.writeToCopy(lines, 0, lines.length);
			}
			long copied = in.endCopy();
			double seconds = (System.nanoTime() - t0) / 1e9;
			System.out.printf(Locale.ROOT, "floor: COPY of %d %s rows in %.2f s%n", copied, table, seconds);
			return copied / seconds;
		}
		finally {
			jdbc.execute("DROP TABLE IF EXISTS " + scratch);
		}
	}

}
