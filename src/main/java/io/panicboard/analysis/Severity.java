package io.panicboard.analysis;

import java.util.Locale;

/**
 * How urgent a finding is; each {@link Kind} has a default.
 */
public enum Severity {

	CRITICAL, HIGH, WARNING, INFO;

	/**
	 * The wire name, as used in the API.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
