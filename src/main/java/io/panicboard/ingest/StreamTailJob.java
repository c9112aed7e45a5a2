package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.ServiceCatalog;
import io.panicboard.ingest.StreamTails.PendingTail;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Stores the tails of log streams that no request continued within
 * {@link IngestProperties#tailWait()}: a crash at the very end of a stream (the process
 * died) is stored as it is. A run stores every tail expired by then, however many, a page
 * of {@value #BATCH} at a time, each page in one write. Every replica runs it; a tail is
 * stored once, by whoever consumes it first (see {@link TailUpdate}).
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
	 * Stores the tails that expired by a time: all of them, page by page, each page
	 * handed to the writer at once (one transaction of up to {@value #BATCH} tails).
	 * @param now the time
	 * @return the tails looked at
	 */
	int flush(Instant now) {
		Instant cutoff = now.minus(this.properties.tailWait());
		Map<String, TraceAnalyzer> analyzers = new HashMap<>();
		int seen = 0;
		List<PendingTail> page;
		PendingTail last = null;
		do {
			page = this.tails.updatedBefore(cutoff, last, BATCH);
			if (!page.isEmpty()) {
				store(page.stream().map((tail) -> expired(tail, analyzers)).toList());
				last = page.get(page.size() - 1);
				seen += page.size();
			}
		}
		while (page.size() == BATCH);
		return seen;
	}

	private TailUpdate expired(PendingTail tail, Map<String, TraceAnalyzer> analyzers) {
		StreamKey key = tail.key();
		TraceAnalyzer service = analyzers.computeIfAbsent(key.service(),
				(name) -> this.catalog.find(name)
					.map((info) -> this.analyzer.withInAppRules(new InAppRules(info.inAppPrefixes())))
					.orElse(this.analyzer));
		StreamAnalysis.Result result = StreamAnalysis.analyze(service, null, new ByteArrayInputStream(tail.text()),
				tail.text().length + 1, true);
		IngestItem item = new IngestItem(key.service(), key.environment(), tail.version(),
				key.instance().isEmpty() ? null : key.instance(), null, tail.updatedAt(), result.fromBody());
		return new TailUpdate(key, tail.generation(), List.of(item), null, null);
	}

	/**
	 * Stores tails in one write. When the database is unavailable (503) the flush stops
	 * and the next run tries again; a tail the database refuses is left, and logged,
	 * without holding back the others.
	 */
	private void store(List<TailUpdate> updates) {
		try {
			this.writer.write(List.of(), updates);
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (updates.size() > 1) {
				updates.forEach((update) -> store(List.of(update)));
			}
			else {
				logger.warn("Storing the expired tail of " + updates.get(0).key() + " failed; it stays", ex);
			}
		}
	}

}
