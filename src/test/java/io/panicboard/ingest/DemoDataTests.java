package io.panicboard.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.panicboard.PanicboardApplication;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.ingest.DemoData.Seeding;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo seeding on real PostgreSQL. The shared test database is never seeded: the
 * seeding runs are made by a second application, started on a fresh database of the same
 * server that this test creates and drops.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class DemoDataTests {

	private static final Pattern DATABASE = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

	@Autowired
	private JdbcConnectionDetails database;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DemoData demoData;

	@Autowired
	private OccurrenceRecorder recorder;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void seedsNothingWhereIncidentsExist() {
		String service = "demo-" + UUID.randomUUID();
		NewOccurrence occurrence = new NewOccurrence(service, "production", "v1", "pod-a", null, Instant.now(),
				Instant.now(),
				new TraceAnalyzer()
					.analyze("panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n"
							+ "\t/app/main.go:8 +0x2c\n")
					.get(0));
		this.transactions.execute((status) -> this.recorder.record(List.of(occurrence)));
		long incidents = count("incident");
		long deploys = count("deploy");

		Seeding seeding = this.demoData.seedIfEmpty();

		assertThat(seeding.seeded()).isFalse();
		assertThat(count("incident")).isEqualTo(incidents);
		assertThat(count("deploy")).isEqualTo(deploys);
	}

	@Test
	void seedsAnEmptyDatabaseAtStartupOnceEvenWhenReplicasRace() {
		withFreshDatabase((app, jdbc) -> {
			long occurrences = count(jdbc, "occurrence");
			assertThat(occurrences).isBetween(1_500L, 4_000L);
			assertThat(jdbc.sql("SELECT sum(event_count) FROM incident").query(Long.class).single())
				.isEqualTo(occurrences);
			assertThat(jdbc.sql("SELECT sum(count) FROM incident_hourly").query(Long.class).single())
				.isEqualTo(occurrences);
			assertThat(jdbc
				.sql("SELECT count(*) FROM service WHERE team IS NOT NULL AND source_link_template "
						+ "IS NOT NULL AND cardinality(in_app_prefixes) = 1")
				.query(Long.class)
				.single()).isEqualTo(4);
			assertThat(jdbc.sql("SELECT DISTINCT environment FROM incident").query(String.class).list())
				.containsExactlyInAnyOrder("production", "staging");
			assertThat(jdbc.sql("SELECT DISTINCT kind FROM incident").query(String.class).list()).contains(
					"nil_map_write", "concurrent_map_writes", "concurrent_map_read_write",
					"concurrent_map_iteration_write", "nil_pointer_dereference", "data_race", "out_of_memory",
					"index_out_of_range", "user_panic");
			assertThat(jdbc.sql("SELECT status FROM incident").query(String.class).list()).contains("open",
					"acknowledged", "resolved", "muted");
			assertThat(jdbc.sql("""
					SELECT i.status FROM incident i JOIN timeline_entry t ON t.incident_id = i.id
					WHERE i.kind = 'concurrent_map_writes' AND t.type = 'regression'
					AND t.detail ->> 'resolvedInVersion' = 'v2.3.0' AND t.detail ->> 'version' = 'v2.4.0'""")
				.query(String.class)
				.list()).containsExactly("open");
			assertThat(jdbc.sql("""
					SELECT i.assignee || ' ' || count(t.*) FROM incident i JOIN timeline_entry t ON t.incident_id = i.id
					WHERE i.status = 'acknowledged' AND t.type IN ('acknowledged', 'assigned', 'note')
					GROUP BY i.assignee""").query(String.class).list()).containsExactly("dan 3");
			assertThat(jdbc.sql("SELECT resolved_in_version FROM incident WHERE status = 'resolved'")
				.query(String.class)
				.list()).containsExactlyInAnyOrder("v2.2.1", "v1.42.1");
			Instant twoWeeksAgo = Instant.now().minus(Duration.ofDays(14)).minus(Duration.ofMinutes(5));
			assertThat(jdbc.sql("SELECT min(received_at) FROM occurrence").query(Instant.class).single())
				.isAfter(twoWeeksAgo)
				.isBefore(twoWeeksAgo.plus(Duration.ofDays(1)));
			assertThat(jdbc.sql("SELECT max(first_seen) FROM incident").query(Instant.class).single())
				.isBefore(Instant.now());
			assertThat(count(jdbc, "deploy")).isGreaterThanOrEqualTo(12);
			assertThat(jdbc.sql("SELECT count(DISTINCT service) FROM gc_cycle").query(Long.class).single())
				.isEqualTo(4);
			assertThat(jdbc.sql("SELECT min(received_at) FROM gc_cycle").query(Instant.class).single())
				.isBefore(twoWeeksAgo.plus(Duration.ofDays(1)));
			assertThat(
					jdbc.sql("SELECT max(goal_mb) FROM gc_cycle WHERE service = 'search'").query(Long.class).single())
				.isGreaterThan(1_700);
			// the GC pages read per-minute rows: the two weeks of history are rolled up
			assertThat(
					jdbc.sql("SELECT count(DISTINCT service) FROM gc_minute WHERE minute < now() - interval '7 days'")
						.query(Long.class)
						.single())
				.isEqualTo(4);
			assertThat(jdbc
				.sql("SELECT sum(cycles) FROM gc_minute WHERE minute < date_trunc('minute', now()) "
						+ "- interval '10 minutes'")
				.query(Long.class)
				.single())
				.isEqualTo(jdbc
					.sql("SELECT count(*) FROM gc_cycle WHERE received_at < date_trunc('minute', now()) "
							+ "- interval '10 minutes'")
					.query(Long.class)
					.single());
			// so do the SLOs, from their own minute and hour rollups
			String closed = "date_trunc('minute', now()) - interval '10 minutes'";
			assertThat(jdbc.sql("SELECT coalesce(sum(count), 0) FROM slo_crash_minute WHERE minute < " + closed)
				.query(Long.class)
				.single())
				.isEqualTo(jdbc.sql("SELECT count(*) FROM occurrence WHERE received_at < " + closed)
					.query(Long.class)
					.single());
			String closedHours = "date_trunc('hour', now()) - interval '1 hour'";
			assertThat(jdbc.sql("SELECT coalesce(sum(count), 0) FROM slo_crash_hour WHERE hour < " + closedHours)
				.query(Long.class)
				.single())
				.isEqualTo(jdbc.sql("SELECT count(*) FROM occurrence WHERE received_at < " + closedHours)
					.query(Long.class)
					.single());
			assertThat(jdbc.sql("SELECT coalesce(sum(cycles), 0) FROM slo_gc_minute WHERE minute < " + closed)
				.query(Long.class)
				.single())
				.isEqualTo(jdbc.sql("SELECT count(*) FROM gc_cycle WHERE received_at < " + closed)
					.query(Long.class)
					.single());
			assertThat(jdbc
				.sql("SELECT count(DISTINCT service) FROM slo_instance_minute "
						+ "WHERE minute < now() - interval '7 days' AND cardinality(crash_kinds) > 0")
				.query(Long.class)
				.single()).isPositive();

			Seeding again = app.getBean(DemoData.class).seedIfEmpty();

			assertThat(again.seeded()).isFalse();
			assertThat(count(jdbc, "occurrence")).isEqualTo(occurrences);

			// the database is this test's own: empty it and let two replicas race
			jdbc.sql("TRUNCATE incident, occurrence, incident_hourly, incident_version_instance, "
					+ "timeline_entry, deploy, gc_cycle, service CASCADE")
				.update();
			DemoData demoData = app.getBean(DemoData.class);
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Seeding>> replicas = List.of(1, 2)
				.stream()
				.map((replica) -> CompletableFuture.supplyAsync(() -> {
					await(start);
					return demoData.seedIfEmpty();
				}))
				.toList();
			start.countDown();
			List<Seeding> seedings = replicas.stream().map(CompletableFuture::join).toList();

			assertThat(seedings).filteredOn(Seeding::seeded).hasSize(1);
			Seeding seeded = seedings.stream().filter(Seeding::seeded).findFirst().orElseThrow();
			assertThat(count(jdbc, "occurrence")).isEqualTo(seeded.occurrences());
			assertThat(count(jdbc, "deploy")).isEqualTo(seeded.deploys());
			assertThat(count(jdbc, "gc_cycle")).isEqualTo(seeded.gcCycles());
			assertThat(count(jdbc, "incident")).isEqualTo(seeded.incidents());
		});
	}

	private void withFreshDatabase(FreshDatabaseTest test) {
		String name = "demo_" + UUID.randomUUID().toString().replace("-", "");
		this.jdbc.sql("CREATE DATABASE " + name).update();
		Matcher url = DATABASE.matcher(this.database.getJdbcUrl());
		assertThat(url.matches()).isTrue();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("spring.datasource.url=" + url.group(1) + name + url.group(3),
					"spring.datasource.username=" + this.database.getUsername(),
					"spring.datasource.password=" + nullToEmpty(this.database.getPassword()), "server.port=0",
					"panicboard.demo=true", "panicboard.admin-password=demo-tests-password",
					"spring.main.banner-mode=off")
			.run()) {
			test.run(app, JdbcClient.create(app.getBean(DataSource.class)));
		}
		finally {
			this.jdbc.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
		}
	}

	private long count(String table) {
		return count(this.jdbc, table);
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface FreshDatabaseTest {

		void run(ConfigurableApplicationContext app, JdbcClient jdbc);

	}

}
