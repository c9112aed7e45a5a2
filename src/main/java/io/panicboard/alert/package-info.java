/**
 * Alerting: rules over occurrences, incidents and memory figures, their evaluation into
 * pending, firing and resolved alerts (once across replicas), silences, and the
 * notification outbox that the sender delivers from.
 */
package io.panicboard.alert;
