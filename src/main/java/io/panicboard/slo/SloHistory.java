package io.panicboard.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Whether each SLO met its objective over a past period (for example one ISO week of the
 * weekly review): an SLO met it when the period used no more than its share of the error
 * budget, that is when its burn rate over the period is at most 1. Counted from the same
 * rollups as the SLO pages. A period's share of a calendar month's budget is taken from
 * the months it falls in ({@link SloWindow#share}).
 */
@Component
public class SloHistory {

	private final SloStore store;

	private final SliQueries queries;

	SloHistory(SloStore store, SliQueries queries) {
		this.store = store;
		this.queries = queries;
	}

	/**
	 * Every SLO's compliance over a period.
	 * @param from the start, inclusive
	 * @param to the end, exclusive
	 * @return one entry per SLO
	 */
	public List<Period> over(Instant from, Instant to) {
		List<Period> periods = new ArrayList<>();
		TimeRange range = new TimeRange(from, to);
		for (Slo slo : this.store.all()) {
			Events events = this.queries.count(slo, List.of(range)).get(0);
			double burnRate = ErrorBudget.burnRate(slo, events, slo.window().share(range));
			periods.add(new Period(slo.name(), slo.service(), slo.environment(), burnRate, burnRate <= 1.0));
		}
		return periods;
	}

	/**
	 * One SLO over one period.
	 *
	 * @param slo the SLO's name
	 * @param service its service
	 * @param environment its environment
	 * @param burnRate how fast the period used the budget (1: exactly its share)
	 * @param met whether the period stayed within its share of the budget
	 */
	public record Period(String slo, String service, String environment, double burnRate, boolean met) {

	}

}
