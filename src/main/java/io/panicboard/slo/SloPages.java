package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.system.ChartJson;
import io.panicboard.system.LineChart;
import io.panicboard.system.LineChart.SeriesValues;
import io.panicboard.system.LineChart.Unit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the SLO pages' view models.
 */
@Component
class SloPages {

	private static final int BURN_HOURS = 72;

	private final SliQueries queries;

	private final SloEvaluator evaluator;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	SloPages(SliQueries queries, SloEvaluator evaluator, JdbcClient jdbc,
			@Value("${panicboard.pages.zone:UTC}") ZoneId zone) {
		this.queries = queries;
		this.evaluator = evaluator;
		this.jdbc = jdbc;
		this.zone = zone;
	}

	List<SloRow> list(List<Slo> slos, Instant now) {
		return slos.stream().map((slo) -> SloRow.of(this.evaluator.evaluate(slo, now))).toList();
	}

	SloDetail detail(Slo slo, Instant now) {
		SloStatus status = this.evaluator.evaluate(slo, now);
		Instant at = status.at();
		return new SloDetail(SloRow.of(status), SloDocuments.toDocument(slo), Gauge.of(status.budget()),
				burnRateChart(slo, at), consumptionChart(slo, status), conditions(status), burnRates(status),
				incidents(slo, status.window()));
	}

	/** The 1 h burn rate, hour by hour over the last three days. */
	private LineChart burnRateChart(Slo slo, Instant at) {
		Instant end = at.truncatedTo(ChronoUnit.HOURS);
		List<Instant> starts = new ArrayList<>();
		List<TimeRange> ranges = new ArrayList<>();
		for (int i = BURN_HOURS; i > 0; i--) {
			Instant start = end.minus(Duration.ofHours(i));
			starts.add(start);
			ranges.add(new TimeRange(start, start.plus(Duration.ofHours(1))));
		}
		List<Events> events = this.queries.count(slo, ranges);
		double window = slo.window().length(at).toSeconds();
		double[] rates = new double[events.size()];
		for (int i = 0; i < rates.length; i++) {
			rates[i] = ErrorBudget.burnRate(slo, events.get(i), 3600, window);
		}
		return LineChart.of(starts, 3600, List.of(new SeriesValues("1h", rates, true)), Unit.COUNT, List.of(),
				List.of(), this.zone);
	}

	/**
	 * The share of the budget consumed since the window's start, day by day; days start
	 * at midnight in the pages' zone.
	 */
	private LineChart consumptionChart(Slo slo, SloStatus status) {
		ZonedDateTime from = status.window().from().atZone(this.zone).toLocalDate().atStartOfDay(this.zone);
		List<Instant> starts = new ArrayList<>();
		List<TimeRange> ranges = new ArrayList<>();
		for (ZonedDateTime day = from; day.toInstant().isBefore(status.at()); day = day.plusDays(1)) {
			starts.add(day.toInstant());
			Instant end = day.plusDays(1).toInstant();
			ranges.add(new TimeRange(status.window().from(), end.isAfter(status.at()) ? status.at() : end));
		}
		if (starts.isEmpty()) {
			starts.add(from.toInstant());
			ranges.add(status.window());
		}
		List<Events> events = this.queries.count(slo, ranges);
		double total = status.budget().total();
		double[] consumed = new double[events.size()];
		for (int i = 0; i < consumed.length; i++) {
			consumed[i] = (total > 0) ? 100.0 * events.get(i).bad() / total : 0;
		}
		return LineChart.of(starts, 86400, List.of(new SeriesValues("consumed", consumed, true)), Unit.PERCENT,
				List.of(), List.of(), this.zone);
	}

	private static List<ConditionView> conditions(SloStatus status) {
		return status.conditions()
			.stream()
			.map((c) -> new ConditionView(c.condition().tier().id(), c.condition().longWindow().id(),
					c.condition().shortWindow().id(), c.factor(), c.firing()))
			.toList();
	}

	private static List<BurnRateView> burnRates(SloStatus status) {
		List<BurnRateView> views = new ArrayList<>();
		for (BurnWindow window : BurnWindow.values()) {
			Events e = status.windowEvents().get(window);
			views.add(new BurnRateView(window.id(), status.burnRates().get(window), e.bad(), e.total()));
		}
		return views;
	}

	/**
	 * The incidents whose crashes fell in the window (crash indicators), or that were
	 * resolved late or not at all (time to resolve), most first.
	 */
	private List<IncidentView> incidents(Slo slo, TimeRange window) {
		return switch (slo.indicator()) {
			case CRASH_BUDGET, CRASH_FREE_TIME -> this.jdbc.sql("""
					SELECT i.id, i.title, i.kind, i.severity, i.status, sum(h.count) AS n
					FROM incident i JOIN incident_hourly h ON h.incident_id = i.id
					WHERE i.service = ? AND i.environment = ? AND i.kind = ANY(?::text[]) AND h.hour >= ? AND h.hour < ?
					GROUP BY i.id ORDER BY n DESC, i.id LIMIT 20""")
				.params(slo.service(), slo.environment(), slo.kinds().toArray(String[]::new),
						window.from().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC),
						window.to().atOffset(ZoneOffset.UTC))
				.query((rs, n) -> new IncidentView(rs.getLong("id"), rs.getString("title"), rs.getString("kind"),
						rs.getString("severity"), rs.getString("status"), rs.getLong("n")))
				.list();
			case TIME_TO_RESOLVE -> this.jdbc.sql("""
					SELECT id, title, kind, severity, status, 1 AS n FROM incident
					WHERE service = ? AND environment = ? AND severity = ? AND merged_into IS NULL
						AND (resolved_at IS NULL OR resolved_at > first_seen + ?::interval)
						AND first_seen + ?::interval >= ? AND first_seen + ?::interval < ?
					ORDER BY first_seen DESC LIMIT 20""")
				.params(slo.service(), slo.environment(), slo.severity(), slo.resolveWithin().toSeconds() + " seconds",
						slo.resolveWithin().toSeconds() + " seconds", window.from().atOffset(ZoneOffset.UTC),
						slo.resolveWithin().toSeconds() + " seconds", window.to().atOffset(ZoneOffset.UTC))
				.query((rs, n) -> new IncidentView(rs.getLong("id"), rs.getString("title"), rs.getString("kind"),
						rs.getString("severity"), rs.getString("status"), rs.getLong("n")))
				.list();
			case GC_PAUSE -> List.of();
		};
	}

	/**
	 * One SLO in the list.
	 *
	 * @param id its id
	 * @param name its name
	 * @param service its service
	 * @param environment its environment
	 * @param indicator the indicator's id
	 * @param objective the objective as text (e.g. {@code 99.9 %} or {@code ≤ 5 crashes})
	 * @param window the window as text
	 * @param state healthy, burning or exhausted
	 * @param remainingPercent the budget left, in percent (rounded down, may be negative)
	 */
	record SloRow(long id, String name, String service, String environment, String indicator, String objective,
			String window, String state, long remainingPercent) {

		static SloRow of(SloStatus status) {
			Slo slo = status.slo();
			String objective = (slo.indicator() == Indicator.CRASH_BUDGET) ? "≤ " + slo.maxCrashes()
					: percent(slo.objective());
			String window = slo.window().rolling() ? slo.window().days() + "d" : "1M";
			return new SloRow(slo.id(), slo.name(), slo.service(), slo.environment(), slo.indicator().id(), objective,
					window, status.state().id(), status.budget().remainingPercent());
		}

		static String percent(double ratio) {
			return java.math.BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
		}

	}

	/**
	 * The detail page.
	 *
	 * @param row the SLO's summary
	 * @param document its OpenSLO document
	 * @param gauge the budget gauge
	 * @param burnRateChart the 1 h burn rate over three days
	 * @param consumptionChart the budget consumed over the window
	 * @param conditions the four burn-rate conditions now
	 * @param burnRates every window's burn rate
	 * @param incidents the incidents that consumed the budget
	 */
	record SloDetail(SloRow row, java.util.Map<String, Object> document, Gauge gauge, LineChart burnRateChart,
			LineChart consumptionChart, List<ConditionView> conditions, List<BurnRateView> burnRates,
			List<IncidentView> incidents) {

	}

	/**
	 * A burn-rate condition now.
	 *
	 * @param tier page or ticket
	 * @param longWindow its long window
	 * @param shortWindow its short window
	 * @param factor its factor
	 * @param firing whether it fires
	 */
	record ConditionView(String tier, String longWindow, String shortWindow, double factor, boolean firing) {

	}

	/**
	 * A window's burn rate.
	 *
	 * @param window the window
	 * @param rate its burn rate
	 * @param bad its bad events
	 * @param total its events
	 */
	record BurnRateView(String window, double rate, long bad, long total) {

	}

	/**
	 * An incident that consumed budget.
	 *
	 * @param id its id
	 * @param title its title
	 * @param kind its kind
	 * @param severity its severity
	 * @param status its status
	 * @param count its crashes in the window (1 for time to resolve)
	 */
	record IncidentView(long id, String title, String kind, String severity, String status, long count) {

	}

	/**
	 * A half-circle gauge of the budget left, drawn by {@code static/js/charts.js} as a
	 * half doughnut: an arc from the left end, clockwise, as long as the share left (none
	 * when exhausted).
	 *
	 * @param percent the budget left in percent as the list shows it (rounded down),
	 * clamped to 0..100
	 * @param style {@code ok}, {@code low} (under 25 %) or {@code out}
	 */
	record Gauge(long percent, String style) {

		static Gauge of(ErrorBudget budget) {
			long left = Math.max(0, Math.min(100, budget.remainingPercent()));
			String style = (budget.remainingRatio() <= 0) ? "out" : (budget.remainingRatio() < 0.25) ? "low" : "ok";
			return new Gauge(left, style);
		}

		/**
		 * The gauge as JSON, for the {@code data-chart} attribute.
		 * @return the JSON
		 */
		public String json() {
			return ChartJson.of("gauge", this);
		}

	}

}
