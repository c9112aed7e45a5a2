package io.panicboard.security;

import com.jayway.jsonpath.JsonPath;
import io.panicboard.TestDatabaseConfiguration;
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

@SpringBootTest(properties = { "panicboard.bootstrap-token=" + RateLimitTests.BOOTSTRAP,
		"panicboard.security.rate-limit.capacity=3", "panicboard.security.rate-limit.refill-tokens=1",
		"panicboard.security.rate-limit.refill-period=1h" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class RateLimitTests {

	static final String BOOTSTRAP = "rate-limit-bootstrap";

	@Autowired
	private MockMvcTester mvc;

	@Test
	void answers429WithRetryAfterOnceTokenSpentItsBucket() throws Exception {
		String secret = createIngestToken("busy");

		for (int i = 0; i < 3; i++) {
			assertThat(analyze(secret)).hasStatusOk();
		}
		assertThat(analyze(secret)).hasStatus(429)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("RateLimit-Policy", "\"per-token\";q=3")
			.satisfies((result) -> {
				long retryAfter = Long.parseLong(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER));
				assertThat(retryAfter).isBetween(1L, 3600L);
			})
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.status").isEqualTo(429);
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/rate-limited");
			});
		assertThat(analyze(BOOTSTRAP)).as("another token has its own bucket").hasStatusOk();
	}

	@Test
	void countsRequestsWithAMethodOrContentTypeTheEndpointRefusesAndAnswersThem429() throws Exception {
		String secret = createIngestToken("refused");
		assertThat(this.mvc.get().uri("/api/v1/analyze").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.hasStatus(405);
		assertThat(this.mvc.post()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)
			.contentType(MediaType.TEXT_PLAIN)
			.content("x")).hasStatus(415);
		assertThat(analyze(secret)).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/analyze").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.as("over the limit, the rate limit answers before the endpoint's own checks")
			.hasStatus(429);
		assertThat(analyze(secret)).hasStatus(429);
	}

	private String createIngestToken(String name) throws Exception {
		MvcTestResult created = this.mvc.post()
			.uri("/api/v1/tokens")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"scope\":\"ingest\"}")
			.exchange();
		assertThat(created).hasStatus(201);
		return JsonPath.read(created.getResponse().getContentAsString(), "$.secret");
	}

	private MvcTestResult analyze(String token) {
		return this.mvc.post()
			.uri("/api/v1/analyze")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.TEXT_PLAIN)
			.content("no crash here")
			.exchange();
	}

}
