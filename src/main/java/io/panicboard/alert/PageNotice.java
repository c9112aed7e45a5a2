package io.panicboard.alert;

/**
 * A one-line message at the top of an alert page after an action, for
 * {@code fragments/admin-nav :: notice}.
 *
 * @param kind {@code success} or {@code error}, the CSS class of the flash
 * @param text the message
 */
record PageNotice(String kind, String text) {
}
