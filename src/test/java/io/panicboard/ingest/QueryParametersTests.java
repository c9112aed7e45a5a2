package io.panicboard.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryParametersTests {

	@Test
	void decodesValuesAndTreatsEmptyOrBlankAsAbsent() {
		QueryParameters query = QueryParameters.of("service=orders&instance=pod%20a%2F1&version=&stream=%20%09");
		assertThat(query.name("service", true)).isEqualTo("orders");
		assertThat(query.text("instance", 256)).isEqualTo("pod a/1");
		assertThat(query.text("version", 128)).isNull();
		assertThat(query.text("stream", 64)).isNull();
		assertThat(query.name("environment", false)).isNull();
		query.requireValid();
	}

	@Test
	void namesEveryInvalidParameterInOneAnswer() {
		QueryParameters query = QueryParameters.of("environment=Prod!&instance=" + "x".repeat(300));
		query.name("service", true);
		query.name("environment", false);
		query.text("instance", 256);
		assertThat(query.hasError("instance")).isTrue();
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(query::requireValid)
			.satisfies((ex) -> assertThat(ex.getBody().getProperties().toString()).contains("service", "is required",
					"environment", "must match", "instance", "at most 256"));
	}

	@Test
	void countsCharactersNotUtf16Units() {
		String emoji = "%F0%9F%98%80";
		QueryParameters query = QueryParameters.of("instance=" + emoji.repeat(256) + "&stream=" + emoji.repeat(65));
		assertThat(query.text("instance", 256)).hasSize(512);
		assertThat(query.text("stream", 64)).isNull();
		assertThat(query.hasError("instance")).isFalse();
		assertThat(query.hasError("stream")).isTrue();
	}

	@Test
	void aParameterGivenTwiceIsInvalid() {
		QueryParameters query = QueryParameters.of("service=a&service=b&instance=x&version=&version=1");
		assertThat(query.name("service", true)).isNull();
		assertThat(query.text("instance", 256)).isEqualTo("x");
		assertThat(query.text("version", 128)).isNull();
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(query::requireValid)
			.satisfies((ex) -> assertThat(ex.getBody().getProperties().get("errors").toString())
				.contains("field=service, message=must be given once", "field=version, message=must be given once")
				.doesNotContain("is required"));
	}

	@Test
	void aTooLongNameIsNotAlsoReportedMissing() {
		QueryParameters query = QueryParameters.of("service=" + "a".repeat(64));
		assertThat(query.name("service", true)).isNull();
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(query::requireValid)
			.satisfies((ex) -> assertThat(ex.getBody().getProperties().toString()).contains("at most 63")
				.doesNotContain("is required"));
	}

}
