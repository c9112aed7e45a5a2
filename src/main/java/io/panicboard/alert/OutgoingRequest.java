package io.panicboard.alert;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP POST a channel sends: where, the exact body bytes and the headers.
 *
 * @param uri where to
 * @param body the body, as signed
 * @param headers the headers beyond {@code Content-Type: application/json}
 */
record OutgoingRequest(URI uri, byte[] body, Map<String, String> headers) {
}
