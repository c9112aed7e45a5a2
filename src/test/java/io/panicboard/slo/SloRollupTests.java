package io.panicboard.slo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.analysis.Finding;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.system.TimePartitions;
import io.panicboard.system.TimePartitions.Period;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled SLO rollup over occurrences stored by ingestion: which minutes it reads
 * again, and what a late commit or a late heartbeat changes.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class SloRollupTests {

	/**
	 * A month no other test writes occurrences in, so the minutes' sums are this test's.
	 */
	private static final Instant MINUTE = Instant.parse("2026-08-17T05:13:00Z");

	private static Finding nilMapWrite;

	@Autowired
	private SloRollup rollup;

	@Autowired
	private OccurrenceRecorder recorder;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JdbcTemplate jdbcTemplate;

	private String service;

	@BeforeAll
	static void finding() throws IOException {
		try (InputStream in = SloRollupTests.class.getResourceAsStream("/corpus/generated/nilmap-basic.txt")) {
			nilMapWrite = new TraceAnalyzer().analyze(in.readAllBytes()).get(0);
		}
	}

	@BeforeEach
	void partitionAndService() {
		new TimePartitions(this.jdbcTemplate, "occurrence", Period.MONTH).createAhead(MINUTE, 0);
		this.service = "rollup-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void scheduledRunsReadTheOccurrencesOfAMinuteAgainOnlyWhenItHasNewOnes() {
		Instant minute = MINUTE.plusSeconds(60L * 10);
		ingest("pod-a", minute.plusSeconds(10));
		this.rollup.rollUp(minute.plusSeconds(3 * 60 + 40));
		assertThat(crashMinutes()).containsExactly(minute + " nil_map_write 1");
		assertThat(instanceMinutes()).containsExactly("pod-a " + minute + " {nil_map_write}");

		// committed after the minute was rolled up: the next run counts it
		ingest("pod-b", minute.plusSeconds(50));
		this.rollup.rollUp(minute.plusSeconds(4 * 60 + 40));
		assertThat(crashMinutes()).containsExactly(minute + " nil_map_write 2");
		assertThat(instanceMinutes()).containsExactly("pod-a " + minute + " {nil_map_write}",
				"pod-b " + minute + " {nil_map_write}");
		assertThat(crashHourCount()).isEqualTo(2);

		// a row written around ingestion, not counted in incident_minute: the minute's
		// sums
		// still agree, so a scheduled run does not read its occurrences again ...
		insertOccurrenceDirectly("pod-c", minute.plusSeconds(55));
		this.rollup.rollUp(minute.plusSeconds(5 * 60 + 40));
		assertThat(crashMinutes()).containsExactly(minute + " nil_map_write 2");
		// ... while a rollup of an explicit range reads every occurrence in it
		this.rollup.rollUp(minute, minute.plusSeconds(60));
		assertThat(crashMinutes()).containsExactly(minute + " nil_map_write 3");
		assertThat(instanceMinutes()).contains("pod-c " + minute + " {nil_map_write}");
	}

	@Test
	void aLateHeartbeatInAMinuteNotReadAgainKeepsTheCrashKindsAlreadyCounted() {
		Instant minute = MINUTE.plusSeconds(60L * 30);
		ingest("pod-a", minute.plusSeconds(10));
		this.rollup.rollUp(minute.plusSeconds(3 * 60 + 40));
		heartbeat("pod-a", minute);
		heartbeat("pod-d", minute);
		this.rollup.rollUp(minute.plusSeconds(4 * 60 + 40));
		assertThat(instanceMinutes()).containsExactly("pod-a " + minute + " {nil_map_write}",
				"pod-d " + minute + " {}");
		assertThat(crashMinutes()).containsExactly(minute + " nil_map_write 1");
	}

	@Test
	void minutesOfTheWindowWithoutOccurrencesAreNotReadAndOlderMinutesAreLeftAlone() {
		Instant minute = MINUTE.plusSeconds(60L * 50);
		ingest("pod-a", minute.plusSeconds(10));
		// the window of a run at minute + 12:40 is [minute + 2, minute + 12): too late
		this.rollup.rollUp(minute.plusSeconds(12 * 60 + 40));
		assertThat(crashMinutes()).isEmpty();
		this.rollup.rollUp(minute.plusSeconds(10 * 60 + 40));
		assertThat(crashMinutes()).containsExactly(minute + " nil_map_write 1");
	}

	private void ingest(String instance, Instant receivedAt) {
		NewOccurrence occurrence = new NewOccurrence(this.service, "production", "1.0.0", instance, null, receivedAt,
				receivedAt, nilMapWrite);
		this.transactions.executeWithoutResult((status) -> this.recorder.record(List.of(occurrence)));
	}

	private void insertOccurrenceDirectly(String instance, Instant receivedAt) {
		this.jdbc.sql("""
				INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
					instance, text, finding, kind)
				VALUES (0, ?, 'production', 'f', ?, ?, ?, 'panic', '{}', 'nil_map_write')""")
			.params(this.service, receivedAt.atOffset(UTC), receivedAt.atOffset(UTC), instance)
			.update();
	}

	private void heartbeat(String instance, Instant minute) {
		this.jdbc.sql("INSERT INTO heartbeat (service, environment, instance, minute) VALUES (?, 'production', ?, ?)")
			.params(this.service, instance, minute.atOffset(UTC))
			.update();
	}

	private List<String> crashMinutes() {
		return this.jdbc.sql("""
				SELECT to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' ' || kind || ' ' || count
				FROM slo_crash_minute WHERE service = ? ORDER BY minute, kind""")
			.param(this.service)
			.query(String.class)
			.list();
	}

	private List<String> instanceMinutes() {
		return this.jdbc.sql("""
				SELECT instance || ' ' || to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' '
					|| crash_kinds::text
				FROM slo_instance_minute WHERE service = ? ORDER BY instance, minute""")
			.param(this.service)
			.query(String.class)
			.list();
	}

	private long crashHourCount() {
		return this.jdbc.sql("SELECT coalesce(sum(count), 0) FROM slo_crash_hour WHERE service = ?")
			.param(this.service)
			.query(Long.class)
			.single();
	}

}
