package io.panicboard.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class HeartbeatsControllerTests {

	private static final ApiPrincipal ALL = new ApiPrincipal(0, "heartbeat-all", TokenScope.INGEST, null);

	private static final ApiPrincipal READER = new ApiPrincipal(0, "heartbeat-reader", TokenScope.READ, null);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	private String service;

	@BeforeEach
	void service() {
		this.service = "hb-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void marksTheInstanceObservedInTheMinuteReceivedOnce() {
		String body = """
				{"service": "%s", "environment": "staging", "instance": "pod-1", "version": "1.2.3",
				 "startedAt": "2026-11-01T10:00:00Z"}""".formatted(this.service);
		assertThat(post(body, ALL)).hasStatus(202);
		assertThat(post(body, ALL)).hasStatus(202);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM heartbeat WHERE service = ? AND environment = 'staging' "
					+ "AND instance = 'pod-1' AND version = '1.2.3' AND minute = date_trunc('minute', minute)")
			.param(this.service)
			.query(Long.class)
			.single()).isBetween(1L, 2L);
	}

	@Test
	void aServiceTokenMayOnlySendForItsService() {
		String body = "{\"service\": \"%s\", \"instance\": \"pod-1\"}".formatted(this.service);
		assertThat(post(body, ALL)).hasStatus(202);
		ApiPrincipal other = new ApiPrincipal(0, "heartbeat-other", TokenScope.INGEST, "some-other-service");
		assertThat(post(body, other)).hasStatus(403);
		assertThat(post(body, READER)).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/api/v1/heartbeats")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange()).hasStatus(401);
	}

	@Test
	void namesInvalidFields() throws Exception {
		MvcTestResult result = post("{\"service\": \"Bad!\", \"startedAt\": \"yesterday\"}", ALL);
		assertThat(result).hasStatus(400);
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"service\"",
				"\"instance\"", "\"startedAt\"");
	}

	private MvcTestResult post(String body, ApiPrincipal principal) {
		return this.mvc.post()
			.uri("/api/v1/heartbeats")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(TestTokens.as(principal))
			.exchange();
	}

}
