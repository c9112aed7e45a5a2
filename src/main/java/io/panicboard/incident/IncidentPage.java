package io.panicboard.incident;

import java.util.List;

import io.panicboard.incident.IncidentPageQueries.OccurrenceRow;
import io.panicboard.incident.IncidentPageQueries.StoredOccurrence;
import io.panicboard.system.StackedBarChart;

/**
 * Everything the incident page shows.
 *
 * @param detail the incident with counts, versions, instances and merges
 * @param kind the kind with its explanation and fix
 * @param chart occurrences per hour with deploy markers
 * @param chartFrom the start of the chart, as shown
 * @param chartTo the end of the chart, as shown
 * @param whyGrouped the fingerprint components in words
 * @param timeline the timeline in words, oldest first
 * @param shown the occurrence whose trace is shown, or {@code null} when none is stored
 * @param finding the analysed trace of that occurrence, or {@code null} when its text
 * holds no crash or race (any more)
 * @param occurrences a page of occurrences, newest first
 * @param pages how many pages of occurrences there are
 * @param actions the actions the incident's state allows
 * @param oomTrend the heap before the shown crash, only for out-of-memory incidents (else
 * {@code null})
 */
record IncidentPage(IncidentDetail detail, KindView kind, StackedBarChart chart, String chartFrom, String chartTo,
		List<String> whyGrouped, List<TimelineEntryView> timeline, StoredOccurrence shown, FindingView finding,
		PageOf<OccurrenceRow> occurrences, int pages, Actions actions, OomTrend oomTrend) {

	IncidentSummary incident() {
		return this.detail.incident();
	}

	/**
	 * Which actions fit the incident's state (the lifecycle decides again).
	 *
	 * @param acknowledge open
	 * @param resolve open, acknowledged or muted
	 * @param mute open, acknowledged or muted
	 * @param reopen acknowledged, resolved or muted
	 * @param merge not merged, and nothing merged into it
	 * @param unmerge merged into another
	 */
	record Actions(boolean acknowledge, boolean resolve, boolean mute, boolean reopen, boolean merge, boolean unmerge) {

		static Actions of(IncidentDetail detail) {
			IncidentSummary incident = detail.incident();
			if (incident.mergedInto() != null) {
				return new Actions(false, false, false, false, false, true);
			}
			String status = incident.status();
			boolean live = status.equals("open") || status.equals("acknowledged") || status.equals("muted");
			return new Actions(status.equals("open"), live, live, !status.equals("open"), detail.mergedFrom().isEmpty(),
					false);
		}

	}

}
