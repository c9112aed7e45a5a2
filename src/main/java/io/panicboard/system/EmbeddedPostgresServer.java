package io.panicboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server running from binaries shipped in the jar, keeping its data in
 * a directory across restarts.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String USERNAME = "postgres";

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final String version;

	/** WAL kept between checkpoints (PostgreSQL's default is 1GB). */
	static final String MAX_WAL_SIZE = "4GB";

	/** The longest time between checkpoints (PostgreSQL's default is 5min). */
	static final String CHECKPOINT_TIMEOUT = "15min";

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.version = query("SELECT current_setting('server_version')");
	}

	/**
	 * Start a durable server (fsync and synchronous commit on) on the given data
	 * directory, first stopping or clearing whatever a crashed previous run left behind.
	 * @param dataDirectory the PostgreSQL data directory, created when missing
	 * @param port the port, or {@code 0} for a free one
	 * @return the running server
	 */
	static EmbeddedPostgresServer start(Path dataDirectory, int port) {
		return start(dataDirectory, port, true);
	}

	static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable) {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(directory);
			new StalePostmaster(directory).clear();
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setPGStartupWait(STARTUP_WAIT);
			if (durable) {
				// The library starts postgres with -F (fsync off); a later -c wins.
				builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
				// Ingestion writes WAL in bursts (about 15 MB/s at full load): with the
				// default 1 GB, a checkpoint was requested every minute or so, and each
				// one's flushes and full-page writes delayed the commits around it.
				builder.setServerConfig("max_wal_size", MAX_WAL_SIZE)
					.setServerConfig("checkpoint_timeout", CHECKPOINT_TIMEOUT);
			}
			return new EmbeddedPostgresServer(builder.start(), directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory, ex);
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres";
	}

	Path dataDirectory() {
		return this.dataDirectory;
	}

	String version() {
		return this.version;
	}

	String query(String sql) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Query failed on embedded PostgreSQL: " + sql, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
