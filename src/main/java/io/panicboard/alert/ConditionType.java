package io.panicboard.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * When a rule fires; the wire names are the {@code alert_rule.condition_type} values.
 */
public enum ConditionType {

	/** An alert per matching incident while matching occurrences keep arriving. */
	ANY_OCCURRENCE,
	/**
	 * Per service and environment: at least {@code threshold} occurrences in the window.
	 */
	COUNT_IN_WINDOW,
	/** An alert per incident first seen in the window. */
	NEW_FINGERPRINT,
	/** An alert per incident that regressed in the window. */
	REGRESSION,
	/** Per service and environment: a memory figure above the threshold. */
	METRIC_THRESHOLD,
	/** An SLO burning its error budget too fast (evaluated by the SLO module). */
	SLO_BURN_RATE;

	/**
	 * The wire name.
	 * @return the lower-case name, e.g. {@code any_occurrence}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the condition is about single occurrences, evaluated every second.
	 * @return {@code true} for any occurrence, new fingerprint and regression
	 */
	public boolean occurrenceBased() {
		return this == ANY_OCCURRENCE || this == NEW_FINGERPRINT || this == REGRESSION;
	}

	/**
	 * Whether the condition reads a threshold: a count, a value, or (optionally) a burn
	 * rate.
	 * @return {@code true} for count in window, metric threshold and SLO burn rate
	 */
	public boolean usesThreshold() {
		return this == COUNT_IN_WINDOW || this == METRIC_THRESHOLD || this == SLO_BURN_RATE;
	}

	/**
	 * Whether the condition reads a window: the occurrence conditions' look-back and
	 * count in window's span.
	 * @return {@code false} for metric threshold and SLO burn rate
	 */
	public boolean usesWindow() {
		return this != METRIC_THRESHOLD && this != SLO_BURN_RATE;
	}

	/**
	 * The type with a wire name.
	 * @param id the wire name
	 * @return the type, or empty for an unknown name
	 */
	public static Optional<ConditionType> fromId(String id) {
		for (ConditionType type : values()) {
			if (type.id().equals(id)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
