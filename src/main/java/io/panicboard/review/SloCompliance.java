package io.panicboard.review;

import java.time.Instant;
import java.util.Optional;

/**
 * The "SLO compliance" figure of the report, from the SLO module
 * ({@link SloHistoryCompliance}).
 */
interface SloCompliance {

	/**
	 * The compliance of the SLOs of a scope over a time range.
	 * @param scope the services
	 * @param start the start, inclusive
	 * @param end the end, exclusive
	 * @return the figure, or empty when no SLO is defined for the scope
	 */
	Optional<Figure> of(ReportScope scope, Instant start, Instant end);

	/**
	 * SLOs that met their objective over a week.
	 *
	 * @param met SLOs that met it
	 * @param total SLOs of the scope
	 */
	record Figure(int met, int total) {

		double percent() {
			return (this.total == 0) ? 100.0 : 100.0 * this.met / this.total;
		}

	}

}
