package io.panicboard;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Complete application instances ("replicas") on one fresh database, created on the test
 * PostgreSQL server and dropped again on {@link #close()}, for the tests that show what
 * several replicas do together.
 */
public final class TestReplicas implements AutoCloseable {

	private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

	private final JdbcConnectionDetails server;

	private final JdbcClient admin;

	private final String database;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	/**
	 * Creates the database.
	 * @param server the test database server
	 * @param admin a client of the test database that may create databases
	 * @param prefix the new database's name prefix
	 */
	public TestReplicas(JdbcConnectionDetails server, JdbcClient admin, String prefix) {
		this.server = server;
		this.admin = admin;
		this.database = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
		admin.sql("CREATE DATABASE " + this.database).update();
	}

	/**
	 * Starts one more replica on a random port. Start replicas one after the other: two
	 * Spring Boot applications initialising the logging system of one JVM at the same
	 * moment trip over each other.
	 * @param properties further default properties ({@code name=value})
	 * @param args command-line arguments, which win over the tests'
	 * {@code application.properties}
	 * @return the running replica
	 */
	public ConfigurableApplicationContext start(List<String> properties, String... args) {
		Matcher url = URL.matcher(this.server.getJdbcUrl());
		if (!url.matches()) {
			throw new IllegalStateException("unexpected JDBC URL " + this.server.getJdbcUrl());
		}
		String password = this.server.getPassword();
		List<String> all = new ArrayList<>(
				List.of("spring.datasource.url=" + url.group(1) + this.database + url.group(3),
						"spring.datasource.username=" + this.server.getUsername(),
						"spring.datasource.password=" + ((password != null) ? password : ""), "server.port=0",
						"panicboard.admin-password=replica-tests-password", "spring.main.banner-mode=off"));
		all.addAll(properties);
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties(all.toArray(String[]::new))
			.run(args);
		this.replicas.add(replica);
		return replica;
	}

	/**
	 * Stops every replica and drops the database.
	 */
	@Override
	public void close() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.admin.sql("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)").update();
	}

}
