package io.panicboard.analysis;

import java.util.Locale;
import java.util.Optional;

/**
 * What went wrong, as named in the API; the corpus labels use the same names.
 */
public enum Kind {

	NIL_MAP_WRITE(Severity.CRITICAL, KindFamily.NIL_MAP, true),
	CONCURRENT_MAP_WRITES(Severity.CRITICAL, KindFamily.CONCURRENT_MAP_ACCESS, true),
	CONCURRENT_MAP_READ_WRITE(Severity.CRITICAL, KindFamily.CONCURRENT_MAP_ACCESS, true),
	CONCURRENT_MAP_ITERATION_WRITE(Severity.CRITICAL, KindFamily.CONCURRENT_MAP_ACCESS, true),
	CONCURRENT_MAP_CLONE_WRITE(Severity.CRITICAL, KindFamily.CONCURRENT_MAP_ACCESS, true),
	NIL_POINTER_DEREFERENCE(Severity.HIGH, KindFamily.NIL_DEREFERENCE, false),
	DATA_RACE(Severity.WARNING, KindFamily.DATA_RACE, false),
	OUT_OF_MEMORY(Severity.CRITICAL, KindFamily.OUT_OF_MEMORY, false),
	STACK_OVERFLOW(Severity.HIGH, KindFamily.STACK_OVERFLOW, false),
	DEADLOCK(Severity.HIGH, KindFamily.DEADLOCK, false),
	INDEX_OUT_OF_RANGE(Severity.HIGH, KindFamily.RUNTIME_ERROR, false),
	SLICE_BOUNDS(Severity.HIGH, KindFamily.RUNTIME_ERROR, false),
	DIVIDE_BY_ZERO(Severity.HIGH, KindFamily.RUNTIME_ERROR, false),
	CLOSED_CHANNEL_CLOSE(Severity.HIGH, KindFamily.CHANNEL, false),
	CLOSED_CHANNEL_SEND(Severity.HIGH, KindFamily.CHANNEL, false),
	TYPE_ASSERTION(Severity.HIGH, KindFamily.RUNTIME_ERROR, false),
	USER_PANIC(Severity.HIGH, KindFamily.APPLICATION, false), OTHER(Severity.HIGH, KindFamily.APPLICATION, false),
	GCTRACE(Severity.INFO, KindFamily.GC, false);

	private final String id = name().toLowerCase(Locale.ROOT);

	private final Severity defaultSeverity;

	private final KindFamily family;

	private final boolean alwaysMapRelated;

	Kind(Severity defaultSeverity, KindFamily family, boolean alwaysMapRelated) {
		this.defaultSeverity = defaultSeverity;
		this.family = family;
		this.alwaysMapRelated = alwaysMapRelated;
	}

	/**
	 * The wire name, e.g. {@code nil_map_write}.
	 * @return the lower-case name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The severity a finding of this kind gets unless a rule says otherwise.
	 * @return the default severity
	 */
	public Severity defaultSeverity() {
		return this.defaultSeverity;
	}

	/**
	 * The family this kind is reviewed with.
	 * @return the family
	 */
	public KindFamily family() {
		return this.family;
	}

	/**
	 * Whether every finding of this kind comes from the map implementation.
	 * @return {@code true} for nil-map writes and concurrent map access
	 */
	public boolean alwaysMapRelated() {
		return this.alwaysMapRelated;
	}

	/**
	 * Looks a kind up by its wire name.
	 * @param id the wire name, e.g. {@code concurrent_map_writes}
	 * @return the kind, or empty when the name is unknown
	 */
	public static Optional<Kind> fromId(String id) {
		for (Kind kind : values()) {
			if (kind.id().equals(id)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

}
