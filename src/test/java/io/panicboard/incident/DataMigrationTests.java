package io.panicboard.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import io.panicboard.TestDatabaseConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations that move data, each on a schema of its own migrated to the version before,
 * given data, then migrated on: V23 (versions and instances into pairs), V24 (the last
 * day of occurrences into per-minute counts) and V28 (the condition fields a rule's type
 * does not read cleared).
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class DataMigrationTests {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void keepsEveryVersionAndInstanceCountWithItsTimes() {
		String schema = "v23_" + UUID.randomUUID().toString().replace("-", "");
		try {
			flyway(schema, "22").migrate();
			long id = inSchema(schema, (jdbc) -> {
				long incident = jdbc
					.sql("INSERT INTO incident (service, environment, fingerprint, type, kind, severity, title, "
							+ "first_seen, last_seen, event_count) VALUES ('api', 'production', 'f', 'panic', "
							+ "'nil_map_write', 'critical', 't', '2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z', 5) "
							+ "RETURNING id")
					.query(Long.class)
					.single();
				jdbc.sql("INSERT INTO incident_version VALUES (?, '1.0.0', 3, '2026-11-01T00:00:00Z', "
						+ "'2026-11-02T00:00:00Z'), (?, '1.1.0', 2, '2026-11-02T12:00:00Z', '2026-11-03T00:00:00Z')")
					.params(incident, incident)
					.update();
				jdbc.sql("INSERT INTO incident_instance VALUES (?, 'pod-a', 4, '2026-11-01T00:00:00Z', "
						+ "'2026-11-03T00:00:00Z'), (?, 'pod-b', 1, '2026-11-02T00:00:00Z', '2026-11-02T00:00:00Z')")
					.params(incident, incident)
					.update();
				return incident;
			});

			flyway(schema, "23").migrate();

			assertThat(this.jdbc
				.sql("SELECT version || '/' || instance || '=' || count || ' ' || to_char(first_seen AT TIME ZONE "
						+ "'UTC', 'MM-DD HH24') || '..' || to_char(last_seen AT TIME ZONE 'UTC', 'MM-DD HH24') FROM "
						+ schema + ".incident_version_instance WHERE incident_id = ? ORDER BY version, instance")
				.param(id)
				.query(String.class)
				.list()).containsExactly("/pod-a=4 11-01 00..11-03 00", "/pod-b=1 11-02 00..11-02 00",
						"1.0.0/=3 11-01 00..11-02 00", "1.1.0/=2 11-02 12..11-03 00");
			assertThat(this.jdbc
				.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
						+ "AND table_name IN ('incident_version', 'incident_instance')")
				.param(schema)
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			this.jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
		}
	}

	@Test
	void perMinuteCountsStartWithTheLastDayOfOccurrences() {
		String schema = "v24_" + UUID.randomUUID().toString().replace("-", "");
		Instant now = Instant.now();
		// an hour ago (twice, in one minute) and 25 hours ago
		Instant recent = now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
		Instant old = now.minus(Duration.ofHours(25));
		try {
			flyway(schema, "23").migrate();
			long id = inSchema(schema, (jdbc) -> {
				YearMonth month = YearMonth.from(old.atOffset(ZoneOffset.UTC));
				jdbc.sql("CREATE TABLE IF NOT EXISTS occurrence_p" + month.toString().replace('-', '_')
						+ " PARTITION OF occurrence FOR VALUES FROM ('" + month.atDay(1) + "T00:00:00Z') TO ('"
						+ month.plusMonths(1).atDay(1) + "T00:00:00Z')")
					.update();
				long incident = jdbc
					.sql("INSERT INTO incident (service, environment, fingerprint, type, kind, severity, title, "
							+ "first_seen, last_seen, event_count) VALUES ('api', 'production', 'f', 'panic', "
							+ "'nil_map_write', 'critical', 't', ?, ?, 3) RETURNING id")
					.params(Timestamp.from(old), Timestamp.from(recent))
					.query(Long.class)
					.single();
				for (Instant[] times : List.of(new Instant[] { old, old },
						new Instant[] { recent.minusSeconds(600), recent.plusSeconds(5) },
						new Instant[] { recent.minusSeconds(30), recent.plusSeconds(40) })) {
					jdbc.sql("INSERT INTO occurrence (incident_id, service, environment, fingerprint, occurred_at, "
							+ "received_at, text, finding) VALUES (?, 'api', 'production', 'f', ?, ?, 'x', '{}')")
						.params(incident, Timestamp.from(times[0]), Timestamp.from(times[1]))
						.update();
				}
				return incident;
			});

			flyway(schema, "24").migrate();

			assertThat(this.jdbc
				.sql("SELECT minute, count, first_occurred_at, last_received_at FROM " + schema
						+ ".incident_minute WHERE incident_id = ?")
				.param(id)
				.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant() + " " + rs.getLong(2) + " "
						+ rs.getObject(3, OffsetDateTime.class).toInstant() + " "
						+ rs.getObject(4, OffsetDateTime.class).toInstant())
				.list()).containsExactly(recent + " 2 " + recent.minusSeconds(600) + " " + recent.plusSeconds(40));
		}
		finally {
			this.jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
		}
	}

	@Test
	void clearsTheConditionFieldsAStoredRuleDoesNotRead() {
		String schema = "v28_" + UUID.randomUUID().toString().replace("-", "");
		try {
			flyway(schema, "27").migrate();
			inSchema(schema, (jdbc) -> {
				String insert = "INSERT INTO alert_rule (name, severity, condition_type, threshold, window_seconds, "
						+ "metric, created_at, updated_at) VALUES (?, 'high', ?, ?, ?, ?, now(), now())";
				jdbc.sql(insert).params("any", "any_occurrence", 5.0, 600, null).update();
				jdbc.sql(insert).params("count", "count_in_window", 5.0, 600, null).update();
				jdbc.sql(insert).params("heap", "metric_threshold", 1e9, 300, "heap_live_bytes").update();
				jdbc.sql(insert).params("burn", "slo_burn_rate", 14.4, 3600, null).update();
				return null;
			});

			flyway(schema, "28").migrate();

			assertThat(this.jdbc.sql(
					"SELECT name || ' ' || coalesce(threshold::text, '-') || ' ' || coalesce(window_seconds::text, '-') "
							+ "FROM " + schema
							+ ".alert_rule WHERE name IN ('any', 'count', 'heap', 'burn') ORDER BY name")
				.query(String.class)
				.list()).containsExactly("any - 600", "burn 14.4 -", "count 5 600", "heap 1000000000 -");
		}
		finally {
			this.jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
		}
	}

	/**
	 * Runs with the schema first on the search path, as the migrations' triggers need.
	 */
	private <T> T inSchema(String schema, Function<JdbcClient, T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			jdbc.sql("SELECT set_config('search_path', ? || ', public', false)").param(schema).query().singleRow();
			try {
				return work.apply(jdbc);
			}
			finally {
				jdbc.sql("RESET search_path").update();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Flyway flyway(String schema, String target) {
		return Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration")
			.schemas(schema)
			.defaultSchema(schema)
			.target(target)
			.load();
	}

}
