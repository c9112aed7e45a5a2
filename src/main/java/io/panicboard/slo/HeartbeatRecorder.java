package io.panicboard.slo;

import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Stores heartbeats: one row per instance and minute of receipt, however many heartbeats
 * arrive in it (the latest version and start time win).
 */
@Component
public class HeartbeatRecorder {

	private final JdbcClient jdbc;

	HeartbeatRecorder(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Marks the heartbeat's instance as observed in the minute it was received.
	 * @param heartbeat the heartbeat
	 */
	@Transactional
	public void record(Heartbeat heartbeat) {
		this.jdbc.sql("""
				INSERT INTO heartbeat AS h (service, environment, instance, minute, version, started_at)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (service, environment, instance, minute)
				DO UPDATE SET version = excluded.version, started_at = excluded.started_at""")
			.params(heartbeat.service(), heartbeat.environment(), heartbeat.instance(),
					heartbeat.receivedAt().truncatedTo(ChronoUnit.MINUTES).atOffset(UTC), heartbeat.version(),
					(heartbeat.startedAt() != null) ? heartbeat.startedAt().atOffset(UTC) : null)
			.update();
	}

}
