package io.panicboard.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.incident.DeployRecorder;
import io.panicboard.incident.NewDeploy;
import io.panicboard.ingest.IngestProblems.FieldError;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.system.HttpUrls;
import io.panicboard.system.EventTimeLimits;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/deploys}: a deploy marker {@code {service, environment, version,
 * timestamp, url}}, stored by the {@link DeployRecorder} and answered with 201 and its
 * id.
 */
@RestController
class DeploysController {

	private static final long MAX_BODY_BYTES = 64 * 1024;

	private final JsonMapper mapper;

	private final ServiceAccess access;

	private final DeployRecorder deploys;

	private final TransactionTemplate transactions;

	private final EventTimeLimits times;

	private final Clock clock;

	private final DatabaseCircuit circuit;

	DeploysController(JsonMapper mapper, ServiceAccess access, DeployRecorder deploys,
			PlatformTransactionManager transactionManager, EventTimeLimits times, ObjectProvider<Clock> clock,
			DatabaseCircuit circuit) {
		this.circuit = circuit;
		this.mapper = mapper;
		this.access = access;
		this.deploys = deploys;
		this.transactions = new TransactionTemplate(transactionManager);
		this.times = times;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@PostMapping(path = "/api/v1/deploys", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DeployResponse> deploy(HttpServletRequest request) {
		ApiPrincipal principal = ServiceAccess.principal(request);
		this.circuit.check();
		NewDeploy deploy = read(request);
		this.access.authorize(principal, deploy.service());
		Long id = this.transactions.execute((status) -> this.deploys.record(deploy));
		return ResponseEntity.status(HttpStatus.CREATED).body(new DeployResponse(id));
	}

	private NewDeploy read(HttpServletRequest request) {
		JsonNode node = JsonFields.object(this.mapper, request, MAX_BODY_BYTES);
		List<FieldError> errors = new ArrayList<>();
		String service = JsonFields.name(node, "service", true, errors);
		String environment = JsonFields.name(node, "environment", false, errors);
		String version = JsonFields.string(node, "version", 128, true, errors);
		String timestamp = JsonFields.string(node, "timestamp", 64, false, errors);
		String url = JsonFields.string(node, "url", 2048, false, errors);
		Instant now = this.clock.instant();
		Instant given = JsonFields.notInTheFuture(timestamp, "timestamp", now, this.times.timestampFuture(), errors);
		Instant deployedAt = (given != null) ? given : now;
		if (url != null && !HttpUrls.isAbsoluteHttp(url)) {
			errors.add(new FieldError("url", "must be an absolute http or https URL"));
		}
		if (!errors.isEmpty()) {
			throw IngestProblems.invalidFields(errors);
		}
		return new NewDeploy(service, (environment != null) ? environment : EventReader.DEFAULT_ENVIRONMENT, version,
				deployedAt, url);
	}

	/**
	 * The answer.
	 *
	 * @param id the stored deploy's id
	 */
	record DeployResponse(Long id) {
	}

}
