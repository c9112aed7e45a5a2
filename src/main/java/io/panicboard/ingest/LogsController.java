package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.ingest.IngestProblems.FieldError;
import io.panicboard.ingest.ShipperRecords.LogParameters;
import io.panicboard.ingest.StreamTails.PendingTail;
import io.panicboard.security.ApiPrincipal;
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
 * {@code POST /api/v1/logs}: a raw log stream (any content type but JSON), or a log
 * shipper's JSON record batch ({@code application/json} or {@code application/x-ndjson},
 * see {@link ShipperRecords}). Raw text is streamed through the engine and never held
 * whole. Each stream's unfinished end is kept in {@code stream_tail} and joined with the
 * stream's next request when that comes within {@link IngestProperties#tailWait()} (see
 * {@link StreamAnalysis} for the rule).
 */
@RestController
class LogsController {

	private final ShipperRecords shipperRecords;

	private final ServiceAccess access;

	private final StreamTails tails;

	private final BatchedWriter writer;

	private final IngestProperties properties;

	private final Clock clock;

	private final DatabaseCircuit circuit;

	LogsController(JsonMapper mapper, ServiceAccess access, StreamTails tails, BatchedWriter writer,
			IngestProperties properties, ObjectProvider<Clock> clock, DatabaseCircuit circuit) {
		this.circuit = circuit;
		this.shipperRecords = new ShipperRecords(mapper, properties);
		this.access = access;
		this.tails = tails;
		this.writer = writer;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@PostMapping("/api/v1/logs")
	ResponseEntity<IngestResponse> logs(HttpServletRequest request) {
		ApiPrincipal principal = ServiceAccess.principal(request);
		this.circuit.check();
		LogParameters parameters = parameters(request.getQueryString());
		String contentType = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
		if (contentType.startsWith("multipart/")) {
			throw IngestProblems.multipartNotSupported();
		}
		boolean records = contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)
				|| contentType.startsWith(EventsController.NDJSON);
		Batch batch = records ? shipperBatch(request, principal, parameters) : rawBatch(request, principal, parameters);
		IngestOutcome outcome = this.writer.write(batch.items(), batch.tails());
		IngestResponse stored = IngestResponse.of(outcome);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new IngestResponse(batch.streams(), 0, stored.findings(), stored.incidents()));
	}

	private Batch rawBatch(HttpServletRequest request, ApiPrincipal principal, LogParameters parameters) {
		if (parameters.service() == null) {
			throw IngestProblems.invalidFields(List.of(new FieldError("service", "is required for a raw log body")));
		}
		ServiceAccess.Admission admission = this.access.admit(principal, List.of(parameters.service()));
		TraceAnalyzer analyzer = admission.analyzers().get(parameters.service());
		StreamKey key = new StreamKey(parameters.service(),
				(parameters.environment() != null) ? parameters.environment() : EventReader.DEFAULT_ENVIRONMENT,
				parameters.instance(), parameters.stream());
		Batch batch = new Batch();
		long maxBytes = this.properties.maxLogsBodySize().toBytes();
		try (InputStream body = RequestBodies.open(request, maxBytes, "The body")) {
			analyseStream(key, analyzer, body, parameters, batch);
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (UncheckedIOException ex) {
			throw RequestBodies.readFailure(ex.getCause(), maxBytes, "The body");
		}
		catch (IOException ex) {
			throw RequestBodies.readFailure(ex, maxBytes, "The body");
		}
		this.access.register(admission);
		return batch;
	}

	private Batch shipperBatch(HttpServletRequest request, ApiPrincipal principal, LogParameters parameters) {
		long maxBytes = this.properties.maxLogsBodySize().toBytes();
		Map<StreamKey, byte[]> streams;
		try (InputStream body = RequestBodies.open(request, maxBytes, "The body")) {
			streams = this.shipperRecords.read(body, parameters);
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (IOException | JacksonException ex) {
			throw RequestBodies.readFailure(ex, maxBytes, "The body");
		}
		Map<String, TraceAnalyzer> analyzers = this.access.analyzers(principal,
				streams.keySet().stream().map(StreamKey::service).toList());
		Batch batch = new Batch();
		streams.forEach((key, text) -> analyseStream(key, analyzers.get(key.service()), new ByteArrayInputStream(text),
				parameters, batch));
		return batch;
	}

	/**
	 * Analyses one stream's part: joined with the pending tail when that is recent, else
	 * after storing the stale tail on its own.
	 */
	private void analyseStream(StreamKey key, TraceAnalyzer analyzer, InputStream body, LogParameters parameters,
			Batch batch) {
		Instant now = this.clock.instant();
		PendingTail prior = this.tails.find(key).orElse(null);
		boolean join = prior != null && !prior.updatedAt().isBefore(now.minus(this.properties.tailWait()));
		int maxTail = (int) Math.min(Integer.MAX_VALUE - 8, this.properties.maxTailSize().toBytes());
		StreamAnalysis.Result result = StreamAnalysis.analyze(analyzer, join ? prior.text() : null, body, maxTail,
				parameters.last());
		batch.streams++;
		batch.items.add(item(key, parameters.version(), now, result.fromBody()));
		if (prior != null) {
			List<Finding> claimed = join ? result.fromPriorTail()
					: StreamAnalysis.analyze(analyzer, null, new ByteArrayInputStream(prior.text()), maxTail, true)
						.fromBody();
			batch.tails.add(new TailUpdate(key, prior.generation(),
					List.of(item(key, prior.version(), prior.updatedAt(), claimed)), result.newTail(),
					parameters.version()));
		}
		else if (result.newTail() != null) {
			batch.tails.add(new TailUpdate(key, null, List.of(), result.newTail(), parameters.version()));
		}
	}

	private static IngestItem item(StreamKey key, String version, Instant at, List<Finding> findings) {
		return new IngestItem(key.service(), key.environment(), version,
				key.instance().isEmpty() ? null : key.instance(), null, at, findings);
	}

	private static LogParameters parameters(String queryString) {
		QueryParameters query = QueryParameters.of(queryString);
		String service = query.name("service", false);
		String environment = query.name("environment", false);
		String version = query.text("version", EventReader.MAX_VERSION);
		String instance = query.text("instance", EventReader.MAX_INSTANCE);
		String stream = query.text("stream", EventReader.MAX_STREAM);
		String last = query.text("final", 5);
		if (last != null && !last.equals("true") && !last.equals("false")) {
			query.invalid("final", "must be true or false");
		}
		query.requireValid();
		return new LogParameters(service, environment, version, instance, stream, "true".equals(last));
	}

	/** What one request stores. */
	private static final class Batch {

		final List<IngestItem> items = new ArrayList<>();

		final List<TailUpdate> tails = new ArrayList<>();

		int streams;

		List<IngestItem> items() {
			return this.items;
		}

		List<TailUpdate> tails() {
			return this.tails;
		}

		int streams() {
			return this.streams;
		}

	}

}
