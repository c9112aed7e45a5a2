package io.panicboard.metrics;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes {@link DatabaseGauges} every {@code panicboard.metrics.refresh-interval}. It
 * holds no lock on purpose: every replica reports these gauges, so every replica reads
 * them.
 */
@Component
class DatabaseGaugesJob {

	private static final Log logger = LogFactory.getLog(DatabaseGaugesJob.class);

	private final DatabaseGaugeReader reader;

	private final DatabaseGauges gauges;

	private final Clock clock;

	DatabaseGaugesJob(DatabaseGaugeReader reader, DatabaseGauges gauges, Clock clock) {
		this.reader = reader;
		this.gauges = gauges;
		this.clock = clock;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${panicboard.metrics.refresh-interval:15s}")
	public void refresh() {
		try {
			this.gauges.update(this.reader.read(this.clock.instant()));
		}
		catch (RuntimeException ex) {
			// the previous snapshot stays; the next run tries again
			logger.warn("Could not read the metrics gauges from the database: " + ex.getMessage());
		}
	}

}
