package io.panicboard.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panicboard.system.LineChart.SeriesValues;
import io.panicboard.system.LineChart.TickAt;
import io.panicboard.system.LineChart.Unit;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The description of a chart, which screen readers are given and a reader without
 * JavaScript sees, as {@code fragments/charts.html} writes it with the messages: every
 * count in it with the singular or plural its number needs.
 */
class ChartDescriptionTests {

	private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

	private static final Pattern ARIA_LABEL = Pattern.compile("<canvas [^>]*aria-label=\"([^\"]*)\"");

	private static final Pattern FALLBACK = Pattern.compile("<p class=\"chart-fallback\">([^<]*)</p>");

	private final SpringTemplateEngine templates = templates();

	@Test
	void lineChartOfOneLineOnePointOneMarkerAndOneTickIsInTheSingular() {
		LineChart chart = LineChart.of(starts(1, 60), 60, List.of(new SeriesValues("live", new double[] { 3 })),
				Unit.COUNT, List.of(new LineChart.MarkerAt(START, "v2", "Deploy of v2")),
				List.of(new TickAt(START, 0, "out_of_memory", "1 × out_of_memory")), ZoneOffset.UTC);
		assertThat(descriptions("lineChart", chart))
			.containsOnly("Goroutines: 1 line over 1 point, up to 3, 1 marker, 1 tick");
	}

	@Test
	void lineChartOfSeveralLinesMarkersAndTicksIsInThePlural() {
		LineChart chart = LineChart.of(starts(4, 60), 60,
				List.of(new SeriesValues("p50", new double[] { 1, 2, 3, 4 }),
						new SeriesValues("p99", new double[] { 2, 3, 4, 5 })),
				Unit.COUNT,
				List.of(new LineChart.MarkerAt(START, "v2", "Deploy of v2"),
						new LineChart.MarkerAt(START.plusSeconds(120), "v3", "Deploy of v3")),
				List.of(new TickAt(START, 0, "out_of_memory", "1 × out_of_memory"),
						new TickAt(START.plusSeconds(60), 0, "out_of_memory", "1 × out_of_memory")),
				ZoneOffset.UTC);
		assertThat(descriptions("lineChart", chart))
			.containsOnly("Goroutines: 2 lines over 4 points, up to 5, 2 markers, 2 ticks");
	}

	@Test
	void lineChartWithoutMarkersOrTicksDoesNotMentionThem() {
		LineChart chart = LineChart.of(starts(4, 60), 60, List.of(new SeriesValues("x", new double[] { 1, 2, 3, 4 })),
				Unit.COUNT, List.of(), List.of(), ZoneOffset.UTC);
		assertThat(descriptions("lineChart", chart)).containsOnly("Goroutines: 1 line over 4 points, up to 4");
	}

	@Test
	void barChartOfOneBucketAndOneMarkerIsInTheSingular() {
		StackedBarChart chart = StackedBarChart.of(starts(1, 3600), 3600,
				List.of(new StackedBarChart.SeriesValues("nil_map_write", new long[] { 1 })),
				List.of(new StackedBarChart.MarkerAt(START, "v2", "Deploy of v2")), ZoneOffset.UTC);
		assertThat(descriptions("stackedBars", chart)).containsOnly("Goroutines: 1 in 1 bucket, 1 marker");
	}

	@Test
	void barChartOfSeveralBucketsAndMarkersIsInThePlural() {
		StackedBarChart chart = StackedBarChart
			.of(starts(24, 3600), 3600, List.of(new StackedBarChart.SeriesValues("nil_map_write", new long[24])),
					List.of(new StackedBarChart.MarkerAt(START, "v2", "Deploy of v2"),
							new StackedBarChart.MarkerAt(START.plusSeconds(7200), "v3", "Deploy of v3")),
					ZoneOffset.UTC);
		assertThat(descriptions("stackedBars", chart)).containsOnly("Goroutines: 0 in 24 buckets, 2 markers");
	}

	/** The canvas's {@code aria-label} and the text shown without JavaScript. */
	private List<String> descriptions(String fragment, Object chart) {
		String html = this.templates.process(
				"<div th:replace=\"~{fragments/charts :: " + fragment + "(${chart}, 'Goroutines')}\"></div>",
				new Context(Locale.ENGLISH, Map.of("chart", chart)));
		List<String> texts = new ArrayList<>();
		for (Pattern pattern : List.of(ARIA_LABEL, FALLBACK)) {
			Matcher matcher = pattern.matcher(html);
			assertThat(matcher.find()).as(pattern.pattern()).isTrue();
			texts.add(HtmlUtils.htmlUnescape(matcher.group(1)));
		}
		return texts;
	}

	private static List<Instant> starts(int n, long seconds) {
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			starts.add(START.plusSeconds(i * seconds));
		}
		return starts;
	}

	private static SpringTemplateEngine templates() {
		ClassLoaderTemplateResolver files = new ClassLoaderTemplateResolver();
		files.setPrefix("templates/");
		files.setSuffix(".html");
		files.setCharacterEncoding("UTF-8");
		files.setCheckExistence(true);
		files.setOrder(1);
		StringTemplateResolver strings = new StringTemplateResolver();
		strings.setOrder(2);
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(files);
		engine.addTemplateResolver(strings);
		engine.setTemplateEngineMessageSource(messages);
		return engine;
	}

}
