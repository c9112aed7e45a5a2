package io.panicboard;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import(TestDatabaseConfiguration.class)
class PanicboardApplicationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void migratesTheDatabaseOnStart() {
		assertThat(this.jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
			.query(String.class)
			.list()).contains("1");
		assertThat(this.jdbc.sql("SELECT count(*) FROM service").query(Long.class).single()).isNotNull();
	}

	@Test
	void healthIsUp() {
		assertUp("/actuator/health");
	}

	@Test
	void livenessProbeIsUp() {
		assertUp("/actuator/health/liveness");
	}

	@Test
	void readinessProbeIsUp() {
		assertUp("/actuator/health/readiness");
	}

	private void assertUp(String path) {
		this.client.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
	}

}
