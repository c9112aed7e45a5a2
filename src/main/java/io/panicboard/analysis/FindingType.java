package io.panicboard.analysis;

import java.util.Locale;

/**
 * What kind of record the Go runtime printed.
 */
public enum FindingType {

	/** A {@code panic:} report. */
	PANIC,
	/**
	 * A {@code fatal error:} report or another unrecoverable runtime throw or signal
	 * dump.
	 */
	FATAL,
	/** A race-detector {@code WARNING: DATA RACE} report. */
	RACE,
	/** A gctrace or scavenger trace line. */
	GC;

	private final String id = name().toLowerCase(Locale.ROOT);

	/**
	 * The wire name, as used in the API.
	 * @return the lower-case name
	 */
	public String id() {
		return this.id;
	}

}
