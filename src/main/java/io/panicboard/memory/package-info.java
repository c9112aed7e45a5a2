/**
 * Memory and GC health of services: gc cycles from gctrace lines, expvar memory samples
 * and the GC pauses derived from them, minute rollups, and the service pages that chart
 * them beside crashes and deploys.
 */
package io.panicboard.memory;
