package io.panicboard.review;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.panicboard.analysis.KindFamily;
import io.panicboard.review.ReviewQueries.ResponseTimes;
import io.panicboard.review.WeeklyReport.DebtItem;
import io.panicboard.review.WeeklyReport.Figures;
import io.panicboard.review.WeeklyReport.Headline;
import io.panicboard.review.WeeklyReport.Hotspot;
import io.panicboard.review.WeeklyReport.IncidentLine;
import io.panicboard.review.WeeklyReport.KindCounts;
import io.panicboard.review.WeeklyReport.RaceLink;
import io.panicboard.review.WeeklyReport.TopIncident;
import io.panicboard.review.WeeklyReport.Trend;
import io.panicboard.system.Sparkline;
import io.panicboard.system.StackedBarChart;
import io.panicboard.system.StackedBarChart.SeriesValues;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the weekly review of a week and scope.
 */
@Service
@Transactional(readOnly = true)
class WeeklyReports {

	static final int TREND_WEEKS = 8;

	private static final int HOTSPOTS_PER_FAMILY = 5;

	private static final int TREND_SERIES = 7;

	private final ReviewQueries queries;

	private final SloCompliance slos;

	private final ReviewProperties properties;

	private final Clock clock;

	private final ZoneId zone;

	WeeklyReports(ReviewQueries queries, SloCompliance slos, ReviewProperties properties, Clock clock,
			@Value("${panicboard.pages.zone:UTC}") ZoneId zone) {
		this.queries = queries;
		this.slos = slos;
		this.properties = properties;
		this.clock = clock;
		this.zone = zone;
	}

	ZoneId zone() {
		return this.zone;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * The last week that has ended, in the configured zone.
	 * @return the week
	 */
	ReportWeek lastCompleteWeek() {
		return ReportWeek.lastComplete(this.clock.instant(), this.zone);
	}

	/**
	 * Checks a request's parameters.
	 * @param week the week's name, or {@code null} for the last complete week
	 * @return the week
	 * @throws InvalidReportRequest for a week that is malformed, before 1970-W01 or has
	 * not started, both a team and a service, or an unknown team or service
	 */
	ReportWeek week(String week) {
		if (week == null || week.isBlank()) {
			return lastCompleteWeek();
		}
		ReportWeek parsed = ReportWeek.parse(week, this.zone)
			.orElseThrow(() -> new InvalidReportRequest("week", "review.error.week", week));
		if (parsed.beforeFirst()) {
			throw new InvalidReportRequest("week", "review.error.tooEarly", week.trim());
		}
		if (parsed.start().isAfter(this.clock.instant())) {
			throw new InvalidReportRequest("week", "review.error.future", parsed.id());
		}
		return parsed;
	}

	ReportScope scope(String team, String service) {
		requireNoNul("team", team);
		requireNoNul("service", service);
		ReportScope scope = new ReportScope(team, service);
		if (scope.team() != null && scope.service() != null) {
			throw new InvalidReportRequest("team", "review.error.teamAndService", scope.team());
		}
		if (scope.service() != null && !this.queries.serviceExists(scope.service())) {
			throw new InvalidReportRequest("service", "review.error.service", scope.service());
		}
		if (scope.team() != null && !this.queries.teamExists(scope.team())) {
			throw new InvalidReportRequest("team", "review.error.team", scope.team());
		}
		return scope;
	}

	/**
	 * PostgreSQL's text cannot hold NUL ({@code %00}): compared with a column, it fails
	 * the query. The value is given with NUL shown as U+2400.
	 */
	private static void requireNoNul(String parameter, String value) {
		if (value != null && value.indexOf('\0') >= 0) {
			throw new InvalidReportRequest(parameter, "review.error.nul", value.replace('\0', '\u2400'));
		}
	}

	List<String> teams() {
		return this.queries.teams();
	}

	List<String> services() {
		return this.queries.services();
	}

	WeeklyReport report(ReportWeek week, ReportScope scope) {
		Instant now = this.clock.instant();
		// the week still running is measured up to now, not to its end
		Instant asOf = week.endsAfter(now) ? now : week.end();
		List<IncidentLine> lines = this.queries.lines(scope, week, asOf);
		List<IncidentLine> previousLines = this.queries.lines(scope, week.previous(), week.previous().end());
		ReportWeek first = week.plus(1 - TREND_WEEKS);
		Map<String, long[]> byKind = this.queries.weeklyCrashesByKind(scope, first, TREND_WEEKS);
		Map<String, Map<Boolean, ResponseTimes>> times = this.queries.responseTimes(scope, week);
		Headline headline = new Headline(figures(lines, byKind, TREND_WEEKS - 1, times, true),
				figures(previousLines, byKind, TREND_WEEKS - 2, times, false),
				this.slos.of(scope, week.start(), week.end()).orElse(null),
				this.slos.of(scope, week.previous().start(), week.previous().end()).orElse(null));
		List<IncidentLine> byOccurrences = top(lines, IncidentLine::crashes);
		List<IncidentLine> byInstances = top(lines, IncidentLine::instances);
		List<Long> sparklineIds = new ArrayList<>(ReviewQueries.ids(byOccurrences));
		sparklineIds.addAll(ReviewQueries.ids(byInstances));
		Map<Long, long[]> weekly = this.queries.weeklyCrashesOf(new TreeSet<>(sparklineIds), first, TREND_WEEKS);
		return new WeeklyReport(week.id(), week.days(), this.zone.getId(), week.start(), week.end(),
				!week.endsAfter(this.clock.instant()), scope.team(), scope.service(), this.clock.instant(), headline,
				withSparklines(byOccurrences, weekly), withSparklines(byInstances, weekly),
				hotspots(lines, IncidentLine::culpritFunction), hotspots(lines, IncidentLine::culpritFile),
				openMapRaces(lines), raceLinks(lines), techDebt(lines, previousLines, week, asOf),
				decided(lines, "wont_fix"), trend(first, byKind), lines);
	}

	private Figures figures(List<IncidentLine> lines, Map<String, long[]> byKind, int weekIndex,
			Map<String, Map<Boolean, ResponseTimes>> times, boolean current) {
		long crashes = 0;
		for (long[] counts : byKind.values()) {
			crashes += counts[weekIndex];
		}
		long newIncidents = 0;
		long regressions = 0;
		long resolved = 0;
		List<Long> ages = new ArrayList<>();
		for (IncidentLine line : lines) {
			newIncidents += line.newThisWeek() ? 1 : 0;
			regressions += line.regressions();
			resolved += line.resolutions();
			if (line.openAtEnd()) {
				ages.add(line.openAgeSeconds());
			}
		}
		ages.sort(null);
		ResponseTimes mtta = times.getOrDefault("acknowledged", Map.of())
			.getOrDefault(current, new ResponseTimes(0, null, null));
		ResponseTimes mttr = times.getOrDefault("resolved", Map.of())
			.getOrDefault(current, new ResponseTimes(0, null, null));
		return new Figures(crashes, newIncidents, regressions, resolved, ages.size(), median(ages),
				ages.isEmpty() ? null : (double) ages.get(ages.size() - 1), mtta.samples(), mtta.median(), mtta.p90(),
				mttr.samples(), mttr.median(), mttr.p90());
	}

	/** The median of sorted values, the mean of the middle two for an even count. */
	static Double median(List<Long> sorted) {
		int n = sorted.size();
		if (n == 0) {
			return null;
		}
		return (n % 2 == 1) ? (double) sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

	private List<IncidentLine> top(List<IncidentLine> lines, Function<IncidentLine, Long> by) {
		return lines.stream()
			.filter((line) -> by.apply(line) > 0)
			.sorted(Comparator.comparing(by).reversed().thenComparing(IncidentLine::id))
			.limit(this.properties.top())
			.toList();
	}

	private static List<TopIncident> withSparklines(List<IncidentLine> lines, Map<Long, long[]> weekly) {
		List<TopIncident> top = new ArrayList<>(lines.size());
		for (IncidentLine line : lines) {
			long[] counts = weekly.getOrDefault(line.id(), new long[TREND_WEEKS]);
			top.add(new TopIncident(line, counts, Sparkline.of(counts)));
		}
		return top;
	}

	private static List<Hotspot> hotspots(List<IncidentLine> lines, Function<IncidentLine, String> location) {
		Map<String, Map<String, List<IncidentLine>>> byFamily = new LinkedHashMap<>();
		for (KindFamily family : KindFamily.values()) {
			if (family.memorySafety()) {
				byFamily.put(family.id(), new HashMap<>());
			}
		}
		for (IncidentLine line : lines) {
			Map<String, List<IncidentLine>> family = byFamily.get(line.family());
			String at = location.apply(line);
			if (family != null && at != null && !at.isBlank() && line.crashes() > 0) {
				family.computeIfAbsent(at, (k) -> new ArrayList<>()).add(line);
			}
		}
		List<Hotspot> hotspots = new ArrayList<>();
		byFamily.forEach((family, places) -> places.entrySet()
			.stream()
			.map((place) -> hotspot(family, place.getKey(), place.getValue()))
			.sorted(Comparator.comparingLong(Hotspot::crashes).reversed().thenComparing(Hotspot::location))
			.limit(HOTSPOTS_PER_FAMILY)
			.forEach(hotspots::add));
		return hotspots;
	}

	private static Hotspot hotspot(String family, String location, List<IncidentLine> lines) {
		long crashes = 0;
		TreeSet<String> services = new TreeSet<>();
		for (IncidentLine line : lines) {
			crashes += line.crashes();
			services.add(line.service());
		}
		return new Hotspot(family, location, crashes, lines.size(), List.copyOf(services));
	}

	private List<IncidentLine> openMapRaces(List<IncidentLine> lines) {
		return lines.stream()
			.filter((line) -> "race".equals(line.type()) && line.mapRelated() && line.openAtEnd()
					&& this.properties.raceEnvironments().contains(line.environment()))
			.sorted(Comparator.comparing(IncidentLine::firstSeen).thenComparing(IncidentLine::id))
			.toList();
	}

	private List<RaceLink> raceLinks(List<IncidentLine> lines) {
		Map<Long, IncidentLine> crashes = new LinkedHashMap<>();
		for (IncidentLine line : lines) {
			if (line.crashes() > 0 && line.kind().startsWith("concurrent_map_")
					&& this.properties.productionEnvironment().equals(line.environment())
					&& line.culpritFunction() != null) {
				crashes.put(line.id(), line);
			}
		}
		List<RaceLink> links = new ArrayList<>();
		for (ReviewQueries.EarlierRace race : this.queries.earlierRaces(crashes.keySet(),
				this.properties.raceEnvironments())) {
			links.add(new RaceLink(crashes.get(race.crash()), race.race(), race.environment(), race.firstSeen(),
					race.status()));
		}
		return links;
	}

	private List<DebtItem> techDebt(List<IncidentLine> lines, List<IncidentLine> previousLines, ReportWeek week,
			Instant asOf) {
		// due on a day before the one the week is measured to (the Monday after a whole
		// week)
		LocalDate measuredOn = LocalDate.ofInstant(asOf, this.zone);
		Map<Long, IncidentLine> before = new HashMap<>();
		previousLines.forEach((line) -> before.put(line.id(), line));
		List<DebtItem> items = new ArrayList<>();
		for (IncidentLine line : decided(lines, "tech_debt")) {
			IncidentLine previous = before.get(line.id());
			boolean wasOpen = previous != null && previous.openAtEnd();
			boolean overdue = line.openAtEnd() && line.dueDate() != null && line.dueDate().isBefore(measuredOn);
			items.add(new DebtItem(line, line.crashesBefore(), wasOpen, overdue, movement(line, previous, week)));
		}
		items.sort(Comparator
			.comparing((DebtItem item) -> item.incident().dueDate(), Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing((item) -> item.incident().id()));
		return items;
	}

	private static String movement(IncidentLine line, IncidentLine previous, ReportWeek week) {
		Instant decided = line.decidedAt();
		if (decided != null && !decided.isBefore(week.start()) && decided.isBefore(week.end())) {
			return "new";
		}
		boolean wasOpen = previous != null && previous.openAtEnd();
		if (wasOpen && !line.openAtEnd()) {
			return "resolved";
		}
		if (!wasOpen && line.openAtEnd() && previous != null) {
			return "regressed";
		}
		if (line.crashes() < line.crashesBefore()) {
			return "better";
		}
		if (line.crashes() > line.crashesBefore()) {
			return "worse";
		}
		return "same";
	}

	private static List<IncidentLine> decided(List<IncidentLine> lines, String decision) {
		return lines.stream().filter((line) -> decision.equals(line.decision())).toList();
	}

	private Trend trend(ReportWeek first, Map<String, long[]> byKind) {
		List<String> weeks = new ArrayList<>();
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < TREND_WEEKS; i++) {
			weeks.add(first.plus(i).id());
			starts.add(first.plus(i).start());
		}
		List<KindCounts> kinds = new ArrayList<>();
		byKind.forEach((kind, counts) -> kinds.add(new KindCounts(kind, counts)));
		kinds.sort(Comparator.comparingLong((KindCounts k) -> -sum(k.counts())).thenComparing(KindCounts::kind));
		List<SeriesValues> series = new ArrayList<>();
		long[] other = new long[TREND_WEEKS];
		for (int i = 0; i < kinds.size(); i++) {
			if (i < TREND_SERIES || kinds.size() == TREND_SERIES + 1) {
				series.add(new SeriesValues(kinds.get(i).kind(), kinds.get(i).counts()));
			}
			else {
				for (int w = 0; w < TREND_WEEKS; w++) {
					other[w] += kinds.get(i).counts()[w];
				}
			}
		}
		if (sum(other) > 0) {
			series.add(new SeriesValues("other", other));
		}
		return new Trend(weeks, starts, kinds,
				StackedBarChart.of(starts, 7 * 24 * 3600L, series, List.of(), this.zone));
	}

	private static long sum(long[] values) {
		long sum = 0;
		for (long v : values) {
			sum += v;
		}
		return sum;
	}

}
