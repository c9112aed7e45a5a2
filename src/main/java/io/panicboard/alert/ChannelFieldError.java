package io.panicboard.alert;

/**
 * One invalid field of a channel.
 *
 * @param field the field's name
 * @param message what is wrong with it
 */
record ChannelFieldError(String field, String message) {
}
