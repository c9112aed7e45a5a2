package io.panicboard.system;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on an external database whose JDBC URL carries a parameter, which may
 * be a credential: no log line shows it.
 */
@SpringBootTest
@Import({ TestDatabaseConfiguration.class, DatabaseUrlLoggingTests.UrlWithParameter.class })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUrlLoggingTests {

	static final String PARAMETER = "ApplicationName=url-parameter-kept-out-of-logs";

	@Test
	void logsTheDatabaseUrlWithoutItsParameters(CapturedOutput output) {
		assertThat(output).contains("Database: external jdbc:postgresql://").doesNotContain(PARAMETER);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class UrlWithParameter {

		@Bean
		static BeanPostProcessor jdbcUrlWithParameter() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof JdbcConnectionDetails details) ? withParameter(details) : bean;
				}

			};
		}

		private static JdbcConnectionDetails withParameter(JdbcConnectionDetails details) {
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return details.getJdbcUrl() + (details.getJdbcUrl().contains("?") ? "&" : "?") + PARAMETER;
				}

				@Override
				public String getUsername() {
					return details.getUsername();
				}

				@Override
				public String getPassword() {
					return details.getPassword();
				}

			};
		}

	}

}
