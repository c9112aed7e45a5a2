package io.panicboard.system;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Connection details of the embedded PostgreSQL (local trust authentication).
 */
class EmbeddedJdbcConnectionDetails implements JdbcConnectionDetails {

	private final EmbeddedPostgresServer server;

	EmbeddedJdbcConnectionDetails(EmbeddedPostgresServer server) {
		this.server = server;
	}

	@Override
	public String getJdbcUrl() {
		return this.server.jdbcUrl();
	}

	@Override
	public String getUsername() {
		return EmbeddedPostgresServer.USERNAME;
	}

	@Override
	public String getPassword() {
		return "";
	}

}
