/**
 * Shared system concerns: configuration, the embedded PostgreSQL default and operational
 * wiring used by every feature.
 */
package io.panicboard.system;
