package io.panicboard.incident;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One incident with its timeline, fingerprint components, top versions and instances and
 * hourly counts.
 *
 * @param incident the incident as in the list
 * @param fingerprintComponents the fingerprint's components, as JSON
 * @param mergedFrom the incidents merged into this one
 * @param versions its versions
 * @param instances its instances
 * @param counts its occurrences of the last 24 hours and 7 days
 * @param timeline its newest timeline entries (deploys included), oldest first
 * @param timelineOmitted how many older entries (deploys included) the timeline leaves
 * out
 */
record IncidentDetail(@JsonUnwrapped IncidentSummary incident, @JsonRawValue String fingerprintComponents,
		List<Long> mergedFrom, Distinct versions, Distinct instances, Counts counts, List<TimelineItem> timeline,
		long timelineOmitted) {

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
