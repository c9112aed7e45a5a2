package io.panicboard.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedPostgresTests {

	@TempDir
	Path dataDirectory;

	@Test
	void keepsDataAcrossRestarts() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			Sql.execute(server, "CREATE TABLE kept AS SELECT 'still here'::text AS note");
		}
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThat(server.query("SELECT note FROM kept")).isEqualTo("still here");
		}
	}

	@Test
	void writesDurably() {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThat(server.query("SHOW fsync")).isEqualTo("on");
			assertThat(server.query("SHOW synchronous_commit")).isEqualTo("on");
			assertThat(server.query("SHOW max_wal_size")).isEqualTo("4GB");
			assertThat(server.query("SHOW checkpoint_timeout")).isEqualTo("15min");
			assertThat(server.version()).startsWith("18.");
		}
	}

	@Test
	void stopsPostmasterLeftRunningByKilledJvm() throws Exception {
		Process jvm = serverJvm(OrphaningServer.class);
		awaitLine(jvm, OrphaningServer.READY);
		long orphanPid = postmasterPid();
		jvm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertThat(ProcessHandle.of(orphanPid)).hasValueSatisfying((p) -> assertThat(p.isAlive()).isTrue());
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThat(server.query("SELECT note FROM orphaned")).isEqualTo("written before the crash");
			assertThat(postmasterPid()).isNotEqualTo(orphanPid);
		}
		assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void stopsOnlyWhenTheApplicationClosesIt() throws Exception {
		Process jvm = serverJvm(DrainingServer.class);
		awaitLine(jvm, DrainingServer.READY);
		ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
		jvm.toHandle().destroy();
		// SIGTERM: the server still answers the JVM's shutdown hook, which then stops it
		assertThat(new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines())
			.contains(DrainingServer.DRAINED);
		assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(postmaster.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
	}

	@Test
	void deletesPidFileNamingAnotherProcess() throws IOException {
		EmbeddedPostgresServer.start(this.dataDirectory, 0).close();
		// PostgreSQL alone refuses to start while the pid in the file is alive.
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThat(server.query("SELECT 'started'")).isEqualTo("started");
		}
	}

	@Test
	void leavesAnotherServerWhosePidAStalePidFileNames(@TempDir Path otherDirectory) throws Exception {
		EmbeddedPostgresServer.start(this.dataDirectory, 0).close();
		try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(otherDirectory, 0)) {
			// as if this directory's postmaster had died and the other one got its pid
			long otherPid = pid(otherDirectory);
			Files.writeString(this.dataDirectory.resolve("postmaster.pid"), otherPid + "\n" + this.dataDirectory + "\n"
					+ Instant.now().minusSeconds(3600).getEpochSecond() + "\n5432\n/tmp\nlocalhost\n");
			try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
				assertThat(server.query("SELECT 'started'")).isEqualTo("started");
			}
			assertThat(ProcessHandle.of(otherPid).filter(ProcessHandle::isAlive)).isPresent();
			assertThat(other.query("SELECT 'still serving'")).isEqualTo("still serving");
		}
	}

	@Test
	void failsAtOnceOnDataDirectoryItMayNotWrite() throws IOException {
		EmbeddedPostgresServer.start(this.dataDirectory, 0).close();
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(this.dataDirectory);
		// read-only for the owner: as root, only PostgreSQL, which runs without root's
		// privileges, fails to write there
		Files.setPosixFilePermissions(this.dataDirectory, PosixFilePermissions.fromString("r-x------"));
		try {
			long started = System.nanoTime();
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(this.dataDirectory, 0))
				.withMessageContaining(this.dataDirectory.toString());
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		}
		finally {
			Files.setPosixFilePermissions(this.dataDirectory, permissions);
		}
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThat(server.query("SELECT 'writable again'")).isEqualTo("writable again");
		}
	}

	@Test
	void failsAtOnceOnImmutableDataDirectory() throws Exception {
		EmbeddedPostgresServer.start(this.dataDirectory, 0).close();
		assumeTrue(chattr("+i"), "chattr +i needs root and a file system that has the flag");
		try {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(this.dataDirectory, 0))
				.withMessage("PostgreSQL data directory " + this.dataDirectory
						+ " is not writable (Operation not permitted); embedded PostgreSQL was not started");
		}
		finally {
			assertThat(chattr("-i")).isTrue();
		}
	}

	@Test
	void refusesDirectoryOfRunningServer() {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(this.dataDirectory, 0))
				.withMessageContaining("in use");
			assertThat(server.query("SELECT 'still serving'")).isEqualTo("still serving");
		}
	}

	@Test
	void refusesPortTakenByServerOfAnotherDirectory(@TempDir Path otherDirectory) throws IOException {
		int port = freePort();
		try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(otherDirectory, port)) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(this.dataDirectory, port))
				.withMessageContaining("Port " + port + " (PANICBOARD_EMBEDDED_DB_PORT) is in use")
				.withMessageContaining(this.dataDirectory.toString());
			assertThat(Path.of(other.query("SHOW data_directory"))).isEqualTo(other.dataDirectory());
		}
	}

	@Test
	void refusesServerThatReportsAnotherDataDirectory(@TempDir Path otherDirectory) {
		EmbeddedPostgresServer.ensureDataDirectory(this.dataDirectory, this.dataDirectory.toString(), 5432);
		assertThatIllegalStateException().isThrownBy(
				() -> EmbeddedPostgresServer.ensureDataDirectory(this.dataDirectory, otherDirectory.toString(), 5432))
			.withMessage("The PostgreSQL answering on port 5432 serves " + otherDirectory + ", not "
					+ this.dataDirectory + ": another server took the port, and this one did not start. Stop the "
					+ "other server or choose another port.");
	}

	private boolean chattr(String flag) throws InterruptedException {
		try {
			return new ProcessBuilder("chattr", flag, this.dataDirectory.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private Process serverJvm(Class<?> main) throws IOException {
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), main.getName(), this.dataDirectory.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	// Reads the server's standard output up to the line; what follows stays to be read.
	private static void awaitLine(Process jvm, String expected) throws IOException {
		StringBuilder line = new StringBuilder();
		InputStream output = jvm.getInputStream();
		int next;
		while ((next = output.read()) != -1) {
			if (next != '\n') {
				line.append((char) next);
			}
			else if (line.toString().equals(expected)) {
				return;
			}
			else {
				line.setLength(0);
			}
		}
		throw new IllegalStateException("Server JVM ended before it printed " + expected);
	}

	private long postmasterPid() throws IOException {
		return pid(this.dataDirectory);
	}

	private static long pid(Path dataDirectory) throws IOException {
		return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
	}

}
