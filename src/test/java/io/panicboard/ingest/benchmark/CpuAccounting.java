package io.panicboard.ingest.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a benchmark phase's CPU time went, from Linux's per-thread and per-process
 * counters in {@code /proc}: the application's threads, the load generator's threads, the
 * JVM's own (garbage collection and JIT compilers, shared by both) and every PostgreSQL
 * process. Elsewhere it reports nothing.
 */
final class CpuAccounting {

	/** {@code USER_HZ}: the unit of the {@code /proc} CPU counters on Linux. */
	private static final double TICKS_PER_SECOND = 100;

	static final String APP = "app";

	static final String LOAD = "load generator";

	static final String JVM = "JVM GC + JIT";

	static final String POSTGRES = "PostgreSQL";

	static final String MACHINE = "whole machine";

	private CpuAccounting() {
	}

	/**
	 * Whether the counters can be read here.
	 * @return {@code true} on Linux
	 */
	static boolean available() {
		return Files.isDirectory(Path.of("/proc/self/task"));
	}

	/**
	 * CPU seconds used so far, by part.
	 * @return seconds by part, in a fixed order
	 */
	static Map<String, Double> snapshot() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (String part : new String[] { APP, LOAD, JVM, POSTGRES, MACHINE }) {
			seconds.put(part, 0.0);
		}
		if (!available()) {
			return seconds;
		}
		double live = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
			for (Path task : tasks) {
				Stat stat = Stat.read(task.resolve("stat"));
				if (stat != null) {
					seconds.merge(ofThread(stat.name()), stat.seconds(), Double::sum);
					live += stat.seconds();
				}
			}
		}
		catch (IOException ex) {
			// a thread that ended while being listed: the snapshot is still useful
		}
		// Threads that have ended are no longer listed, but the process's own counters
		// keep their time. The ones that end are the load generator's client threads (a
		// phase's pool stops when it ends); the application's threads live on.
		Stat self = Stat.read(Path.of("/proc/self/stat"));
		if (self != null) {
			seconds.merge(LOAD, Math.max(0, self.seconds() - live), Double::sum);
		}
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				Stat stat = Stat.read(process.resolve("stat"));
				if (stat != null && stat.name().equals("postgres")) {
					// the postmaster also holds the time of the backends and workers
					// that have ended (autovacuum, parallel workers, closed connections)
					seconds.merge(POSTGRES, stat.seconds() + stat.childrenSeconds(), Double::sum);
				}
			}
		}
		catch (IOException ex) {
			// as above
		}
		seconds.put(MACHINE, machineBusySeconds());
		return seconds;
	}

	/** Busy time of all CPUs together: everything but idle and I/O wait. */
	private static double machineBusySeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				busy += (i == 4 || i == 5) ? 0 : Long.parseLong(fields[i]);
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Cores used by each part between two snapshots.
	 * @param before the first snapshot
	 * @param after the second
	 * @param elapsedSeconds wall-clock seconds between them
	 * @return cores by part
	 */
	static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, double elapsedSeconds) {
		Map<String, Double> cores = new LinkedHashMap<>();
		after.forEach((part, used) -> cores.put(part, (used - before.getOrDefault(part, 0.0)) / elapsedSeconds));
		return cores;
	}

	static String format(Map<String, Double> cores) {
		StringBuilder cells = new StringBuilder();
		cores.values().forEach((value) -> cells.append(String.format(Locale.ROOT, " %.2f |", value)));
		return cells.toString();
	}

	/**
	 * The load generator's threads are named {@code load-*} (its clients); the JVM's own
	 * are its GC and compiler threads.
	 */
	private static String ofThread(String name) {
		if (name.startsWith("load-") || name.equals("main")) {
			return LOAD;
		}
		if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("C1 Compiler")
				|| name.startsWith("C2 Compiler") || name.equals("VM Thread")) {
			return JVM;
		}
		return APP;
	}

	/**
	 * The name, the user and system CPU ticks of one {@code stat} file, and those of its
	 * ended children.
	 */
	private record Stat(String name, long ticks, long childrenTicks) {

		static Stat read(Path file) {
			try {
				String line = Files.readString(file);
				int open = line.indexOf('(');
				int close = line.lastIndexOf(')');
				String[] fields = line.substring(close + 2).split(" ");
				// after the name: state is field 3, utime and stime fields 14 and 15,
				// cutime and cstime 16 and 17
				return new Stat(line.substring(open + 1, close),
						Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
						Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		double seconds() {
			return this.ticks / TICKS_PER_SECOND;
		}

		double childrenSeconds() {
			return this.childrenTicks / TICKS_PER_SECOND;
		}

	}

}
