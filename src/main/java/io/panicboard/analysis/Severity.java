package io.panicboard.analysis;

import java.util.Locale;

/**
 * How urgent a finding is; each {@link Kind} has a default.
 */
public enum Severity {

	CRITICAL, HIGH, WARNING, INFO;

	private final String id = name().toLowerCase(Locale.ROOT);

	/**
	 * The wire name, as used in the API.
	 * @return the lower-case name
	 */
	public String id() {
		return this.id;
	}

}
