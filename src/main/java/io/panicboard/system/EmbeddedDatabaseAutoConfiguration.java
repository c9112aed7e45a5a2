package io.panicboard.system;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts the embedded PostgreSQL and points the auto-configured {@code DataSource} at it
 * when no database is configured: no {@code spring.datasource.url}, no connection details
 * from elsewhere (such as a test's service connection) and no {@code DataSource} bean. An
 * auto-configuration so that it is decided after all application and test configuration
 * is known.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnMissingBean({ DataSource.class, JdbcConnectionDetails.class })
@Conditional(NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(SystemProperties.class)
class EmbeddedDatabaseAutoConfiguration {

	// The connection details depend on this bean, the DataSource on them: the server is
	// stopped only after the DataSource has been closed.
	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgresServer(SystemProperties properties) {
		return EmbeddedPostgresServer.start(properties.postgresDataDirectory(), properties.embeddedDb().port());
	}

	@Bean
	EmbeddedJdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedPostgresServer server) {
		return new EmbeddedJdbcConnectionDetails(server);
	}

}
