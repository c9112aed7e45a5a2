package io.panicboard.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;
import io.panicboard.incident.IncidentListQuery.Notice;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incident list page: filters, order and page all in the URL; a 24-hour sparkline per
 * row from the hourly rollups.
 */
@Controller
class IncidentListController {

	static final int PAGE_SIZE = 50;

	private final IncidentQueries incidents;

	private final DashboardQueries dashboard;

	private final Clock clock;

	private final PageTimes times;

	IncidentListController(IncidentQueries incidents, DashboardQueries dashboard, Clock clock, PageTimes times) {
		this.incidents = incidents;
		this.dashboard = dashboard;
		this.clock = clock;
		this.times = times;
	}

	@GetMapping(IncidentListQuery.PATH)
	String list(@RequestParam(required = false) String service, @RequestParam(required = false) String environment,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String status,
			@RequestParam(required = false) String severity, @RequestParam(required = false) String range,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String page, Model model) {
		Instant now = this.clock.instant();
		IncidentListQuery query = IncidentListQuery.parse(service, environment, kind, status, severity, range, q, sort,
				page);
		PageOf<IncidentSummary> found = this.incidents.search(query.filter(now, PAGE_SIZE));
		int pages = Pager.pages(found.total(), PAGE_SIZE);
		if (query.page() > pages) {
			query = query.withPage(pages);
			found = this.incidents.search(query.filter(now, PAGE_SIZE));
		}
		Map<Long, long[]> hourly = this.dashboard.last24Hours(found.items().stream().map(IncidentSummary::id).toList(),
				now);
		List<IncidentRow> rows = found.items()
			.stream()
			.map((incident) -> IncidentRow.of(incident, hourly.get(incident.id()), now, this.times.zoneId()))
			.toList();
		Options options = new Options(this.dashboard.services(), this.dashboard.environments());
		IncidentListQuery shown = query;
		Pager pager = Pager.of(query.page(), PAGE_SIZE, found.total(), (n) -> shown.withPage(n).url());
		boolean anyIncidents = found.total() > 0 || this.dashboard.anyIncidents();
		model.addAttribute("page", new IncidentListPage(query, rows, pager, options, notices(query, options),
				anyIncidents, query.clearedUrl()));
		if (!anyIncidents) {
			model.addAttribute("firstCrash", FirstCrash.forCurrentRequest());
		}
		return "incident/incidents";
	}

	private static List<Notice> notices(IncidentListQuery query, Options options) {
		List<Notice> notices = new ArrayList<>(query.notices());
		if (query.service() != null && !options.services().contains(query.service())) {
			notices.add(Notice.of("incidents.notice.service", query.service()));
		}
		if (query.environment() != null && !options.environments().contains(query.environment())) {
			notices.add(Notice.of("incidents.notice.environment", query.environment()));
		}
		return notices;
	}

	/**
	 * The incident list as the page shows it.
	 *
	 * @param query the filters, order and page of the URL
	 * @param rows the incidents of the page
	 * @param pager links to the other pages
	 * @param options the choices of the filter form
	 * @param notices parts of the URL that were left out or match nothing, and why
	 * @param anyIncidents whether there is any incident at all (else: how to send one)
	 * @param clearUrl the list without filters
	 */
	record IncidentListPage(IncidentListQuery query, List<IncidentRow> rows, Pager pager, Options options,
			List<Notice> notices, boolean anyIncidents, String clearUrl) {

	}

	/**
	 * The choices of the filter form; its methods are public for the template.
	 *
	 * @param services every service
	 * @param environments every environment with incidents
	 */
	record Options(List<String> services, List<String> environments) {

		public List<String> kinds() {
			return Arrays.stream(Kind.values()).filter((k) -> k != Kind.GCTRACE).map(Kind::id).toList();
		}

		public List<String> statuses() {
			return List.of("open", "acknowledged", "resolved", "muted");
		}

		public List<String> severities() {
			return Arrays.stream(Severity.values()).map(Severity::id).toList();
		}

		public List<String> ranges() {
			return Arrays.stream(TimeRange.values()).map(TimeRange::id).toList();
		}

		public List<String> sorts() {
			return List.of("lastSeen", "count", "firstSeen");
		}

	}

}
