package io.panicboard;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one PostgreSQL of a test JVM: a Testcontainers {@code postgres:18} when a Docker
 * engine answers, otherwise an embedded PostgreSQL (fsync off, temporary data directory,
 * stopped by a JVM shutdown hook). Every Spring context of the JVM shares it; Flyway
 * migrates it like any other database.
 * <p>
 * A {@code @SpringBootTest} uses it with
 * {@code @Import(TestDatabaseConfiguration.class)}. A {@code @DataJpaTest} or
 * {@code @JdbcTest} also needs {@code @AutoConfigureTestDatabase(replace = Replace.NONE)}
 * on the test class, or it swaps in an in-memory database that is not on the classpath.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerAvailableCondition.class)
	static class ContainerDatabase {

		// Shared by all contexts: no context may stop it; Testcontainers removes it at
		// exit.
		@Bean(destroyMethod = "")
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			return SharedContainer.INSTANCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerUnavailableCondition.class)
	static class EmbeddedDatabase {

		@Bean
		JdbcConnectionDetails embeddedPostgresConnectionDetails() {
			int port = SharedEmbeddedPostgres.INSTANCE.getPort();
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return "jdbc:postgresql://localhost:" + port + "/postgres";
				}

				@Override
				public String getUsername() {
					return "postgres";
				}

				@Override
				public String getPassword() {
					return "";
				}

			};
		}

	}

	private static final class SharedContainer {

		static final PostgreSQLContainer INSTANCE = new PostgreSQLContainer("postgres:18");

	}

	private static final class SharedEmbeddedPostgres {

		// The library's own shutdown hook stops it and deletes its data directory.
		static final EmbeddedPostgres INSTANCE = start();

		private static EmbeddedPostgres start() {
			try {
				return EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static final class Docker {

		static final boolean AVAILABLE = DockerClientFactory.instance().isDockerAvailable();

	}

	static class DockerAvailableCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return new ConditionOutcome(Docker.AVAILABLE, "Docker engine available: " + Docker.AVAILABLE);
		}

	}

	static class DockerUnavailableCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return new ConditionOutcome(!Docker.AVAILABLE, "Docker engine available: " + Docker.AVAILABLE);
		}

	}

}
