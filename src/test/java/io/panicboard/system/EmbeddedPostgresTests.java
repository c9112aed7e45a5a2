package io.panicboard.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
		Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), OrphaningServer.class.getName(), this.dataDirectory.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		awaitReady(jvm);
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
	void deletesPidFileNamingAnotherProcess() throws IOException {
		EmbeddedPostgresServer.start(this.dataDirectory, 0).close();
		// PostgreSQL alone refuses to start while the pid in the file is alive.
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(this.dataDirectory, 0)) {
			assertThat(server.query("SELECT 'started'")).isEqualTo("started");
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitReady(Process jvm) throws IOException {
		BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.equals(OrphaningServer.READY)) {
				return;
			}
		}
		throw new IllegalStateException("Server JVM ended before it was ready");
	}

	private long postmasterPid() throws IOException {
		return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).trim());
	}

}
