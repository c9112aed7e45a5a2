package io.panicboard.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Fails ingestion fast while the database is down. Once a write found it unavailable,
 * every ingestion request is answered 503 with {@code Retry-After} at once, instead of
 * holding a request thread while it waits for a connection (which, at a few hundred
 * requests a second, soon holds all of them); a probe tries the database every 250 ms and
 * lets writes through again as soon as it answers.
 */
@Component
class DatabaseCircuit implements DisposableBean {

	private static final Log logger = LogFactory.getLog(DatabaseCircuit.class);

	private static final long PROBE_MILLIS = 250;

	private final JdbcClient jdbc;

	private final Duration retryAfter;

	private final AtomicBoolean down = new AtomicBoolean();

	private volatile boolean closed;

	DatabaseCircuit(JdbcClient jdbc, IngestProperties properties) {
		this.jdbc = jdbc;
		this.retryAfter = properties.retryAfter();
	}

	/**
	 * Answers at once while the database is known to be down.
	 * @throws ErrorResponseException 503 with {@code Retry-After}
	 */
	void check() {
		if (this.down.get()) {
			throw IngestProblems.unavailable("database-unavailable", "Database unavailable",
					"The database was not available a moment ago and has not answered since; nothing of this "
							+ "request was stored. Retry later.",
					this.retryAfter, null);
		}
	}

	/**
	 * Records a failed write; when the database was unavailable, requests are refused
	 * until the probe reaches it again.
	 * @param ex the failure
	 */
	void failed(Throwable ex) {
		if (BatchedWriter.databaseUnavailable(ex) && this.down.compareAndSet(false, true)) {
			logger.warn("Database unavailable; ingestion answers 503 until it is back (" + ex.getMessage() + ")");
			Thread probe = new Thread(this::probeUntilBack, "ingest-database-probe");
			probe.setDaemon(true);
			probe.start();
		}
	}

	boolean down() {
		return this.down.get();
	}

	private void probeUntilBack() {
		while (!this.closed) {
			try {
				Thread.sleep(PROBE_MILLIS);
				this.jdbc.sql("SELECT 1").query(Integer.class).single();
				logger.info("Database available again; ingestion takes writes");
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				// still unavailable: try again
			}
		}
		this.down.set(false);
	}

	@Override
	public void destroy() {
		this.closed = true;
	}

}
