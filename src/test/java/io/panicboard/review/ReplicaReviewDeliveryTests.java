package io.panicboard.review;

import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestReplicas;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled job runs once across replicas: two application instances on one fresh
 * database both start the weekly review delivery at the same moment, as their schedules
 * would every Monday, and the team's webhook receives the review once.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class ReplicaReviewDeliveryTests {

	@Autowired
	private JdbcConnectionDetails database;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void twoReplicasDeliverTheWeeklyReviewOnce() throws Exception {
		AtomicInteger received = new AtomicInteger();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/review", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			received.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try (TestReplicas replicas = new TestReplicas(this.database, this.jdbc, "review")) {
			String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/review";
			ConfigurableApplicationContext first = replicas
				.start(List.of("panicboard.review.delivery.webhook-url=" + webhook));
			ConfigurableApplicationContext second = replicas
				.start(List.of("panicboard.review.delivery.webhook-url=" + webhook));
			ReviewDeliveryJob[] jobs = { first.getBean(ReviewDeliveryJob.class),
					second.getBean(ReviewDeliveryJob.class) };
			CountDownLatch go = new CountDownLatch(1);
			Future<?>[] runs = new Future<?>[2];
			for (int i = 0; i < 2; i++) {
				ReviewDeliveryJob job = jobs[i];
				runs[i] = threads.submit(() -> {
					go.await();
					job.deliver();
					return null;
				});
			}
			go.countDown();
			for (Future<?> run : runs) {
				run.get(60, TimeUnit.SECONDS);
			}
			// a replica whose clock runs a few seconds late starts its run after the
			// other's finished: the lock is held for at least a minute
			jobs[1].deliver();
			jobs[0].deliver();
			assertThat(received.get()).isEqualTo(1);
			JdbcClient db = JdbcClient.create(first.getBean(DataSource.class));
			assertThat(db.sql("SELECT lock_until FROM shedlock WHERE name = 'review-delivery'")
				.query(Timestamp.class)
				.single()
				.toInstant()).isAfter(java.time.Instant.now().plusSeconds(30));
		}
		finally {
			threads.shutdownNow();
			receiver.stop(0);
		}
	}

}
