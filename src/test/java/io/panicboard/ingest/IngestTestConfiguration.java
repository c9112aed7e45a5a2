package io.panicboard.ingest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.panicboard.TestTokens;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Test beans of the ingestion tests: a {@link TestClock}, a data source that can be taken
 * down, and callers authenticated with real stored tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
class IngestTestConfiguration {

	@Bean
	@Primary
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

	static RequestPostProcessor admin() {
		return TestTokens.as(new ApiPrincipal(0, "admin", TokenScope.ADMIN, null));
	}

	static RequestPostProcessor ingestAll() {
		return TestTokens.as(new ApiPrincipal(0, "all services", TokenScope.INGEST, null));
	}

	static RequestPostProcessor ingestOnly(String service) {
		return TestTokens.as(new ApiPrincipal(0, "only " + service, TokenScope.INGEST, service));
	}

	static RequestPostProcessor reader() {
		return TestTokens.as(new ApiPrincipal(0, "reader", TokenScope.READ, null));
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
	 * stopped answering, and whose commits by the ingestion writer can lose their answer.
	 */
	static final class FlakyDataSource extends DelegatingDataSource {

		private volatile boolean down;

		private volatile Predicate<Thread> commitAnswersLost = (thread) -> false;

		FlakyDataSource(DataSource target) {
			super(target);
		}

		void down(boolean down) {
			this.down = down;
		}

		/**
		 * From now on, a commit of a transaction that may write, on a thread that
		 * matches, is carried out and then fails like a connection lost before the answer
		 * came back.
		 * @param threads the threads whose commits lose their answer ({@code null}: none)
		 */
		void commitAnswersLost(Predicate<Thread> threads) {
			this.commitAnswersLost = (threads != null) ? threads : (thread) -> false;
		}

		@Override
		public Connection getConnection() throws SQLException {
			check();
			return losingCommitAnswers(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			check();
			return losingCommitAnswers(super.getConnection(username, password));
		}

		private Connection losingCommitAnswers(Connection connection) {
			Predicate<Thread> threads = this.commitAnswersLost;
			if (!threads.test(Thread.currentThread())) {
				return connection;
			}
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						try {
							boolean lost = method.getName().equals("commit") && !connection.isReadOnly()
									&& this.commitAnswersLost.test(Thread.currentThread());
							Object result = method.invoke(connection, args);
							if (lost) {
								throw new SQLException("An I/O error occurred while sending to the backend "
										+ "(test: connection lost after the commit)", "08006");
							}
							return result;
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		private void check() throws SQLException {
			if (this.down) {
				throw new SQLTransientConnectionException("Connection refused (test: database down)", "08001");
			}
		}

	}

}
