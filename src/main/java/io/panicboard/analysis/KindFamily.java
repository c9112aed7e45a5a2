package io.panicboard.analysis;

import java.util.Locale;

/**
 * Groups of kinds that are reviewed and alerted on together.
 */
public enum KindFamily {

	NIL_MAP(true), CONCURRENT_MAP_ACCESS(true), NIL_DEREFERENCE(true), DATA_RACE(true), OUT_OF_MEMORY(true),
	STACK_OVERFLOW(true), RUNTIME_ERROR(false), CHANNEL(false), DEADLOCK(false), APPLICATION(false), GC(false);

	private final String id = name().toLowerCase(Locale.ROOT);

	private final boolean memorySafety;

	KindFamily(boolean memorySafety) {
		this.memorySafety = memorySafety;
	}

	/**
	 * Whether this family is part of the memory-safety family watched first by the
	 * default alert rules and SLOs.
	 * @return {@code true} for map faults, nil dereference, races, OOM and stack overflow
	 */
	public boolean memorySafety() {
		return this.memorySafety;
	}

	/**
	 * The wire name.
	 * @return the lower-case name
	 */
	public String id() {
		return this.id;
	}

}
