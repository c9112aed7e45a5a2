package io.panicboard.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.ingest.IngestProblems.FieldError;
import io.panicboard.memory.MemorySampleRecorder;
import io.panicboard.memory.NewMemorySample;
import io.panicboard.memory.RecordedMemorySample;
import io.panicboard.security.ApiPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/metrics/expvar?service=&instance=&environment=}: one Go
 * {@code /debug/vars} document of one instance. Reads {@code memstats} and an optional
 * top-level {@code goroutines} number, and answers 202 once the sample and the GC pauses
 * derived from it are committed.
 */
@RestController
class ExpvarController {

	/** The largest body read; a {@code /debug/vars} document is a few tens of KiB. */
	static final long MAX_BODY_BYTES = 1024 * 1024;

	private static final int RING = 256;

	private final JsonMapper mapper;

	private final ServiceAccess access;

	private final MemorySampleRecorder samples;

	private final Clock clock;

	private final DatabaseCircuit circuit;

	ExpvarController(JsonMapper mapper, ServiceAccess access, MemorySampleRecorder samples, ObjectProvider<Clock> clock,
			DatabaseCircuit circuit) {
		this.circuit = circuit;
		this.mapper = mapper;
		this.access = access;
		this.samples = samples;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@PostMapping("/api/v1/metrics/expvar")
	ResponseEntity<ExpvarResponse> expvar(HttpServletRequest request) {
		ApiPrincipal principal = ServiceAccess.principal(request);
		this.circuit.check();
		Target target = target(request.getQueryString());
		this.access.permit(principal, target.service());
		JsonNode document = read(request);
		NewMemorySample sample = sample(target, document);
		this.access.authorize(principal, target.service());
		RecordedMemorySample recorded = this.samples.record(sample);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new ExpvarResponse(1, recorded.pauses(), recorded.lostPauses(), recorded.restarted()));
	}

	private JsonNode read(HttpServletRequest request) {
		try (InputStream body = RequestBodies.open(request, MAX_BODY_BYTES, "The body")) {
			JsonNode node = this.mapper.readTree(body);
			if (node == null || !node.isObject()) {
				throw IngestProblems.malformedJson("The body must be one JSON object, a Go /debug/vars document.");
			}
			return node;
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (IOException | JacksonException ex) {
			throw RequestBodies.readFailure(ex, MAX_BODY_BYTES, "The body");
		}
	}

	private NewMemorySample sample(Target target, JsonNode document) {
		List<FieldError> errors = new ArrayList<>();
		JsonNode memstats = document.get("memstats");
		if (memstats == null || !memstats.isObject()) {
			throw IngestProblems
				.invalidFields(List.of(new FieldError("memstats", "is required and must be an object")));
		}
		long heapAlloc = counter(memstats, "HeapAlloc", errors);
		long heapInuse = counter(memstats, "HeapInuse", errors);
		long heapSys = counter(memstats, "HeapSys", errors);
		long nextGc = counter(memstats, "NextGC", errors);
		long numGc = counter(memstats, "NumGC", errors);
		long pauseTotalNs = counter(memstats, "PauseTotalNs", errors);
		long[] pauseNs = ring(memstats, "PauseNs", errors);
		long[] pauseEnd = ring(memstats, "PauseEnd", errors);
		double gcCpuFraction = fraction(memstats, errors);
		Integer goroutines = goroutines(document, errors);
		if (!errors.isEmpty()) {
			throw IngestProblems.invalidFields(errors);
		}
		return new NewMemorySample(target.service(), target.environment(), target.instance(), this.clock.instant(),
				heapAlloc, heapInuse, heapSys, nextGc, numGc, pauseTotalNs, gcCpuFraction, goroutines, pauseNs,
				pauseEnd);
	}

	private static long counter(JsonNode memstats, String field, List<FieldError> errors) {
		JsonNode value = memstats.get(field);
		if (value == null || value.isNull()) {
			errors.add(new FieldError("memstats." + field, "is required"));
			return 0;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
			errors.add(new FieldError("memstats." + field, "must be a non-negative integer"));
			return 0;
		}
		return value.longValue();
	}

	private static long[] ring(JsonNode memstats, String field, List<FieldError> errors) {
		JsonNode value = memstats.get(field);
		long[] ring = new long[RING];
		if (value == null || value.isNull()) {
			errors.add(new FieldError("memstats." + field, "is required"));
			return ring;
		}
		if (!value.isArray() || value.size() != RING) {
			errors.add(new FieldError("memstats." + field, "must be an array of " + RING + " integers"));
			return ring;
		}
		for (int i = 0; i < RING; i++) {
			JsonNode entry = value.get(i);
			if (!entry.isIntegralNumber() || !entry.canConvertToLong() || entry.longValue() < 0) {
				errors.add(new FieldError("memstats." + field + "[" + i + "]", "must be a non-negative integer"));
				return ring;
			}
			ring[i] = entry.longValue();
		}
		return ring;
	}

	private static double fraction(JsonNode memstats, List<FieldError> errors) {
		JsonNode value = memstats.get("GCCPUFraction");
		if (value == null || value.isNull()) {
			errors.add(new FieldError("memstats.GCCPUFraction", "is required"));
			return 0;
		}
		if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0
				|| value.doubleValue() > 1) {
			errors.add(new FieldError("memstats.GCCPUFraction", "must be a number from 0 to 1"));
			return 0;
		}
		return value.doubleValue();
	}

	private static Integer goroutines(JsonNode document, List<FieldError> errors) {
		JsonNode value = document.get("goroutines");
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
			errors.add(new FieldError("goroutines", "must be a non-negative integer"));
			return null;
		}
		return value.intValue();
	}

	private static Target target(String queryString) {
		QueryParameters query = QueryParameters.of(queryString);
		String service = query.name("service", true);
		String environment = query.name("environment", false);
		String instance = query.text("instance", 256);
		if ((instance == null || instance.isBlank()) && !query.hasError("instance")) {
			instance = query.invalid("instance", "is required: pauses are derived per instance");
		}
		query.requireValid();
		return new Target(service, (environment != null) ? environment : EventReader.DEFAULT_ENVIRONMENT, instance);
	}

	private record Target(String service, String environment, String instance) {
	}

	/**
	 * The answer.
	 *
	 * @param accepted samples stored (always 1)
	 * @param pauses GC pauses derived and stored
	 * @param lostPauses GC cycles since the previous sample whose pause could not be
	 * recovered (the ring holds the last 256)
	 * @param restarted whether {@code NumGC} went backwards: a new process
	 */
	record ExpvarResponse(int accepted, int pauses, long lostPauses, boolean restarted) {
	}

}
