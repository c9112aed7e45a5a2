package io.panicboard.incident;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code service} table. Registration inserts with {@code ON CONFLICT DO NOTHING} and
 * reads the row back, so that concurrent first ingests of one service from several
 * requests or replicas all succeed and see the same row.
 */
@Repository
class ServiceRegistry implements ServiceCatalog {

	private static final String SELECT = "SELECT name, team, source_link_template, in_app_prefixes FROM service "
			+ "WHERE name = ?";

	private final JdbcClient jdbc;

	ServiceRegistry(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<ServiceInfo> find(String name) {
		return this.jdbc.sql(SELECT).param(name).query(ServiceRegistry::map).optional();
	}

	@Override
	public ServiceInfo register(String name) {
		this.jdbc.sql("INSERT INTO service (name) VALUES (?) ON CONFLICT (name) DO NOTHING").param(name).update();
		return find(name).orElseThrow();
	}

	private static ServiceInfo map(ResultSet rs, int rowNum) throws SQLException {
		Array prefixes = rs.getArray("in_app_prefixes");
		List<String> inAppPrefixes = (prefixes != null) ? Arrays.asList((String[]) prefixes.getArray()) : List.of();
		return new ServiceInfo(rs.getString("name"), rs.getString("team"), rs.getString("source_link_template"),
				inAppPrefixes);
	}

}
