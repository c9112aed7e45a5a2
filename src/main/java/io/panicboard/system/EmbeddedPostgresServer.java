package io.panicboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
 * a directory across restarts. It runs until {@link #close()}, even while the JVM shuts
 * down: whoever starts it closes it.
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
			ensureWritable(directory);
			if (port != 0) {
				ensurePortFree(port, directory);
			}
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setPGStartupWait(STARTUP_WAIT)
				// Its own hook would stop the server as a JVM shutdown begins, while
				// requests still drain and batches commit: the owner closes it.
				.setRegisterShutdownHook(false);
			if (durable) {
				// The library starts postgres with -F (fsync off); a later -c wins.
				builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
				// Ingestion writes WAL in bursts (about 15 MB/s at full load): with the
				// default 1 GB, a checkpoint was requested every minute or so, and each
				// one's flushes and full-page writes delayed the commits around it.
				builder.setServerConfig("max_wal_size", MAX_WAL_SIZE)
					.setServerConfig("checkpoint_timeout", CHECKPOINT_TIMEOUT);
			}
			return verified(WatchedStart.start(builder, directory), directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory, ex);
		}
	}

	// PostgreSQL stops at once in a directory where it cannot create postmaster.pid.
	private static void ensureWritable(Path directory) {
		try {
			Files.delete(Files.createTempFile(directory, "write-check", ".tmp"));
		}
		catch (IOException ex) {
			String reason = (ex instanceof AccessDeniedException) ? "Permission denied"
					: (ex instanceof FileSystemException fileSystem && fileSystem.getReason() != null)
							? fileSystem.getReason() : ex.toString();
			throw new IllegalStateException("PostgreSQL data directory " + directory + " is not writable (" + reason
					+ "); embedded PostgreSQL was not started", ex);
		}
	}

	// PostgreSQL cannot listen on a port that is taken and gives up, but the library only
	// waits until the port answers: whatever listens there would be taken for the server.
	private static void ensurePortFree(int port, Path directory) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			// free
		}
		catch (IOException ex) {
			throw new IllegalStateException("Port " + port + " (PANICBOARD_EMBEDDED_DB_PORT) is in use, perhaps by "
					+ "another PostgreSQL; embedded PostgreSQL for " + directory + " was not started. Stop what "
					+ "listens there or choose another port.", ex);
		}
	}

	// What answers on the port must be the server of this directory, not one that took
	// the port a moment before it.
	private static EmbeddedPostgresServer verified(EmbeddedPostgres postgres, Path directory) throws IOException {
		try {
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory);
			ensureDataDirectory(directory, server.query("SHOW data_directory"), postgres.getPort());
			return server;
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	/**
	 * Fails unless the data directory a server reports is the expected one.
	 * @param expected the directory the server was started on
	 * @param reported the server's {@code data_directory}
	 * @param port the port the server answered on
	 */
	static void ensureDataDirectory(Path expected, String reported, int port) {
		if (!sameDirectory(expected, Path.of(reported))) {
			throw new IllegalStateException("The PostgreSQL answering on port " + port + " serves " + reported
					+ ", not " + expected + ": another server took the port, and this one did not start. Stop "
					+ "the other server or choose another port.");
		}
	}

	private static boolean sameDirectory(Path expected, Path reported) {
		try {
			return Files.isSameFile(expected, reported);
		}
		catch (IOException ex) {
			return false;
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
