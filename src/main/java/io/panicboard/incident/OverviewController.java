package io.panicboard.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panicboard.system.StackedBarChart;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overview: a tile per service, crashes over time by kind, and the newest and the
 * noisiest incidents. Everything comes from incidents and their hourly rollups.
 */
@Controller
class OverviewController {

	static final int LIST_SIZE = 10;

	static final int MAX_DEPLOYS = 1_000;

	private final DashboardQueries dashboard;

	private final MessageSource messages;

	private final Clock clock;

	private final ZoneId zone;

	OverviewController(DashboardQueries dashboard, MessageSource messages, Clock clock, PageTimes times) {
		this.dashboard = dashboard;
		this.messages = messages;
		this.clock = clock;
		this.zone = times.zoneId();
	}

	@GetMapping("/")
	String overview(@RequestParam(required = false) String range, Model model, Locale locale) {
		if (!this.dashboard.anyIncidents()) {
			model.addAttribute("overview", OverviewPage.EMPTY);
			model.addAttribute("firstCrash", FirstCrash.forCurrentRequest());
			return "incident/overview";
		}
		Instant now = this.clock.instant();
		List<ServiceTile> tiles = ServiceTile.of(this.dashboard.services(), this.dashboard.openBySeverity(),
				this.dashboard.crashesPerService(now), this.dashboard.lastCrashPerService(), now, this.zone);
		CrashChart.Range chartRange = CrashChart.Range.of(range);
		Instant from = chartRange.start(now, this.zone);
		Instant to = chartRange.end(now, this.zone);
		StackedBarChart chart = CrashChart.of(chartRange, now, this.zone, this.dashboard.crashesByKind(from, to),
				this.dashboard.deploys(from, to, MAX_DEPLOYS),
				this.messages.getMessage("overview.chart.otherKinds", null, locale),
				(n) -> this.messages.getMessage("overview.chart.deploys", new Object[] { n }, locale));
		List<IncidentSummary> newest = this.dashboard.newest(LIST_SIZE);
		List<IncidentSummary> noisiest = this.dashboard.noisiest(now, LIST_SIZE);
		List<Long> ids = new ArrayList<>();
		newest.forEach((i) -> ids.add(i.id()));
		noisiest.forEach((i) -> ids.add(i.id()));
		Map<Long, long[]> hourly = this.dashboard.last24Hours(ids, now);
		model.addAttribute("overview", new OverviewPage(true, tiles, chartRange.id(), chart,
				rows(newest, hourly, now, this.zone), rows(noisiest, hourly, now, this.zone)));
		return "incident/overview";
	}

	private static List<IncidentRow> rows(List<IncidentSummary> incidents, Map<Long, long[]> hourly, Instant now,
			ZoneId zone) {
		return incidents.stream().map((i) -> IncidentRow.of(i, hourly.get(i.id()), now, zone)).toList();
	}

	/**
	 * The overview as the page shows it.
	 *
	 * @param anyIncidents whether there is any incident at all (else: how to send one)
	 * @param tiles one per service, busiest first
	 * @param range the chart's range, {@code 24h} or {@code 7d}
	 * @param chart crashes per bucket, stacked by kind, with deploys
	 * @param newest the incidents first seen most recently
	 * @param noisiest the incidents with the most crashes in the last 24 hours
	 */
	record OverviewPage(boolean anyIncidents, List<ServiceTile> tiles, String range, StackedBarChart chart,
			List<IncidentRow> newest, List<IncidentRow> noisiest) {

		static final OverviewPage EMPTY = new OverviewPage(false, List.of(), CrashChart.Range.DAY.id(), null, List.of(),
				List.of());

	}

}
