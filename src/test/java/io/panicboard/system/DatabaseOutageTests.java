package io.panicboard.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The application while its database does not answer: reading APIs and pages answer 503
 * with {@code Retry-After}, and the readiness probe takes the instance out of rotation.
 */
@SpringBootTest(
		properties = { "spring.datasource.hikari.connection-timeout=1000", "panicboard.security.token-cache-ttl=1h" })
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, DatabaseOutageTests.Outage.class })
class DatabaseOutageTests {

	private static final RequestPostProcessor READER = TestTokens
		.as(new ApiPrincipal(0, "outage-reader", TokenScope.READ, null));

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private OutageDataSource dataSource;

	@AfterEach
	void databaseBack() {
		this.dataSource.down(false);
	}

	@Test
	void readingApisAnswer503WithRetryAfterWhileTheDatabaseIsDown() {
		assertThat(incidents()).hasStatus(200);
		this.dataSource.down(true);
		MvcTestResult result = incidents();
		assertThat(result).hasStatus(503)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "5");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/database-unavailable");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Database unavailable");
		this.dataSource.down(false);
		assertThat(incidents()).hasStatus(200);
	}

	@Test
	void pagesAnswer503WhileTheDatabaseIsDown() {
		RequestPostProcessor viewer = user("vera").roles("VIEWER");
		assertThat(this.mvc.get().uri("/incidents").with(viewer).exchange()).hasStatus(200);
		this.dataSource.down(true);
		assertThat(this.mvc.get().uri("/incidents").with(viewer).exchange()).hasStatus(503)
			.hasHeader(HttpHeaders.RETRY_AFTER, "5");
	}

	@Test
	void readinessIsDownWhileTheDatabaseIsDown() {
		assertThat(this.mvc.get().uri("/actuator/health/readiness").exchange()).hasStatus(200);
		this.dataSource.down(true);
		MvcTestResult readiness = this.mvc.get().uri("/actuator/health/readiness").exchange();
		assertThat(readiness).hasStatus(503);
		assertThat(readiness).bodyJson().extractingPath("$.status").isEqualTo("DOWN");
		// the process itself is fine: no restart
		assertThat(this.mvc.get().uri("/actuator/health/liveness").exchange()).hasStatus(200);
		this.dataSource.down(false);
		assertThat(this.mvc.get().uri("/actuator/health/readiness").exchange()).hasStatus(200);
	}

	private MvcTestResult incidents() {
		return this.mvc.get().uri("/api/v1/incidents").with(READER).exchange();
	}

	/**
	 * Wraps the application's data source.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Outage {

		@Bean
		static BeanPostProcessor outageDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof OutageDataSource))
							? new OutageDataSource(dataSource) : bean;
				}

			};
		}

	}

	/**
	 * The real data source, whose connections fail while it is down.
	 */
	static final class OutageDataSource extends DelegatingDataSource {

		private volatile boolean down;

		OutageDataSource(DataSource target) {
			super(target);
		}

		void down(boolean down) {
			this.down = down;
		}

		@Override
		public Connection getConnection() throws SQLException {
			check();
			return super.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			check();
			return super.getConnection(username, password);
		}

		private void check() throws SQLException {
			if (this.down) {
				throw new SQLTransientConnectionException("Connection refused (test: database down)", "08001");
			}
		}

	}

}
