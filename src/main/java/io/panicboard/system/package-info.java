/**
 * Shared setup of the application: web configuration and the error responses of the API.
 */
package io.panicboard.system;
