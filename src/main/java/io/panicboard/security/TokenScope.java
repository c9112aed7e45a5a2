package io.panicboard.security;

import java.util.Locale;
import java.util.Optional;

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

	/**
	 * The scope with a wire name.
	 * @param id the wire name, such as {@code ingest}
	 * @return the scope, or empty when no scope has that name
	 */
	public static Optional<TokenScope> fromId(String id) {
		for (TokenScope scope : values()) {
			if (scope.id().equals(id)) {
				return Optional.of(scope);
			}
		}
		return Optional.empty();
	}

}
