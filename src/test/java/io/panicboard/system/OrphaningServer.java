package io.panicboard.system;

import java.nio.file.Path;

/**
 * Starts a server in its own JVM and never stops it, so that a test can kill the JVM the
 * way a crash or {@code kill -9} would.
 */
final class OrphaningServer {

	static final String READY = "orphaning-server-ready";

	private OrphaningServer() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
		Sql.execute(server, "CREATE TABLE orphaned AS SELECT 'written before the crash'::text AS note");
		System.out.println(READY);
		Thread.sleep(Long.MAX_VALUE);
	}

}
