package io.panicboard.system;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem of the API has a {@code type}: panicboard's own under {@code /problems/},
 * plain HTTP errors (405, 404, 500) {@code about:blank}, as api.md says.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class ApiExceptionHandlerTests {

	private static final ApiPrincipal READER = new ApiPrincipal(0, "problem-types reader", TokenScope.READ, null);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ApiExceptionHandler handler;

	@Test
	void methodNotAllowedHasTheBlankType() {
		assertThat(this.mvc.get().uri("/api/v1/analyze").with(TestTokens.as(READER))).hasStatus(405)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("about:blank");
				assertThat(json).extractingPath("$.title").isEqualTo("Method Not Allowed");
			});
	}

	@Test
	void unknownAddressHasTheBlankType() {
		assertThat(this.mvc.get().uri("/api/v1/no-such-thing").with(TestTokens.as(READER))).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("about:blank");
	}

	@Test
	void serverFaultHasTheBlankTypeAndRevealsNothing() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/incidents");
		ResponseEntity<ProblemDetail> answer = this.handler.handleUnexpected(new IllegalStateException("secret detail"),
				new ServletWebRequest(request, new MockHttpServletResponse()));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(answer.getBody().getType()).hasToString("about:blank");
		assertThat(answer.getBody().getDetail()).doesNotContain("secret");
	}

}
