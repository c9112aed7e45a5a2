package io.panicboard.system;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Errors of the API are problem+json; errors of pages are an error status that the
 * servlet container forwards to the error pages (which MockMvc does not do: the browser
 * tests see those pages).
 */
@SpringBootTest(properties = "panicboard.bootstrap-token=error-pages-test-token")
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class ErrorPagesTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void unknownApiPathIsProblemJson() {
		assertThat(this.mvc.get()
			.uri("/api/v1/no-such-thing")
			.header(HttpHeaders.AUTHORIZATION, "Bearer error-pages-test-token")).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void queryParameterOfTheWrongTypeIsNamed() {
		assertThat(this.mvc.get()
			.uri("/api/v1/notifications?size=abc")
			.header(HttpHeaders.AUTHORIZATION, "Bearer error-pages-test-token")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-request");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("size");
				assertThat(json).extractingPath("$.errors[0].message").asString().startsWith("must be a whole number");
			});
	}

	@Test
	void unknownPageIsAnErrorStatusForTheErrorPageNotJson() {
		assertThat(this.mvc.get().uri("/no-such-page").accept(MediaType.TEXT_HTML).with(user("ann").roles("VIEWER")))
			.hasStatus(404)
			.satisfies((result) -> assertThat(result.getResponse().getContentAsString()).isEmpty());
	}

}
