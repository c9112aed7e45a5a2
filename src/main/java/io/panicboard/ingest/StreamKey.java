package io.panicboard.ingest;

import java.util.Comparator;

/**
 * One log stream: the unit whose unfinished end is joined with its next request.
 *
 * @param service the service
 * @param environment the environment
 * @param instance the instance, empty when unknown
 * @param stream the stream name ({@code stdout}, {@code stderr}), empty when unknown
 */
record StreamKey(String service, String environment, String instance, String stream) {

	/**
	 * Orders keys the same way everywhere, so that transactions lock tails in one order.
	 */
	static final Comparator<StreamKey> ORDER = Comparator.comparing(StreamKey::service)
		.thenComparing(StreamKey::environment)
		.thenComparing(StreamKey::instance)
		.thenComparing(StreamKey::stream);

	StreamKey {
		instance = (instance != null) ? instance : "";
		stream = (stream != null) ? stream : "";
	}

}
