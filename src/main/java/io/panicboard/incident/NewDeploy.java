package io.panicboard.incident;

import java.time.Instant;

/**
 * A deploy marker.
 *
 * @param service the deployed service
 * @param environment the environment
 * @param version the version deployed
 * @param deployedAt when
 * @param url a link to the release or pipeline, or {@code null}
 */
public record NewDeploy(String service, String environment, String version, Instant deployedAt, String url) {
}
