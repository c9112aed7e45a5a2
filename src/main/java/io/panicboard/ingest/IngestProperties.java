package io.panicboard.ingest;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingestion API ({@code panicboard.ingest.*}). Body sizes are counted
 * after any {@code Content-Encoding} is undone; a body over its limit gets 413. The
 * bounds of an event's own time ({@code timestamp-future}, {@code timestamp-past}) are
 * {@link io.panicboard.system.EventTimeLimits}, which pages and rollups read too.
 *
 * @param maxAnalyzeSize the largest body {@code POST /api/v1/analyze} reads
 * @param maxEventsBodySize the largest body {@code POST /api/v1/events} reads
 * @param maxEventTextSize the largest {@code text} of one event, in UTF-8 bytes
 * @param maxEventsPerRequest the most events in one {@code POST /api/v1/events}
 * @param maxLogsBodySize the largest body {@code POST /api/v1/logs} reads
 * @param queueCapacity requests that may wait for the batched writer; more get 503
 * @param maxBatchItems events (or log streams) the writer commits in one transaction at
 * most
 * @param batchLinger how long the writer waits for more requests before it commits a
 * batch that is not full; 0 commits whatever is queued at once
 * @param writerThreads threads that commit batches; the first takes whatever is queued,
 * the others only while at least half of {@code maxBatchItems} is waiting
 * @param writeTimeout how long a request waits for its batch to commit before it answers
 * 503
 * @param retryAfter the {@code Retry-After} of a 503
 * @param tailWait how long the unfinished end of a log stream waits for the stream's next
 * request
 * @param maxTailSize the longest unfinished end of a log stream that is kept; a longer
 * one is stored as it is
 * @param tailFlushInterval how often tails that nobody continued in time are stored
 * @param recordMessageFields fields of a log shipper's record that hold the log line,
 * first present wins
 * @param recordServiceFields paths of the service name in a record (Kubernetes metadata)
 * @param recordInstanceFields paths of the instance name in a record
 * @param recordEnvironmentFields paths of the environment in a record; none by default
 * (the {@code environment} parameter, else {@code production})
 * @param recordStreamFields paths of the stream name ({@code stdout}/{@code stderr})
 * @param eventIdRetention how long an event id is remembered for idempotency; as long as
 * occurrences are kept, so a repeat is recognised while its first copy is stored
 */
@ConfigurationProperties("panicboard.ingest")
@Validated
record IngestProperties(@DefaultValue("10MB") DataSize maxAnalyzeSize, @DefaultValue("16MB") DataSize maxEventsBodySize,
		@DefaultValue("1MB") DataSize maxEventTextSize, @DefaultValue("1000") int maxEventsPerRequest,
		@DefaultValue("64MB") DataSize maxLogsBodySize, @DefaultValue("10000") int queueCapacity,
		@DefaultValue("1000") int maxBatchItems, @DefaultValue("0ms") Duration batchLinger,
		@DefaultValue("2") int writerThreads, @DefaultValue("10s") Duration writeTimeout,
		@DefaultValue("2s") Duration retryAfter, @DefaultValue("10s") Duration tailWait,
		@DefaultValue("256KB") DataSize maxTailSize, @DefaultValue("5s") Duration tailFlushInterval, @DefaultValue( {
				"log", "message" }) List<String> recordMessageFields,
		@DefaultValue({ "kubernetes.labels.app", "kubernetes.pod_labels.app" }) List<String> recordServiceFields,
		@DefaultValue("kubernetes.pod_name") List<String> recordInstanceFields,
		@DefaultValue List<String> recordEnvironmentFields, @DefaultValue("stream") List<String> recordStreamFields,
		@DefaultValue("90d") Duration eventIdRetention){

	IngestProperties {
		positive("max-analyze-size", maxAnalyzeSize.toBytes());
		positive("max-events-body-size", maxEventsBodySize.toBytes());
		positive("max-event-text-size", maxEventTextSize.toBytes());
		positive("max-events-per-request", maxEventsPerRequest);
		positive("max-logs-body-size", maxLogsBodySize.toBytes());
		positive("queue-capacity", queueCapacity);
		positive("max-batch-items", maxBatchItems);
		positive("writer-threads", writerThreads);
		positive("write-timeout", writeTimeout.toMillis());
		positive("max-tail-size", maxTailSize.toBytes());
		positive("tail-flush-interval", tailFlushInterval.toMillis());
		if (batchLinger.isNegative() || tailWait.isNegative()) {
			throw new IllegalArgumentException("panicboard.ingest durations must not be negative");
		}
		recordMessageFields = List.copyOf(recordMessageFields);
		recordServiceFields = List.copyOf(recordServiceFields);
		recordInstanceFields = List.copyOf(recordInstanceFields);
		recordEnvironmentFields = List.copyOf(recordEnvironmentFields);
		recordStreamFields = List.copyOf(recordStreamFields);
	}

	private static void positive(String name, long value) {
		if (value < 1) {
			throw new IllegalArgumentException("panicboard.ingest." + name + " must be positive");
		}
	}

}
