package io.panicboard.memory;

import java.time.Instant;

import io.panicboard.analysis.GcCycle;

/**
 * A gctrace line to store.
 *
 * @param service the service
 * @param environment the environment
 * @param instance the instance, or {@code null}
 * @param receivedAt when panicboard received it
 * @param cycle the parsed line
 */
public record NewGcCycle(String service, String environment, String instance, Instant receivedAt, GcCycle cycle) {
}
