package io.panicboard.system;

import java.nio.file.Path;

/**
 * Starts a server in its own JVM and, on shutdown, still uses it for a moment before it
 * closes it, as the application does when it drains requests and closes its connection
 * pool before the server.
 */
final class DrainingServer {

	static final String READY = "draining-server-ready";

	static final String DRAINED = "drained";

	private DrainingServer() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				Thread.sleep(1000);
				System.out.println(server.query("SELECT '" + DRAINED + "'"));
			}
			catch (Exception ex) {
				System.out.println("query failed while draining: " + ex);
			}
			finally {
				server.close();
			}
		}));
		System.out.println(READY);
		Thread.sleep(Long.MAX_VALUE);
	}

}
