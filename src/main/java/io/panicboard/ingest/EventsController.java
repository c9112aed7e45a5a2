package io.panicboard.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.ingest.EventReader.Event;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.system.EventTimeLimits;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: one event, an array of events or NDJSON. Each event's text
 * goes through the analysis engine with its service's in-app rules; the findings are
 * stored by the {@link BatchedWriter}, and the answer (202) comes after they committed.
 * The request is validated as a whole before anything is stored: one invalid event, an
 * event whose text is over the limit or a service the token may not write rejects all of
 * it.
 */
@RestController
class EventsController {

	static final String NDJSON = "application/x-ndjson";

	private final EventReader reader;

	private final ServiceAccess access;

	private final BatchedWriter writer;

	private final IngestProperties properties;

	private final EventTimeLimits times;

	private final Clock clock;

	private final DatabaseCircuit circuit;

	EventsController(JsonMapper mapper, ServiceAccess access, BatchedWriter writer, IngestProperties properties,
			EventTimeLimits times, ObjectProvider<Clock> clock, DatabaseCircuit circuit) {
		this.circuit = circuit;
		this.reader = new EventReader(mapper, properties);
		this.access = access;
		this.writer = writer;
		this.properties = properties;
		this.times = times;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@PostMapping(path = "/api/v1/events", consumes = { MediaType.APPLICATION_JSON_VALUE, NDJSON })
	ResponseEntity<IngestResponse> ingest(HttpServletRequest request) {
		ApiPrincipal principal = ServiceAccess.principal(request);
		this.circuit.check();
		List<Event> events = read(request);
		Map<String, TraceAnalyzer> analyzers = this.access.analyzers(principal,
				events.stream().map(Event::service).toList());
		Instant now = this.clock.instant();
		List<IngestItem> items = events.stream()
			.map((event) -> new IngestItem(event.service(), event.environment(), event.version(), event.instance(),
					event.eventId(), occurredAt(event.timestamp(), now),
					analyzers.get(event.service()).analyze(event.text())))
			.toList();
		IngestOutcome outcome = this.writer.write(items);
		if (outcome.accepted() == 0 && outcome.duplicates() > 0) {
			request.setAttribute(IngestMetrics.ALL_DUPLICATES, true);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(IngestResponse.of(outcome));
	}

	private List<Event> read(HttpServletRequest request) {
		long maxBytes = this.properties.maxEventsBodySize().toBytes();
		boolean ndjson = MediaType.parseMediaType(request.getContentType())
			.isCompatibleWith(MediaType.parseMediaType(NDJSON));
		try (InputStream body = RequestBodies.open(request, maxBytes, "The body")) {
			return this.reader.read(body, ndjson);
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (IOException | JacksonException ex) {
			throw RequestBodies.readFailure(ex, maxBytes, "The body");
		}
	}

	/**
	 * When an event happened: its timestamp, unless it lies more than
	 * {@code timestamp-future} ahead of or {@code timestamp-past} behind the time it was
	 * received; then, like an event without a timestamp, the time it was received.
	 */
	private Instant occurredAt(Instant timestamp, Instant receivedAt) {
		if (timestamp == null || timestamp.isAfter(receivedAt.plus(this.times.timestampFuture()))
				|| timestamp.isBefore(receivedAt.minus(this.times.timestampPast()))) {
			return receivedAt;
		}
		return timestamp;
	}

}
