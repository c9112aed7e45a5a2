package io.panicboard.alert;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

	@Test
	void matchesOneValueExactlyAndSeveralWithAnEscapedAlternation() {
		assertThat(PromQl.matcher("kind", List.of("nil_map_write"))).isEqualTo("kind=\"nil_map_write\"");
		assertThat(PromQl.matcher("service", List.of("api.v2", "a+b"))).isEqualTo("service=~\"api\\\\.v2|a\\\\+b\"");
	}

	@Test
	void quotesEveryRegularExpressionMetacharacter() {
		assertThat(PromQl.quoteRegex("a.b*c?d+(e)|[f]{g}^h$i\\j"))
			.isEqualTo("a\\.b\\*c\\?d\\+\\(e\\)\\|\\[f\\]\\{g\\}\\^h\\$i\\\\j");
		assertThat(PromQl.quoteRegex("checkout-api_2")).isEqualTo("checkout-api_2");
	}

	@Test
	void escapesStringLiteralsAsPromQlReadsThem() {
		assertThat(PromQl.string("say \"hi\"\\n")).isEqualTo("\"say \\\"hi\\\"\\\\n\"");
		assertThat(PromQl.string("tab\there\nnew\u0001")).isEqualTo("\"tab\\there\\nnew\\x01\"");
		assertThat(PromQl.string("prod-€")).isEqualTo("\"prod-€\"");
	}

	@Test
	void writesDurationsInPrometheusUnits() {
		assertThat(PromQl.duration(0)).isEqualTo("0s");
		assertThat(PromQl.duration(15)).isEqualTo("15s");
		assertThat(PromQl.duration(300)).isEqualTo("5m");
		assertThat(PromQl.duration(90)).isEqualTo("1m30s");
		assertThat(PromQl.duration(3600)).isEqualTo("1h");
		assertThat(PromQl.duration(5400)).isEqualTo("1h30m");
		assertThat(PromQl.duration(86400 + 3661)).isEqualTo("1d1h1m1s");
		assertThat(PromQl.duration(7 * 86400)).isEqualTo("7d");
	}

	@Test
	void writesNumbersWithoutNeedlessFractions() {
		assertThat(PromQl.number(3.0)).isEqualTo("3");
		assertThat(PromQl.number(536870912.0)).isEqualTo("536870912");
		assertThat(PromQl.number(0.5)).isEqualTo("0.5");
		assertThat(PromQl.number(2000)).isEqualTo("2000");
		assertThat(PromQl.number(1e20)).isEqualTo("100000000000000000000");
	}

}
