/**
 * The weekly tech-debt review: a report per ISO week (crashes, incidents, response times,
 * hotspots, map races, tech debt, trends) for all services, a team or a service, its
 * exports, the decisions taken from it and its scheduled delivery.
 */
package io.panicboard.review;
