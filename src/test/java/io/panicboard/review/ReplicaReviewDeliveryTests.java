package io.panicboard.review;

import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import io.panicboard.PanicboardApplication;
import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

	private static final Pattern DATABASE = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

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
		String name = "review_" + UUID.randomUUID().toString().replace("-", "");
		this.jdbc.sql("CREATE DATABASE " + name).update();
		ConfigurableApplicationContext first = null;
		ConfigurableApplicationContext second = null;
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		try {
			String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/review";
			// one after the other: see ReplicaAlertingTests
			first = start(name, webhook);
			second = start(name, webhook);
			ReviewDeliveryJob[] jobs = { first.getBean(ReviewDeliveryJob.class),
					second.getBean(ReviewDeliveryJob.class) };
			CountDownLatch go = new CountDownLatch(1);
			Future<?>[] runs = new Future<?>[2];
			for (int i = 0; i < 2; i++) {
				ReviewDeliveryJob job = jobs[i];
				runs[i] = replicas.submit(() -> {
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
			replicas.shutdownNow();
			close(first);
			close(second);
			receiver.stop(0);
			this.jdbc.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
		}
	}

	private ConfigurableApplicationContext start(String name, String webhook) {
		Matcher url = DATABASE.matcher(this.database.getJdbcUrl());
		assertThat(url.matches()).isTrue();
		String password = this.database.getPassword();
		return new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("spring.datasource.url=" + url.group(1) + name + url.group(3),
					"spring.datasource.username=" + this.database.getUsername(),
					"spring.datasource.password=" + ((password != null) ? password : ""), "server.port=0",
					"panicboard.admin-password=replica-tests-password", "spring.main.banner-mode=off",
					"panicboard.review.delivery.webhook-url=" + webhook)
			.run();
	}

	private static void close(ConfigurableApplicationContext app) {
		if (app != null) {
			app.close();
		}
	}

}
