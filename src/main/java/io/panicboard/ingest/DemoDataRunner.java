package io.panicboard.ingest;

import io.panicboard.ingest.DemoData.Seeding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo data once the application is ready (after the partition jobs' start-up
 * runs) when {@code panicboard.demo} is on, and says in one line what it did or why it
 * did not. A failure is logged and leaves the application running.
 */
@Component
@EnableConfigurationProperties(DemoProperties.class)
class DemoDataRunner {

	private static final Log logger = LogFactory.getLog(DemoDataRunner.class);

	private final DemoProperties properties;

	private final DemoData demoData;

	DemoDataRunner(DemoProperties properties, DemoData demoData) {
		this.properties = properties;
		this.demoData = demoData;
	}

	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		if (!this.properties.demo()) {
			logger.debug("Demo data not seeded: panicboard.demo is off");
			return;
		}
		try {
			Seeding seeding = this.demoData.seedIfEmpty();
			if (seeding.seeded()) {
				logger.info("Demo data seeded in " + seeding.took().toMillis() + " ms: " + seeding.services()
						+ " services, " + seeding.incidents() + " incidents, " + seeding.occurrences()
						+ " occurrences, " + seeding.deploys() + " deploys, " + seeding.gcCycles()
						+ " gc cycles over the last 14 days");
			}
			else {
				logger.info("Demo data not seeded: the database already holds incidents");
			}
		}
		catch (RuntimeException ex) {
			logger.error("Demo data could not be seeded", ex);
		}
	}

}
