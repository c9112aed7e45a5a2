/**
 * Incidents: occurrences grouped by service, environment and fingerprint, their
 * lifecycle, timeline, deploys and the services they belong to.
 */
package io.panicboard.incident;
