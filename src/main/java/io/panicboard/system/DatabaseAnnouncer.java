package io.panicboard.system;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Logs one line naming the database in use.
 */
@Component
class DatabaseAnnouncer implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DatabaseAnnouncer.class);

	private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

	private final ObjectProvider<EmbeddedPostgresServer> embeddedServer;

	DatabaseAnnouncer(ObjectProvider<JdbcConnectionDetails> connectionDetails,
			ObjectProvider<EmbeddedPostgresServer> embeddedServer) {
		this.connectionDetails = connectionDetails;
		this.embeddedServer = embeddedServer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String description = description();
		if (description != null) {
			logger.info("Database: " + description);
		}
	}

	String description() {
		EmbeddedPostgresServer server = this.embeddedServer.getIfAvailable();
		if (server != null) {
			return "embedded PostgreSQL " + server.version() + " at " + server.jdbcUrl() + " (data: "
					+ server.dataDirectory() + ")";
		}
		JdbcConnectionDetails details = this.connectionDetails.getIfUnique();
		return (details != null && details.getJdbcUrl() != null) ? "external " + withoutParameters(details.getJdbcUrl())
				: null;
	}

	// Parameters may carry credentials.
	private static String withoutParameters(String url) {
		int query = url.indexOf('?');
		return (query >= 0) ? url.substring(0, query) : url;
	}

}
