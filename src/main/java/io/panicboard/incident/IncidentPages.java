package io.panicboard.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.IncidentDetail.HourCount;
import io.panicboard.incident.IncidentPageQueries.Deploy;
import io.panicboard.incident.IncidentPageQueries.StoredOccurrence;
import io.panicboard.memory.HeapTrends;
import io.panicboard.memory.HeapTrends.HeapMinute;
import io.panicboard.system.LineChart;
import io.panicboard.system.StackedBarChart;
import io.panicboard.system.StackedBarChart.MarkerAt;
import io.panicboard.system.StackedBarChart.SeriesValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Assembles the incident page. The trace is never taken from the stored summary: the
 * occurrence's clean text is analysed again with the service's in-app rules, so every
 * goroutine and frame is shown as the current engine reads it.
 */
@Component
class IncidentPages {

	static final int OCCURRENCES_PER_PAGE = 20;

	private static final Duration CHART_SPAN = Duration.ofDays(7);

	private static final Duration CHART_MIN_SPAN = Duration.ofHours(24);

	/** How long the chart goes on after the last occurrence (at most until now). */
	private static final Duration CHART_AFTER_LAST = Duration.ofHours(24);

	private static final String OUT_OF_MEMORY = "out_of_memory";

	private static final Duration OOM_TREND_SPAN = Duration.ofMinutes(30);

	private final IncidentQueries queries;

	private final IncidentPageQueries pageQueries;

	private final ServiceCatalog services;

	private final TraceAnalyzer analyzer;

	private final FindingViews findings;

	private final KindGuide kinds;

	private final FingerprintComponents components;

	private final TimelineTexts timelineTexts;

	private final PageTimes times;

	private final MessageSource messages;

	private final JsonMapper json;

	private final Clock clock;

	private final HeapTrends heapTrends;

	IncidentPages(IncidentQueries queries, IncidentPageQueries pageQueries, ServiceCatalog services,
			ObjectProvider<TraceAnalyzer> analyzer, FindingViews findings, KindGuide kinds,
			FingerprintComponents components, TimelineTexts timelineTexts, PageTimes times, MessageSource messages,
			JsonMapper json, Clock clock, HeapTrends heapTrends) {
		this.queries = queries;
		this.pageQueries = pageQueries;
		this.services = services;
		this.analyzer = analyzer.getIfAvailable(TraceAnalyzer::new);
		this.findings = findings;
		this.kinds = kinds;
		this.components = components;
		this.timelineTexts = timelineTexts;
		this.times = times;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
		this.heapTrends = heapTrends;
	}

	/**
	 * The page of an incident.
	 * @param id the incident
	 * @param occurrenceId the occurrence whose trace to show, {@code null} for the one
	 * that occurred last (the one received last when that is no longer stored)
	 * @param page the page of the occurrence list, from 0
	 * @param locale for the texts
	 * @return the page, or empty when the incident, or the requested occurrence of it,
	 * does not exist
	 */
	Optional<IncidentPage> page(long id, Long occurrenceId, int page, Locale locale) {
		Optional<IncidentDetail> found = this.queries.detail(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		IncidentDetail detail = found.get();
		IncidentSummary incident = detail.incident();
		Optional<StoredOccurrence> shown = (occurrenceId != null) ? this.pageQueries.occurrence(id, occurrenceId)
				: this.pageQueries.lastOccurred(id, incident.lastSeen())
					.or(() -> this.pageQueries.occurrence(id, null));
		if (occurrenceId != null && shown.isEmpty()) {
			return Optional.empty();
		}
		ServiceInfo service = this.services.find(incident.service()).orElse(null);
		FindingView finding = shown.map((o) -> analyse(o, service, locale)).orElse(null);
		Instant chartTo = chartEnd(incident);
		Instant chartFrom = chartStart(incident, chartTo);
		PageOf<IncidentPageQueries.OccurrenceRow> occurrences = this.pageQueries.occurrences(id, Math.max(0, page),
				OCCURRENCES_PER_PAGE);
		int pages = (int) ((occurrences.total() + OCCURRENCES_PER_PAGE - 1) / OCCURRENCES_PER_PAGE);
		return Optional.of(new IncidentPage(detail, this.kinds.of(incident.kind()),
				chart(incident, chartFrom, chartTo, locale), this.times.format(chartFrom), this.times.format(chartTo),
				this.components.explain(components(detail), locale), this.timelineTexts.of(detail.timeline(), locale),
				shown.orElse(null), finding, occurrences, pages, IncidentPage.Actions.of(detail),
				oomTrend(incident, shown.orElse(null), locale)));
	}

	/**
	 * One occurrence of an incident with its text.
	 */
	Optional<StoredOccurrence> occurrence(long incidentId, long occurrenceId) {
		return this.pageQueries.occurrence(incidentId, occurrenceId);
	}

	private FindingView analyse(StoredOccurrence occurrence, ServiceInfo service, Locale locale) {
		List<String> prefixes = (service != null) ? service.inAppPrefixes() : List.of();
		List<Finding> all = this.analyzer.withInAppRules(new InAppRules(prefixes)).analyze(occurrence.text());
		Finding chosen = null;
		for (Finding finding : all) {
			if (finding.fingerprint() != null && finding.fingerprint().hash().equals(occurrence.fingerprint())) {
				chosen = finding;
				break;
			}
			if (chosen == null && finding.type() != FindingType.GC) {
				chosen = finding;
			}
		}
		if (chosen == null) {
			return null;
		}
		SourceLinks links = (service != null)
				? new SourceLinks(service.sourceLinkTemplate(), occurrence.version(), prefixes) : SourceLinks.NONE;
		return this.findings.of(chosen, links, locale);
	}

	/**
	 * The heap of the 30 minutes before the shown crash of an out-of-memory incident, per
	 * minute, with the crashed instance's own heap when it reported one.
	 */
	private OomTrend oomTrend(IncidentSummary incident, StoredOccurrence shown, Locale locale) {
		if (!OUT_OF_MEMORY.equals(incident.kind())) {
			return null;
		}
		Instant crash = (shown != null) ? shown.occurredAt() : incident.lastSeen();
		String instance = (shown != null) ? shown.instance() : null;
		Instant to = crash.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
		Instant from = to.minus(OOM_TREND_SPAN).minus(Duration.ofMinutes(1));
		List<HeapMinute> minutes = this.heapTrends.heapMinutes(incident.service(), incident.environment(), instance,
				from, to);
		int n = (int) Duration.between(from, to).toMinutes();
		List<Instant> starts = new ArrayList<>(n);
		double[] live = new double[n];
		double[] goal = new double[n];
		double[] instanceLive = new double[n];
		Arrays.fill(live, Double.NaN);
		Arrays.fill(goal, Double.NaN);
		Arrays.fill(instanceLive, Double.NaN);
		for (int i = 0; i < n; i++) {
			starts.add(from.plus(Duration.ofMinutes(i)));
		}
		boolean instanceData = false;
		for (HeapMinute minute : minutes) {
			int i = (int) Duration.between(from, minute.minute()).toMinutes();
			if (i >= 0 && i < n) {
				live[i] = (minute.heapLiveBytes() != null) ? minute.heapLiveBytes() : Double.NaN;
				goal[i] = (minute.heapGoalBytes() != null) ? minute.heapGoalBytes() : Double.NaN;
				if (minute.instanceHeapLiveBytes() != null) {
					instanceLive[i] = minute.instanceHeapLiveBytes();
					instanceData = true;
				}
			}
		}
		List<LineChart.SeriesValues> series = new ArrayList<>();
		series.add(new LineChart.SeriesValues(text("oom.live", locale), live));
		series.add(new LineChart.SeriesValues(text("oom.goal", locale), goal));
		if (instanceData) {
			series.add(new LineChart.SeriesValues(text("oom.instanceLive", locale, instance), instanceLive, true));
		}
		String crashAt = this.times.format(crash);
		LineChart chart = LineChart.of(starts, 60, series, LineChart.Unit.BYTES,
				List.of(new LineChart.MarkerAt(crash, "", text("oom.crash", locale, crashAt))), List.of(),
				this.times.zoneId());
		return new OomTrend(chart, crashAt, instance, minutes.isEmpty());
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/**
	 * The end of the incident's chart: the hour after its last occurrence's plus
	 * {@link #CHART_AFTER_LAST}, or the current hour's end if that is sooner — so that
	 * the deploy that fixed it and the quiet after it are on the chart.
	 */
	private Instant chartEnd(IncidentSummary incident) {
		Instant now = this.clock.instant();
		Instant afterLast = incident.lastSeen().plus(CHART_AFTER_LAST);
		Instant last = afterLast.isAfter(now) ? now : afterLast;
		return last.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
	}

	private static Instant chartStart(IncidentSummary incident, Instant end) {
		Instant first = incident.firstSeen().truncatedTo(ChronoUnit.HOURS);
		Instant earliest = end.minus(CHART_SPAN);
		Instant latest = end.minus(CHART_MIN_SPAN);
		if (first.isBefore(earliest)) {
			return earliest;
		}
		return first.isAfter(latest) ? latest : first;
	}

	private StackedBarChart chart(IncidentSummary incident, Instant from, Instant to, Locale locale) {
		int buckets = (int) Duration.between(from, to).toHours();
		List<Instant> starts = new ArrayList<>(buckets);
		long[] values = new long[buckets];
		for (int i = 0; i < buckets; i++) {
			starts.add(from.plus(Duration.ofHours(i)));
		}
		for (HourCount hour : this.pageQueries.hourly(incident.id(), from, to)) {
			int index = (int) Duration.between(from, hour.hour()).toHours();
			if (index >= 0 && index < buckets) {
				values[index] += hour.count();
			}
		}
		List<MarkerAt> markers = new ArrayList<>();
		for (Deploy deploy : this.pageQueries.deploys(incident.service(), incident.environment(), from, to)) {
			markers.add(new MarkerAt(deploy.at(), deploy.version()));
		}
		String series = this.messages.getMessage("incident.chart.series", null, locale);
		return StackedBarChart.of(starts, 3600, List.of(new SeriesValues(series, values)), markers,
				this.times.zoneId());
	}

	private List<String> components(IncidentDetail detail) {
		try {
			List<String> parts = new ArrayList<>();
			for (Object part : this.json.readValue(detail.fingerprintComponents(), List.class)) {
				parts.add(String.valueOf(part));
			}
			return parts;
		}
		catch (JacksonException ex) {
			return List.of();
		}
	}

}
