package io.panicboard.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ChartJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesAChartWithItsTypeForTheScript() {
		JsonNode sparkline = JSON.readTree(Sparkline.of(new long[] { 0, 3, 1 }).json());
		assertThat(sparkline.get("type").asString()).isEqualTo("sparkline");
		assertThat(sparkline.get("values").toString()).isEqualTo("[0,3,1]");
		assertThat(sparkline.get("max").asLong()).isEqualTo(3);
		assertThat(sparkline.get("total").asLong()).isEqualTo(4);
	}

	@Test
	void keepsTraceTextAsItIsForTheTemplateToEscape() {
		String kind = "<img src=x onerror=alert(1)>\"'&";
		StackedBarChart chart = StackedBarChart.of(List.of(Instant.parse("2026-11-21T10:00:00Z")), 3600,
				List.of(new StackedBarChart.SeriesValues(kind, new long[] { 2 })),
				List.of(new StackedBarChart.MarkerAt(Instant.parse("2026-11-21T10:30:00Z"), kind)), ZoneOffset.UTC);
		JsonNode json = JSON.readTree(chart.json());
		assertThat(json.get("type").asString()).isEqualTo("bars");
		assertThat(json.at("/series/0/name").asString()).isEqualTo(kind);
		assertThat(json.at("/series/0/tooltips/0").asString()).isEqualTo(kind + ": 2");
		assertThat(json.at("/markers/0/label").asString()).isEqualTo(kind);
		assertThat(json.at("/markers/0/position").asDouble()).isEqualTo(0.5);
		assertThat(json.at("/notes/0/0").asString()).isEqualTo(kind);
	}

}
