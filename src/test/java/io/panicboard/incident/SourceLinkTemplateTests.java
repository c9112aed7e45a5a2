package io.panicboard.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLinkTemplateTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://github.com/acme/orders/blob/{version}/{path}#L{line}",
			"https://git.example.com/shop/blob/{version}/{file}#L{line}",
			"http://gitlab.internal:8443/-/blob/{version}/{path}?ref=main#L{line}", "https://example.com/src",
			"HTTPS://example.com/{path}" })
	void acceptsHttpUrlsWithKnownPlaceholders(String template) {
		assertThat(SourceLinkTemplate.check(template)).isEmpty();
	}

	@Test
	void namesAnUnknownPlaceholder() {
		assertThat(SourceLinkTemplate.check("https://example.com/{commit}/{path}")).hasValueSatisfying((problem) -> {
			assertThat(problem.messageKey()).isEqualTo("admin.services.error.placeholder");
			assertThat(problem.arguments()[0]).isEqualTo("{commit}");
		});
		assertThat(SourceLinkTemplate.check("https://example.com/{}")).hasValueSatisfying(
				(problem) -> assertThat(problem.messageKey()).isEqualTo("admin.services.error.placeholder"));
		assertThat(SourceLinkTemplate.check("https://example.com/{Version}")).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com/{path", "https://example.com/path}", "https://example.com/{{line}}" })
	void refusesStrayBraces(String template) {
		assertThat(SourceLinkTemplate.check(template))
			.hasValueSatisfying((problem) -> assertThat(problem.messageKey()).isEqualTo("admin.services.error.braces"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/{path}", "example.com/{path}", "https:///{path}", "https://",
			"javascript:alert(1)", "https://exa mple.com/{path}", "file:///etc/{path}" })
	void refusesAnythingButAnHttpUrlWithAHost(String template) {
		assertThat(SourceLinkTemplate.check(template)).hasValueSatisfying(
				(problem) -> assertThat(problem.messageKey()).isEqualTo("admin.services.error.templateUrl"));
	}

	@Test
	void refusesAVeryLongTemplate() {
		assertThat(SourceLinkTemplate.check("https://example.com/" + "a".repeat(500))).hasValueSatisfying(
				(problem) -> assertThat(problem.messageKey()).isEqualTo("admin.services.error.templateLength"));
	}

}
