package io.panicboard.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.Timeline.utc;

/**
 * Stores deploy markers. They are not copied into the timeline of every open incident of
 * the service (a service with many incidents would multiply every deploy): an incident's
 * timeline joins in the deploys of its service and environment when it is read.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class DeployWriter implements DeployRecorder {

	private final JdbcClient jdbc;

	DeployWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long record(NewDeploy deploy) {
		return this.jdbc
			.sql("INSERT INTO deploy (service, environment, version, deployed_at, url) VALUES (?, ?, ?, ?, ?) "
					+ "RETURNING id")
			.params(deploy.service(), deploy.environment(), deploy.version(), utc(deploy.deployedAt()), deploy.url())
			.query(Long.class)
			.single();
	}

}
