package io.panicboard.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.panicboard.system.Sparkline;
import io.panicboard.system.StackedBarChart;

/**
 * The weekly review of one ISO week for all services, a team or a service. Also the JSON
 * export ({@code format=json}); see {@code docs/review.md} for each figure's definition.
 *
 * @param week the ISO week, e.g. {@code 2026-W47}
 * @param days its first and last day
 * @param zone the zone the week's days are in
 * @param start the week's start (Monday 00:00 in the zone)
 * @param end the next week's start
 * @param complete whether the week has ended
 * @param team the team, or {@code null}
 * @param service the service, or {@code null}
 * @param generatedAt when the report was made
 * @param headline the headline figures against the week before
 * @param topByOccurrences incidents with the most crashes in the week
 * @param topByInstances incidents that hit the most instances in the week
 * @param hotspotFunctions memory-safety crashes by family and culprit function
 * @param hotspotFiles memory-safety crashes by family and culprit file
 * @param openMapRaces map-related races from CI or staging that are open at the week's
 * end
 * @param raceLinks production concurrent-map crashes in the function of an earlier race
 * @param techDebt incidents marked as tech debt
 * @param wontFix incidents marked "won't fix"
 * @param trend crashes by kind in the eight weeks up to this one
 * @param incidents every incident the week concerns (the CSV's rows)
 */
record WeeklyReport(String week, String days, String zone, Instant start, Instant end, boolean complete, String team,
		String service, Instant generatedAt, Headline headline, List<TopIncident> topByOccurrences,
		List<TopIncident> topByInstances, List<Hotspot> hotspotFunctions, List<Hotspot> hotspotFiles,
		List<IncidentLine> openMapRaces, List<RaceLink> raceLinks, List<DebtItem> techDebt, List<IncidentLine> wontFix,
		Trend trend, List<IncidentLine> incidents) {

	/**
	 * The headline figures of the week and of the week before.
	 *
	 * @param current this week
	 * @param previous the week before
	 * @param slo SLO compliance of this week, or {@code null} when no SLO is defined
	 * @param previousSlo SLO compliance of the week before, or {@code null}
	 */
	record Headline(Figures current, Figures previous, SloCompliance.Figure slo, SloCompliance.Figure previousSlo) {

	}

	/**
	 * The figures of one week. Durations are in seconds; {@code null} when the week had
	 * no sample.
	 *
	 * @param crashes crash and race reports received
	 * @param newIncidents incidents first seen
	 * @param regressions resolved incidents seen again
	 * @param resolved resolutions
	 * @param stillOpen incidents open (open, acknowledged or muted) at the week's end
	 * @param openMedianAgeSeconds median age of those, since first seen
	 * @param openOldestAgeSeconds age of the oldest of those
	 * @param acknowledgements acknowledgements (the MTTA samples)
	 * @param mttaMedianSeconds median time to acknowledge
	 * @param mttaP90Seconds 90th percentile of the time to acknowledge
	 * @param resolutions resolutions with a time to resolve (the MTTR samples)
	 * @param mttrMedianSeconds median time to resolve
	 * @param mttrP90Seconds 90th percentile of the time to resolve
	 */
	record Figures(long crashes, long newIncidents, long regressions, long resolved, long stillOpen,
			Double openMedianAgeSeconds, Double openOldestAgeSeconds, long acknowledgements, Double mttaMedianSeconds,
			Double mttaP90Seconds, long resolutions, Double mttrMedianSeconds, Double mttrP90Seconds) {

	}

	/**
	 * One incident of a top list.
	 *
	 * @param incident the incident's facts
	 * @param weekly crashes per week, oldest first, the report's week last (8 values)
	 * @param sparkline the weekly crashes drawn
	 */
	record TopIncident(IncidentLine incident, long[] weekly, Sparkline sparkline) {

	}

	/**
	 * Memory-safety crashes of one family in one function or file, across services.
	 *
	 * @param family the kind family, e.g. {@code concurrent_map_access}
	 * @param location the culprit function or file
	 * @param crashes crashes in the week
	 * @param incidents incidents with crashes there
	 * @param services the services they belong to
	 */
	record Hotspot(String family, String location, long crashes, int incidents, List<String> services) {

	}

	/**
	 * A production concurrent-map crash in the function of an earlier race report.
	 *
	 * @param crash the crash's incident
	 * @param raceId the race's incident
	 * @param raceEnvironment where the race was reported
	 * @param raceFirstSeen when it was first reported
	 * @param raceStatus its status now
	 */
	record RaceLink(IncidentLine crash, long raceId, String raceEnvironment, Instant raceFirstSeen, String raceStatus) {

	}

	/**
	 * A tech-debt item and how it moved since the week before.
	 *
	 * @param incident the incident (with owner, due date and ticket)
	 * @param crashesBefore crashes in the week before
	 * @param wasOpen whether it was open at the end of the week before
	 * @param overdue whether its due date has passed while it is still open
	 * @param movement how it moved: {@code new}, {@code better}, {@code worse},
	 * {@code same}, {@code resolved} or {@code regressed}
	 */
	record DebtItem(IncidentLine incident, long crashesBefore, boolean wasOpen, boolean overdue, String movement) {

	}

	/**
	 * Crashes by kind per week.
	 *
	 * @param weeks the ISO weeks, oldest first
	 * @param weekStarts their starts
	 * @param kinds kinds with their weekly counts, most crashes first
	 * @param chart the chart
	 */
	record Trend(List<String> weeks, List<Instant> weekStarts, List<KindCounts> kinds, StackedBarChart chart) {

	}

	/**
	 * Weekly crashes of one kind.
	 *
	 * @param kind the kind
	 * @param counts per week, oldest first
	 */
	record KindCounts(String kind, long[] counts) {

	}

	/**
	 * What the report knows about one incident: the CSV's row.
	 *
	 * @param id the incident
	 * @param service its service
	 * @param team the service's team, or {@code null}
	 * @param environment its environment
	 * @param type panic, fatal or race
	 * @param kind the kind
	 * @param family the kind's family
	 * @param severity the severity
	 * @param status the status now
	 * @param title the title
	 * @param culpritFunction the culprit function, or {@code null}
	 * @param culpritFile the culprit file, or {@code null}
	 * @param mapRelated whether it comes from the map implementation
	 * @param firstSeen first seen
	 * @param lastSeen last seen
	 * @param crashes crashes in the week
	 * @param crashesBefore crashes in the week before
	 * @param instances instances affected in the week
	 * @param newThisWeek first seen in the week
	 * @param regressions regressions in the week
	 * @param acknowledgements acknowledgements in the week
	 * @param resolutions resolutions in the week
	 * @param openAtEnd open at the week's end
	 * @param openAgeSeconds age at the week's end when open, else {@code null}
	 * @param decision {@code tech_debt}, {@code wont_fix} or {@code null}
	 * @param owner the tech debt's owner
	 * @param dueDate its due date
	 * @param ticketUrl its ticket
	 * @param reason why it will not be fixed
	 * @param decidedBy who decided
	 * @param decidedAt when
	 */
	record IncidentLine(long id, String service, String team, String environment, String type, String kind,
			String family, String severity, String status, String title, String culpritFunction, String culpritFile,
			boolean mapRelated, Instant firstSeen, Instant lastSeen, long crashes, long crashesBefore, long instances,
			boolean newThisWeek, long regressions, long acknowledgements, long resolutions, boolean openAtEnd,
			Long openAgeSeconds, String decision, String owner, LocalDate dueDate, String ticketUrl, String reason,
			String decidedBy, Instant decidedAt) {

	}

}
