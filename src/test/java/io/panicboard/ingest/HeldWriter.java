package io.panicboard.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.panicboard.ingest.EventsControllerTests.corpus;
import static io.panicboard.ingest.EventsControllerTests.event;
import static org.awaitility.Awaitility.await;

/**
 * Holds a batched writer thread on a row lock: another transaction inserts the event id
 * of a request first, and the writer that commits that request waits for it until
 * {@link #release()}.
 */
final class HeldWriter implements AutoCloseable {

	private final Connection blocker;

	private final CompletableFuture<MvcTestResult> held;

	private HeldWriter(Connection blocker, CompletableFuture<MvcTestResult> held) {
		this.blocker = blocker;
		this.held = held;
	}

	/**
	 * Locks the event id {@code held} of a service, sends a request with it and waits
	 * until a writer waits for the lock.
	 * @param dataSource where the blocking transaction runs
	 * @param jdbc to watch the lock
	 * @param service the service (must exist)
	 * @param post sends a request body
	 * @return the hold; close it to release it
	 */
	static HeldWriter hold(DataSource dataSource, JdbcClient jdbc, String service, Function<String, MvcTestResult> post)
			throws SQLException {
		Connection blocker = dataSource.getConnection();
		blocker.setAutoCommit(false);
		try (PreparedStatement insert = blocker
			.prepareStatement("INSERT INTO ingested_event VALUES (?, 'held', now())")) {
			insert.setString(1, service);
			insert.executeUpdate();
		}
		CompletableFuture<MvcTestResult> held = CompletableFuture
			.supplyAsync(() -> post.apply(event(service, "held", corpus("nilmap-basic.txt"))));
		await().until(() -> jdbc.sql("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'")
			.query(Long.class)
			.single() > 0);
		return new HeldWriter(blocker, held);
	}

	/**
	 * The held request's answer.
	 * @return its future
	 */
	CompletableFuture<MvcTestResult> held() {
		return this.held;
	}

	/**
	 * Lets the writer go on.
	 */
	void release() throws SQLException {
		this.blocker.rollback();
	}

	@Override
	public void close() throws SQLException {
		this.blocker.close();
	}

}
