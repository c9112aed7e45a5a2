package io.panicboard.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence: alerts whose labels match every matcher are not notified between
 * {@code startsAt} and {@code endsAt}; they are still evaluated and shown.
 *
 * @param id the id
 * @param matchers the matchers, all of which must match
 * @param startsAt when it starts
 * @param endsAt when it ends
 * @param createdBy who created it
 * @param comment why
 * @param createdAt when it was created
 */
public record Silence(long id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
		String comment, Instant createdAt) {

	/**
	 * Whether the silence is in force at a time.
	 * @param now the time
	 * @return whether it started and has not ended
	 */
	public boolean activeAt(Instant now) {
		return !now.isBefore(this.startsAt) && now.isBefore(this.endsAt);
	}

	/**
	 * Whether the silence covers an alert's labels.
	 * @param labels the labels
	 * @return whether every matcher matches
	 */
	public boolean matches(Map<String, String> labels) {
		return this.matchers.stream().allMatch((matcher) -> matcher.matches(labels));
	}

	/**
	 * The state, as in Alertmanager.
	 * @param now the time
	 * @return {@code pending}, {@code active} or {@code expired}
	 */
	public String state(Instant now) {
		return now.isBefore(this.startsAt) ? "pending" : activeAt(now) ? "active" : "expired";
	}

}
