package io.panicboard.slo;

import java.time.Instant;

/**
 * An instance saying it is alive, for the crash-free instance time indicator.
 *
 * @param service the service
 * @param environment the environment
 * @param instance the instance
 * @param version the version it runs, or {@code null}
 * @param startedAt when the process started, or {@code null}
 * @param receivedAt when the heartbeat was received; it marks this minute as observed
 */
public record Heartbeat(String service, String environment, String instance, String version, Instant startedAt,
		Instant receivedAt) {

}
