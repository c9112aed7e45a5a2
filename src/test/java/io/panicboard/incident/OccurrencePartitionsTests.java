package io.panicboard.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.incident.IncidentGrouperTests.fingerprint;
import static io.panicboard.incident.IncidentGrouperTests.service;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class OccurrencePartitionsTests {

	// 2025-03-15: partitions of March to May 2025; 90 days after June 1st, all of them
	// are
	// past retention, but the ones of the real clock are not.
	private static final Instant PAST = Instant.parse("2025-03-15T12:00:00Z");

	@Autowired
	private OccurrencePartitions partitions;

	@Autowired
	private OccurrenceRecorder recorder;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void createsMonthlyPartitionsAheadAndDropsWholePartitionsPastRetention() {
		this.partitions.maintain(PAST);
		assertThat(this.partitions.names()).contains("occurrence_p2025_03", "occurrence_p2025_04",
				"occurrence_p2025_05");
		String service = service();
		NewOccurrence old = new NewOccurrence(service, "production", "1.0.0", "a", null, PAST, PAST,
				TestOccurrences.finding(fingerprint()));
		this.transactions.execute((status) -> this.recorder.record(List.of(old)));
		assertThat(this.jdbc.sql("SELECT count(*) FROM occurrence_p2025_03 WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(1);

		// 90 days before is May 31st: April's partition ends before the cutoff, May's
		// does not.
		this.partitions.maintain(Instant.parse("2025-08-29T00:00:00Z"));
		assertThat(this.partitions.names()).doesNotContain("occurrence_p2025_03", "occurrence_p2025_04")
			.contains("occurrence_p2025_05", "occurrence_p2025_08", "occurrence_p2025_09", "occurrence_p2025_10");

		Instant now = Instant.now();
		this.partitions.maintain(now);
		assertThat(this.partitions.names()).doesNotContain("occurrence_p2025_05")
			.contains(name(now, 0), name(now, 1), name(now, 2));
		assertThat(this.jdbc.sql("SELECT count(*) FROM occurrence WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isZero();
		// The incident and its counters outlive its occurrences.
		assertThat(this.jdbc.sql("SELECT event_count FROM incident WHERE service = ?")
			.param(service)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void deletesPerMinuteCountsOlderThanTheLongestAlertWindow() {
		Instant now = Instant.now();
		String service = service();
		// received 7 days and 2 minutes ago, and 7 days less a minute ago
		Instant old = now.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(2));
		Instant recent = now.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(1));
		String fingerprint = fingerprint();
		this.transactions.execute((status) -> this.recorder.record(List.of(
				new NewOccurrence(service, "production", "1.0.0", "a", null, old, old,
						TestOccurrences.finding(fingerprint)),
				new NewOccurrence(service, "production", "1.0.0", "a", null, recent, recent,
						TestOccurrences.finding(fingerprint)))));
		String minutes = "SELECT count(*) FROM incident_minute m JOIN incident i ON i.id = m.incident_id "
				+ "WHERE i.service = ?";
		assertThat(this.jdbc.sql(minutes).param(service).query(Long.class).single()).isEqualTo(2);
		this.partitions.maintain(now);
		assertThat(this.jdbc
			.sql("SELECT m.minute FROM incident_minute m JOIN incident i ON i.id = m.incident_id WHERE i.service = ?")
			.param(service)
			.query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.list()).containsExactly(recent.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
	}

	private static String name(Instant now, int monthsAhead) {
		java.time.LocalDate month = now.atOffset(java.time.ZoneOffset.UTC)
			.toLocalDate()
			.withDayOfMonth(1)
			.plusMonths(monthsAhead);
		return "occurrence_p%04d_%02d".formatted(month.getYear(), month.getMonthValue());
	}

}
