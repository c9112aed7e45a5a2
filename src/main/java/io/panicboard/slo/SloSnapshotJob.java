package io.panicboard.slo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the {@link SloSnapshot} on every replica.
 */
@Component
class SloSnapshotJob {

	private static final Log logger = LogFactory.getLog(SloSnapshotJob.class);

	private final SloSnapshot snapshot;

	SloSnapshotJob(SloSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	@Scheduled(fixedDelayString = "${panicboard.slo.refresh-interval:60s}", initialDelayString = "5s")
	public void refresh() {
		try {
			this.snapshot.refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("SLO statuses not refreshed: " + ex.getMessage());
		}
	}

}
