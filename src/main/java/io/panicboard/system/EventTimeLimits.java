package io.panicboard.system;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far an event's own time may lie from the time panicboard received it
 * ({@code panicboard.ingest.timestamp-future} and {@code timestamp-past}, beside the
 * other settings of ingestion). Ingestion replaces a time outside these bounds with the
 * time of receipt; pages and rollups that find occurrences by receipt time rely on the
 * first bound: an occurrence is received at most {@code timestampFuture} before it
 * occurred.
 *
 * @param timestampFuture how far in the future an event's timestamp may lie before it is
 * replaced by the time it was received
 * @param timestampPast how far in the past an event's timestamp may lie before it is
 * replaced by the time it was received
 */
@ConfigurationProperties("panicboard.ingest")
public record EventTimeLimits(@DefaultValue("5m") Duration timestampFuture,
		@DefaultValue("30d") Duration timestampPast) {

	public EventTimeLimits {
		if (timestampFuture.isNegative() || timestampPast.isNegative()) {
			throw new IllegalArgumentException(
					"panicboard.ingest.timestamp-future and timestamp-past must not be negative");
		}
	}

	/**
	 * The earliest receipt time of an occurrence that occurred at or after a time.
	 * @param occurredFrom the time
	 * @return {@code occurredFrom − timestampFuture}
	 */
	public Instant earliestReceiptOf(Instant occurredFrom) {
		return occurredFrom.minus(this.timestampFuture);
	}

}
