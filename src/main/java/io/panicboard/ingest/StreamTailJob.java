package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.ServiceCatalog;
import io.panicboard.ingest.StreamTails.PendingTail;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stores the tails of log streams that no request continued within
 * {@link IngestProperties#tailWait()}: a crash at the very end of a stream (the process
 * died) is stored as it is. Every replica runs it; a tail is stored once, by whoever
 * consumes it first (see {@link TailUpdate}).
 */
@Component
class StreamTailJob {

	private static final Log logger = LogFactory.getLog(StreamTailJob.class);

	private static final int BATCH = 100;

	private final StreamTails tails;

	private final BatchedWriter writer;

	private final ServiceCatalog catalog;

	private final TraceAnalyzer analyzer;

	private final IngestProperties properties;

	private final Clock clock;

	StreamTailJob(StreamTails tails, BatchedWriter writer, ServiceCatalog catalog, TraceAnalyzer analyzer,
			IngestProperties properties, ObjectProvider<Clock> clock) {
		this.tails = tails;
		this.writer = writer;
		this.catalog = catalog;
		this.analyzer = analyzer;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Scheduled(fixedDelayString = "${panicboard.ingest.tail-flush-interval:5s}")
	void run() {
		try {
			flush(this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Storing expired log stream tails failed; retrying later: " + ex.getMessage());
		}
	}

	/**
	 * Stores the tails that expired by a time.
	 * @param now the time
	 * @return the tails looked at
	 */
	int flush(Instant now) {
		List<PendingTail> expired = this.tails.updatedBefore(now.minus(this.properties.tailWait()), BATCH);
		for (PendingTail tail : expired) {
			StreamKey key = tail.key();
			TraceAnalyzer service = this.catalog.find(key.service())
				.map((info) -> this.analyzer.withInAppRules(new InAppRules(info.inAppPrefixes())))
				.orElse(this.analyzer);
			StreamAnalysis.Result result = StreamAnalysis.analyze(service, null, new ByteArrayInputStream(tail.text()),
					tail.text().length + 1, true);
			IngestItem item = new IngestItem(key.service(), key.environment(), tail.version(),
					key.instance().isEmpty() ? null : key.instance(), null, tail.updatedAt(), result.fromBody());
			this.writer.write(List.of(), List.of(new TailUpdate(key, tail.generation(), List.of(item), null, null)));
		}
		return expired.size();
	}

}
