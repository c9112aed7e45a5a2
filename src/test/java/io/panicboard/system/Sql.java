package io.panicboard.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

final class Sql {

	private Sql() {
	}

	static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USERNAME, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
