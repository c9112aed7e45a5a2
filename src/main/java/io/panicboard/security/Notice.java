package io.panicboard.security;

/**
 * A one-line message at the top of an admin page after an action.
 *
 * @param kind {@code success} or {@code error}, the CSS class of the flash
 * @param text the message
 */
record Notice(String kind, String text) {
}
