package io.panicboard.security;

import java.util.Locale;

/**
 * What an API token may do.
 */
public enum TokenScope {

	/** Send data for one service, or for all services (and create them on first use). */
	INGEST,
	/** Read incidents, alerts, SLOs and reports. */
	READ,
	/** Everything, including token management. */
	ADMIN;

	/**
	 * The wire name.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
