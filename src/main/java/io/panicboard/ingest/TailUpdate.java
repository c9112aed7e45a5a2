package io.panicboard.ingest;

import java.util.List;
import java.util.UUID;

/**
 * What a log request changes in its stream's pending tail, applied in the transaction of
 * its batch.
 *
 * @param key the stream
 * @param claimed the generation of the tail the request read and analysed, or
 * {@code null}; the tail is consumed only if it still has that generation
 * @param claimedItems the findings that started in the claimed tail: stored only when the
 * claim succeeds, because otherwise another request or the flush job stored them
 * @param newTail the request's own unfinished end to keep, or {@code null}
 * @param version the version to store with the new tail, or {@code null}
 */
record TailUpdate(StreamKey key, UUID claimed, List<IngestItem> claimedItems, byte[] newTail, String version) {

	TailUpdate {
		claimedItems = List.copyOf(claimedItems);
	}

}
