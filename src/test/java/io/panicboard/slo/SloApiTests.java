package io.panicboard.slo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class SloApiTests {

	private static final ApiPrincipal ADMIN = new ApiPrincipal(0, "slo-api-admin", TokenScope.ADMIN, null);

	private static final ApiPrincipal READER = new ApiPrincipal(0, "slo-api-reader", TokenScope.READ, null);

	private static final ApiPrincipal INGEST = new ApiPrincipal(0, "slo-api-ingest", TokenScope.INGEST, null);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private SloSnapshot snapshot;

	private String name;

	@BeforeEach
	void name() {
		this.name = "api-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void adminCreatesAnSloFromJsonAndReadersGetItWithItsStatus() {
		MvcTestResult created = post(json(this.name, 0.999), MediaType.APPLICATION_JSON, ADMIN);
		assertThat(created).hasStatus(201);
		long id = ((Number) JsonPath.read(body(created), "$.id")).longValue();
		assertThat(created).headers().hasValue(HttpHeaders.LOCATION, "/api/v1/slos/" + id);
		MvcTestResult got = get("/api/v1/slos/" + id, READER);
		assertThat(got).hasStatusOk();
		assertThat((String) JsonPath.read(body(got), "$.slo.metadata.name")).isEqualTo(this.name);
		assertThat((Double) JsonPath.read(body(got), "$.slo.spec.objectives[0].target")).isEqualTo(0.999);
		assertThat((String) JsonPath.read(body(got), "$.status.state")).isEqualTo("healthy");
		assertThat((Double) JsonPath.read(body(got), "$.status.budgetRemainingRatio")).isEqualTo(1.0);
		assertThat((Double) JsonPath.read(body(got), "$.status.burnRates['5m']")).isZero();
		List<String> names = JsonPath.read(body(get("/api/v1/slos", READER)), "$[*].slo.metadata.name");
		assertThat(names).contains(this.name);
	}

	@Test
	void yamlExportImportsBackUnchanged() {
		MvcTestResult created = post(json(this.name, 0.99), MediaType.APPLICATION_JSON, ADMIN);
		long id = ((Number) JsonPath.read(body(created), "$.id")).longValue();
		MvcTestResult yaml = this.mvc.get()
			.uri("/api/v1/slos/" + id)
			.header(HttpHeaders.ACCEPT, "application/yaml")
			.with(TestTokens.as(READER))
			.exchange();
		assertThat(yaml).hasStatusOk().hasContentTypeCompatibleWith("application/yaml");
		String exported = body(yaml);
		assertThat(exported).startsWith("apiVersion: openslo/v1\nkind: SLO\n").contains("name: " + this.name);
		assertThat(this.mvc.delete().uri("/api/v1/slos/" + id).with(TestTokens.as(ADMIN)).exchange()).hasStatus(204);
		assertThat(get("/api/v1/slos/" + id, READER)).hasStatus(404);
		MvcTestResult imported = post(exported, MediaType.parseMediaType("application/yaml"), ADMIN);
		assertThat(imported).hasStatus(201);
		long newId = ((Number) JsonPath.read(body(imported), "$.id")).longValue();
		assertThat(body(
				this.mvc.get().uri("/api/v1/slos/" + newId + "?format=yaml").with(TestTokens.as(READER)).exchange()))
			.isEqualTo(exported);
	}

	@Test
	void exportsAGcPauseThresholdAsAPlainDecimalThatImportsBack() {
		String document = """
				{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "%s"},
				 "spec": {"service": "shop",
				  "indicator": {"metadata": {"name": "gc-pause"}, "spec": {"type": "gc_pause", "environment": "production"}},
				  "timeWindow": [{"duration": "28d", "isRolling": true}], "budgetingMethod": "Occurrences",
				  "objectives": [{"target": 0.99, "op": "lte", "value": 0.00005}]}}"""
			.formatted(this.name);
		long id = ((Number) JsonPath.read(body(post(document, MediaType.APPLICATION_JSON, ADMIN)), "$.id")).longValue();
		String yaml = body(get("/api/v1/slos/" + id + "?format=yaml", READER));
		String json = body(get("/api/v1/slos/" + id + "?format=json", READER));
		assertThat(yaml).contains("      value: 0.00005\n").doesNotContain("E-");
		assertThat(json).contains("\"value\":0.00005").doesNotContain("E-");
		assertThat(this.mvc.delete().uri("/api/v1/slos/" + id).with(TestTokens.as(ADMIN)).exchange()).hasStatus(204);
		long fromYaml = ((Number) JsonPath.read(body(post(yaml, MediaType.parseMediaType("application/yaml"), ADMIN)),
				"$.id"))
			.longValue();
		assertThat(body(get("/api/v1/slos/" + fromYaml + "?format=yaml", READER))).isEqualTo(yaml);
		assertThat(this.mvc.delete().uri("/api/v1/slos/" + fromYaml).with(TestTokens.as(ADMIN)).exchange())
			.hasStatus(204);
		String slo = tools.jackson.databind.json.JsonMapper.shared().readTree(json).get("slo").toString();
		long fromJson = ((Number) JsonPath.read(body(post(slo, MediaType.APPLICATION_JSON, ADMIN)), "$.id"))
			.longValue();
		assertThat(body(get("/api/v1/slos/" + fromJson + "?format=yaml", READER))).isEqualTo(yaml);
	}

	@Test
	void importsSeveralYamlDocumentsOrNone() throws Exception {
		String first = SloYaml.write(SloDocuments.toDocument(
				SloDocuments
					.fromDocument(tools.jackson.databind.json.JsonMapper.shared()
						.readValue(json(this.name + "-a", 0.99), Object.class), "")
					.slo()));
		String second = first.replace(this.name + "-a", this.name + "-b");
		String broken = first.replace(this.name + "-a", this.name + "-c").replace("target: 0.99", "target: 2");
		MvcTestResult refused = post(first + "---\n" + second + "---\n" + broken,
				MediaType.parseMediaType("application/yaml"), ADMIN);
		assertThat(refused).hasStatus(400);
		assertThat((List<String>) JsonPath.read(body(refused), "$.errors[*].field"))
			.containsExactly("[2].spec.objectives[0].target");
		assertThat(body(get("/api/v1/slos", READER))).doesNotContain(this.name + "-a");
		MvcTestResult imported = post(first + "---\n" + second, MediaType.parseMediaType("application/yaml"), ADMIN);
		assertThat(imported).hasStatus(201);
		assertThat((List<String>) JsonPath.read(body(imported), "$[*].slo.metadata.name"))
			.containsExactly(this.name + "-a", this.name + "-b");
	}

	@Test
	void aTakenNameInAnImportStoresNoneAndNamesTheDocument() throws Exception {
		String first = yaml(this.name + "-a");
		String taken = yaml(this.name + "-taken");
		assertThat(post(taken, MediaType.parseMediaType("application/yaml"), ADMIN)).hasStatus(201);
		MvcTestResult refused = post(first + "---\n" + taken, MediaType.parseMediaType("application/yaml"), ADMIN);
		assertThat(refused).hasStatus(409).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((List<String>) JsonPath.read(body(refused), "$.errors[*].field"))
			.containsExactly("[1].metadata.name");
		assertThat(body(get("/api/v1/slos", READER))).doesNotContain(this.name + "-a");
		MvcTestResult twice = post(first + "---\n" + first, MediaType.parseMediaType("application/yaml"), ADMIN);
		assertThat(twice).hasStatus(409);
		assertThat((List<String>) JsonPath.read(body(twice), "$.errors[*].field")).containsExactly("[1].metadata.name");
		assertThat(body(get("/api/v1/slos", READER))).doesNotContain(this.name + "-a");
		assertThat(post(first + "---\n" + yaml(this.name + "-b"), MediaType.parseMediaType("application/yaml"), ADMIN))
			.hasStatus(201);
	}

	@Test
	void anUnknownFormatIsRefusedAndJsonIsTakenAsAsked() {
		long id = ((Number) JsonPath.read(body(post(json(this.name, 0.99), MediaType.APPLICATION_JSON, ADMIN)), "$.id"))
			.longValue();
		for (String uri : List.of("/api/v1/slos?format=bogus", "/api/v1/slos/" + id + "?format=xml",
				"/api/v1/slos?format=")) {
			assertThat(get(uri, READER)).as(uri)
				.hasStatus(400)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.errors[0].field")
				.isEqualTo("format");
		}
		assertThat(this.mvc.get().uri("/api/v1/slos?format=bogus").exchange()).hasStatus(401);
		assertThat(this.mvc.get()
			.uri("/api/v1/slos/" + id + "?format=json")
			.header(HttpHeaders.ACCEPT, "application/yaml")
			.with(TestTokens.as(READER))).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(get("/api/v1/slos/" + id + "?format=yaml", READER)).hasStatusOk()
			.hasContentTypeCompatibleWith("application/yaml");
	}

	@Test
	void invalidFieldsAreNamedInAProblem() {
		String body = json(this.name, 1.5).replace("\"30d\"", "\"14d\"").replace("Timeslices", "Occurrences");
		MvcTestResult result = post(body, MediaType.APPLICATION_JSON, ADMIN);
		assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((List<String>) JsonPath.read(body(result), "$.errors[*].field")).containsExactlyInAnyOrder(
				"spec.timeWindow[0].duration", "spec.budgetingMethod", "spec.objectives[0].target");
		assertThat(post("{not json", MediaType.APPLICATION_JSON, ADMIN)).hasStatus(400);
		assertThat(post("x", MediaType.TEXT_PLAIN, ADMIN)).hasStatus(415);
	}

	@Test
	void aTakenNameConflicts() {
		assertThat(post(json(this.name, 0.99), MediaType.APPLICATION_JSON, ADMIN)).hasStatus(201);
		MvcTestResult again = post(json(this.name, 0.9), MediaType.APPLICATION_JSON, ADMIN);
		assertThat(again).hasStatus(409);
		assertThat((List<String>) JsonPath.read(body(again), "$.errors[*].field")).containsExactly("metadata.name");
	}

	@Test
	void adminUpdatesAnSlo() {
		long id = ((Number) JsonPath.read(body(post(json(this.name, 0.99), MediaType.APPLICATION_JSON, ADMIN)), "$.id"))
			.longValue();
		MvcTestResult updated = this.mvc.put()
			.uri("/api/v1/slos/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(this.name, 0.95))
			.with(TestTokens.as(ADMIN))
			.exchange();
		assertThat(updated).hasStatusOk();
		assertThat((Double) JsonPath.read(body(updated), "$.slo.spec.objectives[0].target")).isEqualTo(0.95);
		assertThat(this.mvc.put()
			.uri("/api/v1/slos/999999999")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(this.name, 0.95))
			.with(TestTokens.as(ADMIN))
			.exchange()).hasStatus(404);
	}

	@Test
	void metricsExportEverySlosObjectiveBudgetAndBurnRates() {
		assertThat(post(json(this.name, 0.999), MediaType.APPLICATION_JSON, ADMIN)).hasStatus(201);
		this.snapshot.refresh();
		String metrics = body(this.mvc.get().uri("/metrics").exchange());
		assertThat(metrics).contains("panicboard_slo_objective_ratio{slo=\"" + this.name + "\",} 0.999",
				"panicboard_slo_error_budget_remaining_ratio{slo=\"" + this.name + "\",} 1.0",
				"panicboard_slo_burn_rate{slo=\"" + this.name + "\",window=\"5m\",} 0.0",
				"panicboard_slo_burn_rate{slo=\"" + this.name + "\",window=\"3d\",} 0.0",
				"panicboard_slo_bad_events{slo=\"" + this.name + "\",window=\"1h\",} 0.0");
	}

	@Test
	void readersReadAndOnlyAdminsChange() {
		assertThat(post(json(this.name, 0.99), MediaType.APPLICATION_JSON, READER)).hasStatus(403);
		assertThat(post(json(this.name, 0.99), MediaType.APPLICATION_JSON, INGEST)).hasStatus(403);
		assertThat(get("/api/v1/slos", INGEST)).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/slos").exchange()).hasStatus(401);
		assertThat(this.mvc.delete().uri("/api/v1/slos/1").with(TestTokens.as(READER)).exchange()).hasStatus(403);
	}

	private static String yaml(String name) throws Exception {
		return SloYaml.write(SloDocuments.toDocument(SloDocuments
			.fromDocument(tools.jackson.databind.json.JsonMapper.shared().readValue(json(name, 0.99), Object.class), "")
			.slo()));
	}

	private MvcTestResult post(String body, MediaType type, ApiPrincipal principal) {
		return this.mvc.post()
			.uri("/api/v1/slos")
			.contentType(type)
			.content(body)
			.with(TestTokens.as(principal))
			.exchange();
	}

	private MvcTestResult get(String uri, ApiPrincipal principal) {
		return this.mvc.get().uri(uri).with(TestTokens.as(principal)).exchange();
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	static String json(String name, double target) {
		return """
				{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "%s"},
				 "spec": {"description": "Crash-free instance time", "service": "shop",
				  "indicator": {"metadata": {"name": "crash-free"}, "spec": {"type": "crash_free_time", "environment": "production"}},
				  "timeWindow": [{"duration": "30d", "isRolling": true}], "budgetingMethod": "Timeslices",
				  "objectives": [{"target": %s}]}}"""
			.formatted(name, target);
	}

}
