package io.panicboard.slo;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/**
 * Runs the SLO rollup over a chosen range, for tests outside the package that need SLO
 * signals from data they inserted.
 */
public final class SloRollups {

	private SloRollups() {
	}

	public static void rollUp(ApplicationContext context, Instant from, Instant to) {
		context.getBean(SloRollup.class).rollUp(from, to);
	}

}
