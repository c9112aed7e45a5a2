package io.panicboard.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test beans of the dashboard page tests: a fixed clock, no scheduled jobs, and a way to
 * record incidents with occurrences at chosen times.
 */
@TestConfiguration(proxyBeanMethods = false)
class DashboardTestConfiguration {

	/**
	 * Half past an hour, a few hours after the real time, so that whatever other test
	 * classes stored earlier in this JVM is older.
	 */
	static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(3 * 60 + 30));

	private static final Pattern INCIDENT_LINK = Pattern.compile("href=\"/incidents/(\\d+)\"");

	@Bean
	@Primary
	Clock dashboardClock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	/**
	 * No scheduled jobs in this context: with its clock hours ahead, the mute expiry job
	 * would reopen incidents that other test classes muted for an hour, in the database
	 * they share.
	 */
	@Bean
	static BeanFactoryPostProcessor noScheduledJobs() {
		return (beanFactory) -> ((BeanDefinitionRegistry) beanFactory)
			.removeBeanDefinition(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
	}

	@Bean
	DashboardData dashboardData(OccurrenceRecorder recorder, TransactionTemplate transactions, JdbcClient jdbc) {
		return new DashboardData(recorder, transactions, jdbc);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The incident ids a page links to, in page order. */
	static List<Long> linkedIncidents(String html) {
		List<Long> ids = new ArrayList<>();
		Matcher matcher = INCIDENT_LINK.matcher(html);
		while (matcher.find()) {
			ids.add(Long.parseLong(matcher.group(1)));
		}
		return ids;
	}

	/**
	 * Records incidents the way ingestion does (occurrences, counters and hourly rollups
	 * through the {@link OccurrenceRecorder}) and adjusts them.
	 */
	static final class DashboardData {

		private final OccurrenceRecorder recorder;

		private final TransactionTemplate transactions;

		private final JdbcClient jdbc;

		DashboardData(OccurrenceRecorder recorder, TransactionTemplate transactions, JdbcClient jdbc) {
			this.recorder = recorder;
			this.transactions = transactions;
			this.jdbc = jdbc;
		}

		/**
		 * A new incident (a fresh fingerprint) with one occurrence at each given time.
		 */
		long incident(String service, String environment, Instant... occurredAt) {
			String fingerprint = UUID.randomUUID().toString().replace("-", "");
			List<NewOccurrence> occurrences = new ArrayList<>();
			for (Instant at : occurredAt) {
				occurrences.add(new NewOccurrence(service, environment, "1.0.0", "pod-1", null, at, Instant.now(),
						TestOccurrences.finding(fingerprint)));
			}
			return this.transactions.execute((status) -> this.recorder.record(occurrences).get(0).incidentId());
		}

		long incident(String service, Instant... occurredAt) {
			return incident(service, "production", occurredAt);
		}

		/** Sets columns of an incident, e.g. {@code set(id, "status", "resolved")}. */
		void set(long id, String column, Object value) {
			// column names come from the tests, never from input
			Object parameter = (value instanceof Instant instant) ? Timeline.utc(instant) : value;
			this.jdbc.sql("UPDATE incident SET " + column + " = ? WHERE id = ?").params(parameter, id).update();
		}

		void setComponents(long id, String json) {
			this.jdbc.sql("UPDATE incident SET fingerprint_components = ?::jsonb WHERE id = ?")
				.params(json, id)
				.update();
		}

	}

}
