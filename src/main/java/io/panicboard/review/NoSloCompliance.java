package io.panicboard.review;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * "No SLOs defined" for every scope: the stand-in until the SLO module is merged (see
 * {@link SloCompliance}).
 */
@Component
class NoSloCompliance implements SloCompliance {

	@Override
	public Optional<Figure> of(ReportScope scope, Instant start, Instant end) {
		return Optional.empty();
	}

}
