/**
 * Memory and GC health of services: gc cycles from gctrace lines, memory samples and
 * their rollups.
 */
package io.panicboard.memory;
