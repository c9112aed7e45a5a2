package io.panicboard.slo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SLO API: {@code GET|POST /api/v1/slos}, {@code GET|PUT|DELETE /api/v1/slos/{id}}.
 * SLOs are OpenSLO documents, sent and answered as JSON or YAML ({@code application/yaml}
 * request body; {@code Accept: application/yaml} or {@code ?format=yaml} for answers,
 * {@code ?format=json} for JSON whatever the {@code Accept} header). A YAML body may hold
 * several documents ({@code ---}): all are imported, or none when any is invalid or its
 * name is taken (one transaction). Reading needs a read or admin token, changes an admin
 * token.
 */
@RestController
@RequestMapping("/api/v1/slos")
class SloController {

	static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private static final long MAX_BODY_BYTES = 1024 * 1024;

	private final SloCatalog catalog;

	private final SloEvaluator evaluator;

	private final JsonMapper json;

	private final Clock clock;

	SloController(SloCatalog catalog, SloEvaluator evaluator, JsonMapper json, Clock clock) {
		this.catalog = catalog;
		this.evaluator = evaluator;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping
	ResponseEntity<?> list(HttpServletRequest request) {
		reader(request);
		List<Slo> slos = this.catalog.all();
		if (wantsYaml(request)) {
			return yaml(SloYaml.write(slos.stream().map(SloDocuments::toDocument).toList()));
		}
		Instant now = this.clock.instant();
		return json(slos.stream().map((slo) -> resource(slo, now)).toList());
	}

	@GetMapping("/{id}")
	ResponseEntity<?> get(HttpServletRequest request, @PathVariable long id) {
		reader(request);
		Slo slo = this.catalog.find(id).orElseThrow(() -> SloProblems.notFound(id));
		if (wantsYaml(request)) {
			return yaml(SloYaml.write(SloDocuments.toDocument(slo)));
		}
		return json(resource(slo, this.clock.instant()));
	}

	@PostMapping
	ResponseEntity<?> create(HttpServletRequest request) {
		ApiPrincipal principal = admin(request);
		List<Slo> slos = parse(request);
		SloCatalog.Results result = this.catalog.createAll(slos, principal.name());
		if (!result.errors().isEmpty()) {
			throw SloProblems.conflict(result.errors());
		}
		Instant now = this.clock.instant();
		List<SloResource> created = result.slos().stream().map((slo) -> resource(slo, now)).toList();
		if (created.size() == 1) {
			return ResponseEntity.created(URI.create("/api/v1/slos/" + created.get(0).id())).body(created.get(0));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(created);
	}

	@PutMapping("/{id}")
	SloResource update(HttpServletRequest request, @PathVariable long id) {
		ApiPrincipal principal = admin(request);
		List<Slo> slos = parse(request);
		if (slos.size() != 1) {
			throw SloProblems.unreadable("PUT takes exactly one SLO document.");
		}
		SloCatalog.Result result = this.catalog.update(id, slos.get(0), principal.name())
			.orElseThrow(() -> SloProblems.notFound(id));
		if (result.slo() == null) {
			throw SloProblems.conflict(result.errors());
		}
		return resource(result.slo(), this.clock.instant());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable long id) {
		admin(request);
		if (!this.catalog.delete(id)) {
			throw SloProblems.notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	private List<Slo> parse(HttpServletRequest request) {
		String text = body(request);
		MediaType type = contentType(request);
		List<Object> documents;
		if (isYaml(type)) {
			try {
				documents = SloYaml.read(text);
			}
			catch (IllegalArgumentException ex) {
				throw SloProblems.unreadable("The body is not YAML: " + ex.getMessage());
			}
		}
		else if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			try {
				documents = List.of(this.json.readValue(text, Object.class));
			}
			catch (JacksonException ex) {
				throw SloProblems.unreadable("The body is not JSON: " + ex.getOriginalMessage());
			}
		}
		else {
			throw SloProblems.unsupportedType();
		}
		if (documents.isEmpty()) {
			throw SloProblems.unreadable("The body holds no SLO document.");
		}
		List<Slo> slos = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			SloDocuments.Parsed parsed = SloDocuments.fromDocument(documents.get(i),
					(documents.size() > 1) ? "[" + i + "]." : "");
			errors.addAll(parsed.errors());
			if (parsed.valid()) {
				slos.add(parsed.slo());
			}
		}
		if (!errors.isEmpty()) {
			throw SloProblems.invalid(errors);
		}
		return slos;
	}

	private static String body(HttpServletRequest request) {
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw SloProblems.unreadable("The body is larger than " + MAX_BODY_BYTES + " bytes.");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw SloProblems.unreadable("The body could not be read.");
		}
	}

	private static MediaType contentType(HttpServletRequest request) {
		try {
			return (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType())
					: MediaType.APPLICATION_JSON;
		}
		catch (IllegalArgumentException ex) {
			throw SloProblems.unsupportedType();
		}
	}

	private static boolean isYaml(MediaType type) {
		return type.getSubtype().equals("yaml") || type.getSubtype().equals("x-yaml");
	}

	/**
	 * Whether to answer YAML: {@code ?format=yaml} or {@code json} when given, else the
	 * {@code Accept} header.
	 */
	private static boolean wantsYaml(HttpServletRequest request) {
		String format = request.getParameter("format");
		if (format != null) {
			if (!format.equals("json") && !format.equals("yaml")) {
				throw SloProblems.invalidParameter("format", "must be json or yaml");
			}
			return format.equals("yaml");
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains("yaml");
	}

	private static <T> ResponseEntity<T> json(T body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static ResponseEntity<String> yaml(String text) {
		return ResponseEntity.ok().contentType(YAML).body(text);
	}

	private SloResource resource(Slo slo, Instant now) {
		return SloResource.of(slo, this.evaluator.evaluate(slo, now));
	}

	private static ApiPrincipal reader(HttpServletRequest request) {
		ApiPrincipal principal = ApiAccess.principal(request);
		if (!principal.mayRead()) {
			throw ApiAccess.forbidden("Reading SLOs needs a token with the read or admin scope.");
		}
		return principal;
	}

	private static ApiPrincipal admin(HttpServletRequest request) {
		return ApiAccess.requireAdmin(ApiAccess.principal(request));
	}

	/**
	 * An SLO as the API answers it.
	 *
	 * @param id its id
	 * @param slo its OpenSLO document
	 * @param status its budget and burn rates now
	 */
	record SloResource(long id, Map<String, Object> slo, StatusView status) {

		static SloResource of(Slo slo, SloStatus status) {
			return new SloResource(slo.id(), SloDocuments.toDocument(slo), StatusView.of(status));
		}

	}

	/**
	 * An SLO's status.
	 *
	 * @param state healthy, burning or exhausted
	 * @param evaluatedAt the end of the ranges counted
	 * @param windowStart the budget window's start
	 * @param budgetTotal bad events (crashes) allowed
	 * @param budgetConsumed bad events (crashes) counted
	 * @param budgetRemainingRatio the share of the budget left (negative when overspent)
	 * @param burnRates burn rate by window
	 * @param firing the burn-rate conditions firing, as {@code tier:long/short}
	 */
	record StatusView(String state, Instant evaluatedAt, Instant windowStart, double budgetTotal, double budgetConsumed,
			double budgetRemainingRatio, Map<String, Double> burnRates, List<String> firing) {

		static StatusView of(SloStatus status) {
			Map<String, Double> rates = new LinkedHashMap<>();
			status.burnRates().forEach((w, r) -> rates.put(w.id(), r));
			List<String> firing = status.conditions()
				.stream()
				.filter(SloStatus.ConditionState::firing)
				.map((c) -> c.condition().tier().id() + ":" + c.condition().longWindow().id() + "/"
						+ c.condition().shortWindow().id())
				.toList();
			return new StatusView(status.state().id(), status.at(), status.window().from(), status.budget().total(),
					status.budget().consumed(), status.budget().remainingRatio(), rates, firing);
		}

	}

}
