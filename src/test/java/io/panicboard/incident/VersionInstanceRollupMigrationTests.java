package io.panicboard.incident;

import java.sql.Connection;
import java.sql.SQLException;
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
 * Migration V23 on a database that has counts in the two rollups of V3: a schema of its
 * own is migrated to V22, given versions and instances, then migrated on.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class VersionInstanceRollupMigrationTests {

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
