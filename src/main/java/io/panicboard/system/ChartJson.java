package io.panicboard.system;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a chart's view model as the JSON that {@code static/js/charts.js} reads from a
 * canvas's {@code data-chart} attribute (Thymeleaf escapes it there).
 */
public final class ChartJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ChartJson() {
	}

	/**
	 * The chart as JSON.
	 * @param type what charts.js draws: {@code bars}, {@code lines}, {@code sparkline} or
	 * {@code gauge}
	 * @param chart the view model, a record
	 * @return its components and {@code type}, as JSON
	 */
	public static String of(String type, Object chart) {
		ObjectNode node = MAPPER.valueToTree(chart);
		node.put("type", type);
		return MAPPER.writeValueAsString(node);
	}

}
