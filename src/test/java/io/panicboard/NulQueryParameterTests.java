package io.panicboard;

import java.net.URI;
import java.util.UUID;

import io.panicboard.incident.ServiceCatalog;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A NUL character ({@code %00}) in a free-text query parameter of a list or read:
 * PostgreSQL's text cannot hold it, so compared with a column it would fail the query (a
 * 500). The API answers 400 naming the parameter; a page leaves the value out.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class NulQueryParameterTests {

	private static final ApiPrincipal READER = new ApiPrincipal(0, "nul-query-reader", TokenScope.READ, null);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ServiceCatalog services;

	@ParameterizedTest
	@CsvSource({ "/api/v1/incidents?q=a%00b, q", "/api/v1/incidents?service=a%00b, service",
			"/api/v1/incidents?environment=%00, environment", "/api/v1/alerts?service=a%00b, service",
			"/api/v1/notifications?channel=a%00b, channel", "/api/v1/reports/weekly?team=a%00b, team",
			"/api/v1/reports/weekly?service=a%00b, service" })
	void apiAnswersBadRequestNamingTheParameter(String path, String field) {
		MvcTestResult result = this.mvc.get().uri(URI.create(path)).with(TestTokens.as(READER)).exchange();
		assertThat(result).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo(field);
				assertThat(json).extractingPath("$.errors[0].message").isEqualTo("must not contain NUL characters");
			});
	}

	@ParameterizedTest
	@CsvSource({ "/incidents?q=a%00b, 200", "/incidents?service=a%00b&environment=b%00, 200",
			"/incidents?kind=a%00b&status=%00&severity=c%00, 200", "/incidents?range=%00&sort=lastSeen%00, 200",
			"/alerts/notifications?channel=a%00b, 200", "/reports/weekly?team=a%00b, 400",
			"/reports/weekly?service=a%00b, 400" })
	void pageLeavesTheValueOut(String path, int status) {
		MvcTestResult result = this.mvc.get().uri(URI.create(path)).with(user("nul").roles("VIEWER")).exchange();
		assertThat(result).hasStatus(status);
		assertThat(result.getResponse().getContentAsByteArray()).doesNotContain((byte) 0);
	}

	@Test
	void reportPageSaysWhatIsWrong() {
		assertThat(this.mvc.get()
			.uri(URI.create("/reports/weekly?service=a%00b"))
			.with(user("nul").roles("VIEWER"))
			.exchange()).hasStatus(400).bodyText().contains("a␀b", "holds a NUL character");
	}

	@Test
	void servicePageShowsItsDefaultEnvironment() {
		String service = "nul-" + UUID.randomUUID();
		this.services.register(service);
		assertThat(this.mvc.get()
			.uri(URI.create("/services/" + service + "?environment=a%00b"))
			.with(user("nul").roles("VIEWER"))
			.exchange()).hasStatusOk().bodyText().contains("production");
	}

}
