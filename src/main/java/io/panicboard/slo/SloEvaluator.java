package io.panicboard.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.panicboard.slo.SloStatus.ConditionState;
import io.panicboard.slo.SloStatus.State;

import org.springframework.stereotype.Component;

/**
 * Evaluates SLOs: counts the budget's window and every burn-rate window in one query per
 * SLO, then derives the budget, the burn rates and the burn-rate conditions.
 */
@Component
class SloEvaluator {

	private final SliQueries queries;

	private final SloProperties properties;

	SloEvaluator(SliQueries queries, SloProperties properties) {
		this.queries = queries;
		this.properties = properties;
	}

	/**
	 * The instant SLOs are evaluated at for a clock reading: the whole minute
	 * {@link SloProperties#evaluationDelay()} before it.
	 */
	Instant evaluationPoint(Instant now) {
		return now.minus(this.properties.evaluationDelay()).truncatedTo(ChronoUnit.MINUTES);
	}

	/**
	 * Evaluates an SLO for a clock reading.
	 * @param slo the SLO
	 * @param now the clock
	 * @return its status at {@link #evaluationPoint(Instant)}
	 */
	SloStatus evaluate(Slo slo, Instant now) {
		return evaluateAt(slo, evaluationPoint(now));
	}

	/**
	 * Evaluates an SLO with every range ending at a whole minute.
	 * @param slo the SLO
	 * @param at the end of the ranges
	 * @return its status
	 */
	SloStatus evaluateAt(Slo slo, Instant at) {
		TimeRange budgetRange = slo.window().budgetRange(at);
		List<TimeRange> ranges = new ArrayList<>();
		ranges.add(budgetRange);
		for (BurnWindow window : BurnWindow.values()) {
			ranges.add(TimeRange.last(window.length(), at));
		}
		List<Events> counted = this.queries.count(slo, ranges);
		return status(slo, at, budgetRange, counted, this.properties.minBadEvents());
	}

	static SloStatus status(Slo slo, Instant at, TimeRange budgetRange, List<Events> counted, int minBadEvents) {
		Duration windowLength = slo.window().length(at);
		double windowSeconds = windowLength.toSeconds();
		Events events = counted.get(0);
		ErrorBudget budget = ErrorBudget.of(slo, events);
		Map<BurnWindow, Double> rates = new EnumMap<>(BurnWindow.class);
		Map<BurnWindow, Events> windowEvents = new EnumMap<>(BurnWindow.class);
		for (BurnWindow window : BurnWindow.values()) {
			Events e = counted.get(window.ordinal() + 1);
			windowEvents.put(window, e);
			rates.put(window, ErrorBudget.burnRate(slo, e, window.length().toSeconds(), windowSeconds));
		}
		List<ConditionState> conditions = new ArrayList<>();
		for (BurnRateCondition condition : BurnRateCondition.ALL) {
			double factor = condition.factor(windowLength);
			double longRate = rates.get(condition.longWindow());
			double shortRate = rates.get(condition.shortWindow());
			long longBad = windowEvents.get(condition.longWindow()).bad();
			boolean firing = longRate > factor && shortRate > factor && longBad >= minBadEvents;
			conditions.add(new ConditionState(condition, factor, longRate, shortRate, longBad, firing));
		}
		State state = budget.exhausted() ? State.EXHAUSTED
				: conditions.stream().anyMatch(ConditionState::firing) ? State.BURNING : State.HEALTHY;
		return new SloStatus(slo, at, budgetRange, events, budget, rates, windowEvents, conditions, state);
	}

}
