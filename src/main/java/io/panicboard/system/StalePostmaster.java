package io.panicboard.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a previous run left in a data directory: a postmaster that outlived its JVM (it
 * survives {@code kill -9} of the JVM) or a {@code postmaster.pid} naming a process that
 * is gone.
 */
final class StalePostmaster {

	private static final Log logger = LogFactory.getLog(StalePostmaster.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(60);

	private final Path dataDirectory;

	StalePostmaster(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Stop an orphaned postmaster with a fast shutdown, or delete a pid file whose
	 * process is gone, so that PostgreSQL can start on the directory.
	 * @throws IllegalStateException when a running process still owns the directory
	 */
	void clear() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		Optional<Long> pid = readPid(pidFile);
		if (pid.isEmpty()) {
			return;
		}
		ensureNoLiveOwner();
		Optional<ProcessHandle> postmaster = (pid.get() > 0) ? ProcessHandle.of(pid.get()) : Optional.empty();
		postmaster = postmaster.filter(StalePostmaster::isPostgres);
		if (postmaster.isPresent()) {
			logger.warn("Stopping PostgreSQL (pid " + pid.get() + ") left running on " + this.dataDirectory
					+ " by a previous run");
			stop(postmaster.get());
		}
		else if (Files.deleteIfExists(pidFile)) {
			logger.warn("Deleted stale " + pidFile + " (pid " + pid.get() + " is not a running PostgreSQL)");
		}
	}

	private static Optional<Long> readPid(Path pidFile) throws IOException {
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		try {
			return lines.isEmpty() ? Optional.of(0L) : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.of(0L);
		}
	}

	// The embedded server holds a lock on this file while its JVM lives: a free lock
	// means the postmaster's owner is dead.
	private void ensureNoLiveOwner() throws IOException {
		Path lockFile = this.dataDirectory.resolve("epg-lock");
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock()) {
			if (lock == null) {
				throw inUse();
			}
		}
		catch (OverlappingFileLockException ex) {
			throw inUse();
		}
	}

	private IllegalStateException inUse() {
		return new IllegalStateException(
				"PostgreSQL data directory " + this.dataDirectory + " is in use by another running panicboard");
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.isAlive() && process.info()
			.command()
			.map(Path::of)
			.map(Path::getFileName)
			.filter((name) -> name.toString().equals("postgres"))
			.isPresent();
	}

	private void stop(ProcessHandle postmaster) throws IOException {
		// SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for clients.
		Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start();
		try {
			kill.waitFor();
			postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping PostgreSQL " + postmaster.pid(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("PostgreSQL " + postmaster.pid() + " did not stop within " + STOP_WAIT
					+ "; stop it and start again", ex);
		}
	}

}
