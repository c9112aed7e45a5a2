package io.panicboard.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.panicboard.ingest.IngestTestConfiguration.ingestAll;
import static io.panicboard.ingest.IngestTestConfiguration.ingestOnly;
import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class DeploysControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void storesADeploy() {
		assertThat(post(
				"{\"service\":\"deploys-ok\",\"environment\":\"staging\",\"version\":\"1.4.2\","
						+ "\"timestamp\":\"2026-11-21T09:58:00Z\",\"url\":\"https://ci.example.com/runs/42\"}",
				ingestAll()))
			.hasStatus(201)
			.bodyJson()
			.extractingPath("$.id")
			.asNumber()
			.isNotNull();
	}

	@Test
	void countsTheVersionInCharacters() {
		String emoji = "\uD83D\uDE80";
		assertThat(post("{\"service\":\"deploys-emoji\",\"version\":\"" + emoji.repeat(128) + "\"}", ingestAll()))
			.hasStatus(201);
		assertThat(post("{\"service\":\"deploys-emoji\",\"version\":\"" + emoji.repeat(129) + "\"}", ingestAll()))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("must be at most 128 characters");
	}

	@Test
	void readsTheTimestampAsRfc3339Exactly() {
		assertThat(post("{\"service\":\"deploys-rfc3339\",\"version\":\"1\",\"timestamp\":\"2026-11-20T23:59:60Z\"}",
				ingestAll()))
			.hasStatus(201);
		assertThat(post("{\"service\":\"deploys-rfc3339\",\"version\":\"2\",\"timestamp\":\"2026-11-21T09:58Z\"}",
				ingestAll()))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("timestamp");
	}

	@Test
	void rejectsInvalidDeployNamingEachField() {
		assertThat(post("{\"service\":\"Deploys\",\"timestamp\":\"soon\",\"url\":\"ftp://x\"}", ingestAll()))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("service", "version", "timestamp", "url");
	}

	@Test
	void refusesAnotherServiceToAOneServiceToken() {
		assertThat(post("{\"service\":\"deploys-other\",\"version\":\"1\"}", ingestOnly("deploys-mine")))
			.hasStatus(403);
	}

	@Test
	void requiresJson() {
		assertThat(this.mvc.post()
			.uri("/api/v1/deploys")
			.with(ingestAll())
			.contentType(MediaType.TEXT_PLAIN)
			.content("{}")
			.exchange()).hasStatus(415);
	}

	@Test
	void requiresAPrincipal() {
		assertThat(this.mvc.post()
			.uri("/api/v1/deploys")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"service\":\"deploys-anonymous\",\"version\":\"1\"}")
			.exchange()).hasStatus(401);
	}

	private MvcTestResult post(String body, RequestPostProcessor principal) {
		return this.mvc.post()
			.uri("/api/v1/deploys")
			.with(principal)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
