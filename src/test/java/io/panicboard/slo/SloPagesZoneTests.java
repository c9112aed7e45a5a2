package io.panicboard.slo;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.panicboard.PageCharts;
import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The SLO page shows its charts' times in {@code panicboard.pages.zone}, as every page
 * does, and its days start at midnight there: in Asia/Kolkata (+05:30) at 18:30 UTC.
 */
@SpringBootTest(properties = "panicboard.pages.zone=Asia/Kolkata")
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class SloPagesZoneTests {

	/** 20:45 UTC, already 02:15 of the next day in Kolkata. */
	static final Instant NOW = Instant.parse("2026-03-10T20:45:00Z");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private SloStore store;

	@Test
	void chartsShowTheirTimesInThePagesZoneAndDaysStartAtItsMidnight() {
		String name = "zoned-" + UUID.randomUUID().toString().substring(0, 8);
		Slo slo = this.store.create(
				new Slo(null, name, null, name, "production", Indicator.CRASH_BUDGET, List.of("nil_map_write"), 5, null,
						null, null, null, SloWindow.rolling(7), BudgetingMethod.OCCURRENCES, null, null, null),
				NOW, "test");
		List<JsonNode> charts = PageCharts.of(body("/slos/" + slo.id()), "lines");
		assertThat(charts).hasSize(2);
		// hourly burn rates up to the last whole hour, 20:00 UTC, which is 01:30 in
		// Kolkata
		List<String> hours = titles(charts.get(0));
		assertThat(hours).hasSize(72).allSatisfy((title) -> assertThat(title).endsWith(":30"));
		assertThat(hours.get(71)).isEqualTo("Mar 11 00:30");
		// the 7-day window starts on March 4 in Kolkata; its last day is March 11 there
		List<String> days = titles(charts.get(1));
		assertThat(days.get(0)).isEqualTo("Mar 4 00:00");
		assertThat(days.get(days.size() - 1)).isEqualTo("Mar 11 00:00");
		assertThat(days).hasSize(8);
	}

	private static List<String> titles(JsonNode chart) {
		return chart.get("titles").valueStream().map(JsonNode::asString).toList();
	}

	private String body(String url) {
		MvcTestResult result = this.mvc.get().uri(url).with(user("vera").roles("VIEWER")).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock sloPagesClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		/**
		 * No scheduled jobs: with this clock they would roll up and expire in the past.
		 */
		@Bean
		static BeanFactoryPostProcessor noScheduledJobs() {
			return (beanFactory) -> ((BeanDefinitionRegistry) beanFactory)
				.removeBeanDefinition(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
		}

	}

}
