package io.panicboard.incident;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One incident with its timeline, fingerprint components, top versions and instances and
 * hourly counts.
 */
record IncidentDetail(@JsonUnwrapped IncidentSummary incident, @JsonRawValue String fingerprintComponents,
		List<Long> mergedFrom, Distinct versions, Distinct instances, Counts counts, List<TimelineItem> timeline) {

	/**
	 * Distinct values and the most frequent ones.
	 */
	record Distinct(long distinct, List<ValueCount> top) {

	}

	record ValueCount(String value, long count, Instant firstSeen, Instant lastSeen) {

	}

	/**
	 * Occurrences in the last 24 hours and 7 days, and the non-empty hourly buckets of
	 * the last 7 days, oldest first.
	 */
	record Counts(long last24h, long last7d, List<HourCount> hourly) {

	}

	record HourCount(Instant hour, long count) {

	}

	/**
	 * A timeline entry; deploys of the service and environment appear with type
	 * {@code deploy}.
	 */
	record TimelineItem(Instant at, String type, String actor, @JsonRawValue String detail) {

	}

}
