/**
 * Shared system concerns: configuration, the embedded PostgreSQL default, web setup and
 * the error responses of the API, used by every feature.
 */
package io.panicboard.system;
