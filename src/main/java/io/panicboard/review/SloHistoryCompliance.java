package io.panicboard.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.panicboard.slo.SloHistory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The report's SLO compliance from the SLO module: of the SLOs of the scope's services,
 * how many stayed within their share of the error budget over the period.
 */
@Component
class SloHistoryCompliance implements SloCompliance {

	private final SloHistory history;

	private final JdbcClient jdbc;

	SloHistoryCompliance(SloHistory history, JdbcClient jdbc) {
		this.history = history;
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Figure> of(ReportScope scope, Instant start, Instant end) {
		Set<String> teamServices = (scope.team() != null) ? Set.copyOf(
				this.jdbc.sql("SELECT name FROM service WHERE team = ?").param(scope.team()).query(String.class).list())
				: null;
		List<SloHistory.Period> periods = this.history.over(start, end)
			.stream()
			.filter((period) -> scope.service() == null || scope.service().equals(period.service()))
			.filter((period) -> teamServices == null || teamServices.contains(period.service()))
			.toList();
		if (periods.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Figure((int) periods.stream().filter(SloHistory.Period::met).count(), periods.size()));
	}

}
