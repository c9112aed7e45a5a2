/**
 * The Prometheus exposition at {@code GET /metrics}: the JVM's metrics, the gauges read
 * from the database on a schedule, and whatever the other modules register in the one
 * {@link io.prometheus.client.CollectorRegistry}.
 */
package io.panicboard.metrics;
