package io.panicboard.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.ingest.IngestProblems.FieldError;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.slo.Heartbeat;
import io.panicboard.slo.HeartbeatRecorder;
import io.panicboard.system.EventTimeLimits;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/heartbeats}: {@code {service, environment, instance, version,
 * startedAt}} from a running instance, marking it as observed in the minute received (for
 * the SLOs' crash-free instance time). It is an ingestion endpoint like the others: an
 * ingest token of the service (or an all-services or admin token), the same body limits,
 * problems and request metrics ({@code endpoint="heartbeats"}); it answers 202.
 */
@RestController
class HeartbeatsController {

	private static final long MAX_BODY_BYTES = 16 * 1024;

	private final JsonMapper mapper;

	private final ServiceAccess access;

	private final HeartbeatRecorder heartbeats;

	private final EventTimeLimits times;

	private final Clock clock;

	private final DatabaseCircuit circuit;

	HeartbeatsController(JsonMapper mapper, ServiceAccess access, HeartbeatRecorder heartbeats, EventTimeLimits times,
			ObjectProvider<Clock> clock, DatabaseCircuit circuit) {
		this.circuit = circuit;
		this.mapper = mapper;
		this.access = access;
		this.heartbeats = heartbeats;
		this.times = times;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@PostMapping(path = "/api/v1/heartbeats", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<HeartbeatResponse> heartbeat(HttpServletRequest request) {
		ApiPrincipal principal = ServiceAccess.principal(request);
		this.circuit.check();
		Heartbeat heartbeat = read(request);
		this.access.authorize(principal, heartbeat.service());
		this.heartbeats.record(heartbeat);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new HeartbeatResponse(1));
	}

	private Heartbeat read(HttpServletRequest request) {
		JsonNode node = JsonFields.object(this.mapper, request, MAX_BODY_BYTES);
		List<FieldError> errors = new ArrayList<>();
		String service = JsonFields.name(node, "service", true, errors);
		String environment = JsonFields.name(node, "environment", false, errors);
		String instance = JsonFields.string(node, "instance", 256, true, errors);
		String version = JsonFields.string(node, "version", 128, false, errors);
		String started = JsonFields.string(node, "startedAt", 64, false, errors);
		Instant now = this.clock.instant();
		Instant startedAt = JsonFields.notInTheFuture(started, "startedAt", now, this.times.timestampFuture(), errors);
		if (!errors.isEmpty()) {
			throw IngestProblems.invalidFields(errors);
		}
		return new Heartbeat(service, (environment != null) ? environment : EventReader.DEFAULT_ENVIRONMENT, instance,
				version, startedAt, now);
	}

	/**
	 * The answer.
	 *
	 * @param accepted heartbeats stored (always 1)
	 */
	record HeartbeatResponse(int accepted) {
	}

}
