package io.panicboard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts of a rendered page: the {@code data-chart} attributes of its canvases, as
 * the HTML holds them (escaped) and as the browser's script reads them (JSON).
 */
public final class PageCharts {

	private static final Pattern ATTRIBUTE = Pattern.compile("<canvas [^>]*data-chart=\"([^\"]*)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PageCharts() {
	}

	/**
	 * The {@code data-chart} attributes of a page as written in its HTML. Each is checked
	 * to hold no character that could end the attribute or start markup.
	 * @param html the page
	 * @return the attribute values, still escaped
	 */
	public static List<String> attributes(String html) {
		List<String> attributes = new ArrayList<>();
		Matcher matcher = ATTRIBUTE.matcher(html);
		while (matcher.find()) {
			attributes.add(matcher.group(1));
		}
		assertThat(attributes).allSatisfy((value) -> assertThat(value).doesNotContain("<", ">", "'"));
		return attributes;
	}

	/**
	 * The charts of a page, as the script reads them.
	 * @param html the page
	 * @return the JSON of every chart, in page order
	 */
	public static List<JsonNode> of(String html) {
		return attributes(html).stream().map((value) -> JSON.readTree(HtmlUtils.htmlUnescape(value))).toList();
	}

	/**
	 * The charts of one type.
	 * @param html the page
	 * @param type {@code bars}, {@code lines}, {@code sparkline} or {@code gauge}
	 * @return their JSON, in page order
	 */
	public static List<JsonNode> of(String html, String type) {
		return of(html).stream().filter((chart) -> chart.get("type").asString().equals(type)).toList();
	}

}
