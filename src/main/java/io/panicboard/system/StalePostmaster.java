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
import java.time.Instant;
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
 * is gone or is not that postmaster (its pid reused).
 */
final class StalePostmaster {

	private static final Log logger = LogFactory.getLog(StalePostmaster.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(60);

	/**
	 * How far the start time in a pid file may be from its process's start time as the
	 * operating system reports it (whole seconds, from boot time and clock ticks).
	 */
	static final Duration START_TOLERANCE = Duration.ofSeconds(5);

	private final Path dataDirectory;

	StalePostmaster(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Stop an orphaned postmaster with a fast shutdown, or delete a pid file whose
	 * process is gone or is not that postmaster, so that PostgreSQL can start on the
	 * directory.
	 * @throws IllegalStateException when a running process still owns the directory, or
	 * when a running PostgreSQL named in the pid file cannot be told apart from its
	 * postmaster
	 */
	void clear() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		Optional<PidFile> stale = PidFile.read(pidFile);
		if (stale.isEmpty()) {
			return;
		}
		ensureNoLiveOwner();
		long pid = stale.get().pid();
		Optional<ProcessHandle> process = stale.get().process();
		Verdict verdict = verdict(stale.get(), process);
		if (verdict == Verdict.POSTMASTER) {
			logger.warn("Stopping PostgreSQL (pid " + pid + ") left running on " + this.dataDirectory
					+ " by a previous run");
			stop(process.get());
		}
		else if (verdict == Verdict.UNDECIDED) {
			throw new IllegalStateException(pidFile + " names pid " + pid + ", a running PostgreSQL that may be the "
					+ "server of " + this.dataDirectory + " or another one; stop it if it serves this directory, "
					+ "otherwise delete the file, and start again");
		}
		else if (Files.deleteIfExists(pidFile)) {
			logger.warn("Deleted stale " + pidFile + " (pid " + pid
					+ " is not running, or is not the PostgreSQL of this directory)");
		}
	}

	/**
	 * Stop the postmaster that a failed start of this JVM left running, if any: the
	 * library gave up waiting for it, and nobody else would stop it.
	 */
	void stopAfterFailedStart() throws IOException {
		Optional<PidFile> pidFile = PidFile.read(this.dataDirectory.resolve("postmaster.pid"));
		Optional<ProcessHandle> process = pidFile.flatMap(PidFile::process);
		if (pidFile.isPresent() && verdict(pidFile.get(), process) == Verdict.POSTMASTER) {
			logger.warn("Stopping PostgreSQL (pid " + pidFile.get().pid() + ") on " + this.dataDirectory
					+ ", which did not start in time");
			stop(process.get());
		}
	}

	private Verdict verdict(PidFile pidFile, Optional<ProcessHandle> process) {
		return process.map((running) -> judge(pidFile, ProcessFacts.of(running), this.dataDirectory))
			.orElse(Verdict.OTHER_PROCESS);
	}

	/**
	 * Whether a running process is the postmaster that wrote a pid file in a data
	 * directory. Only that postmaster may be signalled: the pid of one that is gone may
	 * have been reused by any process, another PostgreSQL included.
	 * @param pidFile what the pid file says
	 * @param process what is known of the process with its pid
	 * @param dataDirectory the data directory of the pid file
	 * @return the verdict
	 */
	static Verdict judge(PidFile pidFile, ProcessFacts process, Path dataDirectory) {
		if (!process.executable().filter("postgres"::equals).isPresent()) {
			return Verdict.OTHER_PROCESS;
		}
		// A postmaster works in its data directory: decisive wherever it can be read.
		if (process.workingDirectory().isPresent()) {
			return sameDirectory(process.workingDirectory().get(), dataDirectory) ? Verdict.POSTMASTER
					: Verdict.OTHER_PROCESS;
		}
		if (pidFile.dataDirectory().isPresent() && !sameDirectory(pidFile.dataDirectory().get(), dataDirectory)) {
			return Verdict.OTHER_PROCESS;
		}
		if (pidFile.startedAt().isPresent() && process.startedAt().isPresent()) {
			Duration apart = Duration.between(pidFile.startedAt().get(), process.startedAt().get()).abs();
			return (apart.compareTo(START_TOLERANCE) <= 0) ? Verdict.POSTMASTER : Verdict.OTHER_PROCESS;
		}
		return Verdict.UNDECIDED;
	}

	private static boolean sameDirectory(Path one, Path other) {
		try {
			return Files.isSameFile(one, other);
		}
		catch (IOException ex) {
			return false;
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

	/**
	 * What the named process is to the directory.
	 */
	enum Verdict {

		/** Its postmaster: stop it. */
		POSTMASTER,

		/** Any other process: the pid file is stale. */
		OTHER_PROCESS,

		/** A PostgreSQL that cannot be told apart from its postmaster. */
		UNDECIDED

	}

	/**
	 * The first lines of a {@code postmaster.pid}: the pid, the data directory and the
	 * start time (seconds since the epoch).
	 *
	 * @param pid the pid, {@code 0} when unreadable
	 * @param dataDirectory the data directory the postmaster wrote
	 * @param startedAt when the postmaster started
	 */
	record PidFile(long pid, Optional<Path> dataDirectory, Optional<Instant> startedAt) {

		/**
		 * The running process with the file's pid.
		 * @return the process, empty when none runs
		 */
		Optional<ProcessHandle> process() {
			return ((this.pid > 0) ? ProcessHandle.of(this.pid) : Optional.<ProcessHandle>empty())
				.filter(ProcessHandle::isAlive);
		}

		static Optional<PidFile> read(Path pidFile) throws IOException {
			if (!Files.exists(pidFile)) {
				return Optional.empty();
			}
			return Optional.of(parse(Files.readAllLines(pidFile, StandardCharsets.US_ASCII)));
		}

		static PidFile parse(List<String> lines) {
			Optional<Path> dataDirectory = line(lines, 1).map(Path::of);
			return new PidFile(number(lines, 0).orElse(0L), dataDirectory,
					number(lines, 2).map(Instant::ofEpochSecond));
		}

		private static Optional<String> line(List<String> lines, int index) {
			return (index < lines.size()) ? Optional.of(lines.get(index).trim()).filter((line) -> !line.isEmpty())
					: Optional.empty();
		}

		private static Optional<Long> number(List<String> lines, int index) {
			try {
				return line(lines, index).map(Long::parseLong);
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}

	}

	/**
	 * What the operating system tells about a running process; each part may be hidden
	 * from this user.
	 *
	 * @param executable the file name of its executable
	 * @param workingDirectory its working directory ({@code /proc/<pid>/cwd} on Linux)
	 * @param startedAt when it started
	 */
	record ProcessFacts(Optional<String> executable, Optional<Path> workingDirectory, Optional<Instant> startedAt) {

		static ProcessFacts of(ProcessHandle process) {
			ProcessHandle.Info info = process.info();
			Optional<String> executable = info.command().map(Path::of).map(Path::getFileName).map(Path::toString);
			return new ProcessFacts(executable, workingDirectory(process.pid()), info.startInstant());
		}

		private static Optional<Path> workingDirectory(long pid) {
			try {
				return Optional.of(Path.of("/proc", Long.toString(pid), "cwd").toRealPath());
			}
			catch (IOException | SecurityException ex) {
				return Optional.empty();
			}
		}

	}

}
