package io.panicboard.system;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import(TestDatabaseConfiguration.class)
class ServiceTableTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void storesServiceWithInAppPrefixes() {
		this.jdbc.sql("INSERT INTO service (name, team, in_app_prefixes) VALUES ('checkout', 'payments', ?)")
			.param(new String[] { "example.com/shop/checkout" })
			.update();
		assertThat(
				this.jdbc.sql("SELECT in_app_prefixes[1] FROM service WHERE name = 'checkout' AND created_at <= now()")
					.query(String.class)
					.single())
			.isEqualTo("example.com/shop/checkout");
	}

	@Test
	void rejectsBlankServiceName() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.sql("INSERT INTO service (name) VALUES ('  ')").update());
	}

}
