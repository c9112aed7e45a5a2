package io.panicboard.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.panicboard.security.TokenScope;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Test beans of the ingestion tests: a {@link TestClock} and a data source that can be
 * taken down ({@link TestRecorders} come from
 * {@link TestRecordersContextCustomizerFactory}).
 */
@TestConfiguration(proxyBeanMethods = false)
class IngestTestConfiguration {

	@Bean
	TestClock testClock() {
		return new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
	}

	@Bean
	static BeanPostProcessor flakyDataSourcePostProcessor() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof FlakyDataSource))
						? new FlakyDataSource(dataSource) : bean;
			}

		};
	}

	/**
	 * Sends a real stored token of the given scope: the token row is written to
	 * {@code api_token} the first time (its secret derived from the label, so every test
	 * run uses the same one) and the request carries it as a bearer token.
	 */
	static RequestPostProcessor token(String label, TokenScope scope, String service) {
		String secret = secret(label);
		return (request) -> {
			if (STORED.add(label)) {
				store(request, label, secret, scope, service);
			}
			request.addHeader("Authorization", "Bearer " + secret);
			return request;
		};
	}

	/** Labels of the tokens already written to the one test database of this JVM. */
	private static final Set<String> STORED = ConcurrentHashMap.newKeySet();

	private static void store(MockHttpServletRequest request, String label, String secret, TokenScope scope,
			String service) {
		JdbcClient jdbc = WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext())
			.getBean(JdbcClient.class);
		jdbc.sql("""
				INSERT INTO api_token (name, secret_hash, display_prefix, scope, service, created_by)
				VALUES (?, ?, ?, ?, ?, 'test') ON CONFLICT (secret_hash) DO NOTHING""")
			.params(label, sha256(secret), secret.substring(4, 12), scope.id(), service)
			.update();
	}

	static RequestPostProcessor admin() {
		return token("admin", TokenScope.ADMIN, null);
	}

	static RequestPostProcessor ingestAll() {
		return token("all services", TokenScope.INGEST, null);
	}

	static RequestPostProcessor ingestOnly(String service) {
		return token("only " + service, TokenScope.INGEST, service);
	}

	static RequestPostProcessor reader() {
		return token("reader", TokenScope.READ, null);
	}

	private static String secret(String label) {
		byte[] digest = digest(("panicboard test token " + label).getBytes(StandardCharsets.UTF_8));
		return "pbt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static String sha256(String secret) {
		return HexFormat.of().formatHex(digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] digest(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A clock the test moves.
	 */
	static final class TestClock extends Clock {

		private volatile Instant now;

		TestClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	/**
	 * The real data source, whose connections fail while it is down, like a database that
	 * stopped answering.
	 */
	static final class FlakyDataSource extends DelegatingDataSource {

		private volatile boolean down;

		FlakyDataSource(DataSource target) {
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
