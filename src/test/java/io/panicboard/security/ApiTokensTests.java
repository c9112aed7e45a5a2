package io.panicboard.security;

import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "panicboard.bootstrap-token=" + ApiTokensTests.BOOTSTRAP,
		"logging.level.org.springframework.web=debug", "logging.level.io.panicboard=debug" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
@RecordApplicationEvents
@ExtendWith(OutputCaptureExtension.class)
class ApiTokensTests {

	static final String BOOTSTRAP = "bootstrap-Zq9vT2kP7wX4";

	private static final String CRASH = """
			panic: assignment to entry in nil map

			goroutine 1 [running]:
			main.main()
				/app/main.go:8 +0x70
			exit status 2
			""";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEvents events;

	@Test
	void createdTokenShowsItsSecretOnceAndStoresOnlyItsHash() {
		MvcTestResult created = create("{\"name\":\"orders ingest\",\"scope\":\"ingest\",\"service\":\"orders\"}");
		assertThat(created).hasStatus(201).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.name").isEqualTo("orders ingest");
			assertThat(json).extractingPath("$.scope").isEqualTo("ingest");
			assertThat(json).extractingPath("$.service").isEqualTo("orders");
			assertThat(json).extractingPath("$.secret").asString().matches("pbt_[A-Za-z0-9_-]{43}");
			assertThat(json).extractingPath("$.createdAt").asString().isNotBlank();
		});
		String secret = read(created, "$.secret");
		long id = ((Number) JsonPath.read(body(created), "$.id")).longValue();
		String randomPart = secret.substring("pbt_".length());

		String row = this.jdbc.sql("SELECT t::text FROM api_token t WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(row).doesNotContain(randomPart).contains(randomPart.substring(0, 8));
		assertThat(this.jdbc.sql("SELECT secret_hash FROM api_token WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo(TokenSecrets.hash(secret)).matches("[0-9a-f]{64}");
		assertThat(this.jdbc.sql("SELECT string_agg(t::text, ' ') FROM api_token t").query(String.class).single())
			.doesNotContain(randomPart);

		MvcTestResult list = admin(this.mvc.get().uri("/api/v1/tokens")).exchange();
		assertThat(list).hasStatusOk();
		assertThat(body(list)).doesNotContain(randomPart)
			.contains("\"displayPrefix\":\"pbt_" + randomPart.substring(0, 8));
		List<String> createdBy = JsonPath.read(body(list), "$[?(@.id == " + id + ")].createdBy");
		assertThat(createdBy).containsExactly("bootstrap");
	}

	@Test
	void publishesCreationSoTheServiceCanBeRegistered() {
		long id = ((Number) JsonPath.read(
				body(create("{\"name\":\"billing ingest\",\"scope\":\"ingest\",\"service\":\"billing-api\"}")), "$.id"))
			.longValue();
		assertThat(this.events.stream(ApiTokenCreated.class)).singleElement().satisfies((event) -> {
			assertThat(event.tokenId()).isEqualTo(id);
			assertThat(event.scope()).isEqualTo(TokenScope.INGEST);
			assertThat(event.service()).isEqualTo("billing-api");
		});
	}

	@Test
	void createdTokenAuthenticates() {
		String ingest = secret(create("{\"name\":\"all ingest\",\"scope\":\"ingest\"}"));
		assertThat(analyze(ingest)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.findings[0].kind")
			.isEqualTo("nil_map_write");

		String admin = secret(create("{\"name\":\"second admin\",\"scope\":\"admin\"}"));
		assertThat(this.mvc.get().uri("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
			.hasStatusOk();
		String third = secret(this.mvc.post()
			.uri("/api/v1/tokens")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"made by a token\",\"scope\":\"read\"}")
			.exchange());
		assertThat(this.jdbc.sql("SELECT created_by FROM api_token WHERE secret_hash = :hash")
			.param("hash", TokenSecrets.hash(third))
			.query(String.class)
			.single()).matches("token \\d+ \\(second admin\\)");
	}

	@Test
	void revokedTokenGets401() {
		MvcTestResult created = create("{\"name\":\"short-lived\",\"scope\":\"read\"}");
		String secret = secret(created);
		long id = ((Number) JsonPath.read(body(created), "$.id")).longValue();
		assertThat(analyze(secret)).hasStatusOk();

		assertThat(admin(this.mvc.delete().uri("/api/v1/tokens/{id}", id))).hasStatus(204);

		assertThat(analyze(secret)).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, SecurityProblems.INVALID_TOKEN_CHALLENGE);
		assertThat(admin(this.mvc.get().uri("/api/v1/tokens"))).bodyJson()
			.extractingPath("$[?(@.id == " + id + ")].revokedAt")
			.asArray()
			.singleElement()
			.isNotNull();
		assertThat(admin(this.mvc.delete().uri("/api/v1/tokens/{id}", id))).as("revoking twice").hasStatus(204);
	}

	@Test
	void revokingUnknownTokenGets404() {
		assertThat(admin(this.mvc.delete().uri("/api/v1/tokens/{id}", Long.MAX_VALUE))).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void tokensOtherThanAdminCannotManageTokens() {
		for (String scope : List.of("read", "ingest")) {
			String secret = secret(create("{\"name\":\"not an admin\",\"scope\":\"" + scope + "\"}"));
			assertThat(this.mvc.post()
				.uri("/api/v1/tokens")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"escalation\",\"scope\":\"admin\"}")).hasStatus(403)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.satisfies((json) -> {
					assertThat(json).extractingPath("$.type").isEqualTo("/problems/forbidden");
					assertThat(json).extractingPath("$.detail").asString().contains("admin").contains(scope);
				});
			assertThat(this.mvc.get().uri("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
				.hasStatus(403);
			assertThat(this.mvc.delete().uri("/api/v1/tokens/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
				.hasStatus(403);
		}
	}

	@Test
	void bootstrapTokenIsAnAdmin() {
		assertThat(admin(this.mvc.get().uri("/api/v1/tokens"))).hasStatusOk();
		assertThat(analyze(BOOTSTRAP)).hasStatusOk();
	}

	@Test
	void callsWithoutValidTokenGet401() {
		for (MockMvcRequestBuilder request : List.of(this.mvc.post().uri("/api/v1/analyze").content(CRASH),
				this.mvc.get().uri("/api/v1/tokens"),
				this.mvc.post()
					.uri("/api/v1/tokens")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"name\":\"x\",\"scope\":\"admin\"}"))) {
			assertThat(request).hasStatus(401)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, SecurityProblems.CHALLENGE);
		}
		String unknown = TokenSecrets.generate();
		assertThat(analyze(unknown)).hasStatus(401)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, SecurityProblems.INVALID_TOKEN_CHALLENGE)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.doesNotContain(unknown);
		assertThat(analyze("")).hasStatus(401);
		assertThat(analyze("x".repeat(5000))).hasStatus(401);
	}

	@Test
	void rejectsInvalidRequestNamingEachField() {
		assertThat(create("{\"name\":\" \",\"scope\":\"owner\"}")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[*].field").asArray().containsExactly("name", "scope");
			});
		assertThat(create("{\"name\":\"reader\",\"scope\":\"read\",\"service\":\"orders\"}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("service");
		assertThat(create("{\"name\":\"bad service\",\"scope\":\"ingest\",\"service\":\"Orders API\"}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.contains("[a-z0-9][a-z0-9._-]{0,62}");
		assertThat(create("{\"name\":\"long service\",\"scope\":\"ingest\",\"service\":\"" + "a".repeat(64) + "\"}"))
			.hasStatus(400);
		assertThat(create("{\"name\":")).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(create("{\"name\":\"long name\",\"scope\":\"ingest\",\"service\":\"" + "a".repeat(63) + "\"}"))
			.hasStatus(201);
	}

	@Test
	void recordsLastUseAtMostOncePerMinute() {
		MvcTestResult created = create("{\"name\":\"used twice\",\"scope\":\"read\"}");
		String secret = secret(created);
		long id = ((Number) JsonPath.read(body(created), "$.id")).longValue();
		assertThat(lastUsedAt(id)).isNull();
		assertThat(analyze(secret)).hasStatusOk();
		Instant first = lastUsedAt(id);
		assertThat(first).isNotNull();
		assertThat(analyze(secret)).hasStatusOk();
		assertThat(lastUsedAt(id)).isEqualTo(first);
	}

	@Test
	void neverLogsSecrets(CapturedOutput output) {
		MvcTestResult created = create("{\"name\":\"logged?\",\"scope\":\"admin\"}");
		String secret = secret(created);
		long id = ((Number) JsonPath.read(body(created), "$.id")).longValue();
		assertThat(analyze(secret)).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.hasStatusOk();
		assertThat(admin(this.mvc.delete().uri("/api/v1/tokens/{id}", id))).hasStatus(204);
		assertThat(analyze(secret)).hasStatus(401);
		assertThat(analyze(BOOTSTRAP + "-wrong")).hasStatus(401);

		assertThat(output.getAll()).contains("TokensController#create", "secret=(hidden)")
			.doesNotContain(secret.substring("pbt_".length()))
			.doesNotContain(BOOTSTRAP);
	}

	private MvcTestResult create(String json) {
		return admin(this.mvc.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON).content(json))
			.exchange();
	}

	private MockMvcRequestBuilder admin(MockMvcRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP);
	}

	private MvcTestResult analyze(String token) {
		return this.mvc.post()
			.uri("/api/v1/analyze")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.TEXT_PLAIN)
			.content(CRASH)
			.exchange();
	}

	private Instant lastUsedAt(long id) {
		return this.jdbc.sql("SELECT last_used_at FROM api_token WHERE id = :id")
			.param("id", id)
			.query(Instant.class)
			.optional()
			.orElse(null);
	}

	private static String secret(MvcTestResult created) {
		assertThat(created).hasStatus(201);
		return read(created, "$.secret");
	}

	private static String read(MvcTestResult result, String path) {
		return JsonPath.read(body(result), path);
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
