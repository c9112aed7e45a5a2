package io.panicboard.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.panicboard.HeapOnlyUpdates;
import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.incident.TestOccurrences.occurrence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class IncidentGrouperTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(600);

	@Autowired
	private OccurrenceRecorder recorder;

	@Autowired
	private DeployRecorder deploys;

	@Autowired
	private ServiceCatalog services;

	@Autowired
	private IncidentLifecycle lifecycle;

	@Autowired
	private Timeline timeline;

	@Autowired
	private MuteExpiry muteExpiry;

	@Autowired
	private IncidentQueries queries;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * Every batch updates these columns of its incidents; an index on any of them would
	 * make each update write new entries into every index of the table instead of staying
	 * on the heap page (migration V17).
	 */
	@Test
	void columnsEveryBatchUpdatesAreInNoIndex() {
		HeapOnlyUpdates.assertPossible(this.jdbc, "incident",
				List.of("event_count", "first_seen", "last_seen", "message", "last_version"), 70);
	}

	@Test
	void groupsSixteenConcurrentBatchesOfANewFingerprintIntoOneIncident() throws Exception {
		String service = service();
		String fingerprint = fingerprint();
		int threads = 16;
		int perBatch = 5;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<RecordedOccurrence>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String instance = "pod-" + (t % 4);
				String version = "1.0." + (t % 2);
				Callable<List<RecordedOccurrence>> task = () -> {
					start.await();
					List<NewOccurrence> batch = new ArrayList<>();
					for (int i = 0; i < perBatch; i++) {
						batch.add(occurrence(service, fingerprint, version, instance, NOW.plusSeconds(i * 1800L)));
					}
					return this.transactions.execute((status) -> this.recorder.record(batch));
				};
				results.add(executor.submit(task));
			}
			start.countDown();
			List<RecordedOccurrence> recorded = new ArrayList<>();
			for (Future<List<RecordedOccurrence>> result : results) {
				recorded.addAll(result.get());
			}
			assertThat(recorded).hasSize(threads * perBatch);
			assertThat(recorded).extracting(RecordedOccurrence::incidentId).containsOnly(recorded.get(0).incidentId());
			assertThat(recorded.stream().filter(RecordedOccurrence::newIncident)).hasSize(perBatch);
		}
		finally {
			executor.shutdownNow();
		}
		long id = incidentId(service, fingerprint);
		IncidentSummary incident = this.queries.find(id).orElseThrow();
		assertThat(incident.eventCount()).isEqualTo(80);
		assertThat(incident.firstSeen()).isEqualTo(NOW);
		assertThat(incident.lastSeen()).isEqualTo(NOW.plusSeconds(4 * 1800L));
		assertThat(incident.title()).isEqualTo("nil_map_write in main.main");
		assertThat(incident.severity()).isEqualTo("critical");
		assertThat(count("SELECT count(*) FROM timeline_entry WHERE incident_id = ? AND type = 'first_seen'", id))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM occurrence WHERE incident_id = ?", id)).isEqualTo(80);
		// 0, 30, 60, 90, 120 minutes after NOW (10 past an hour): hours +0, +0, +1, +1,
		// +2
		assertThat(this.jdbc.sql("SELECT count FROM incident_hourly WHERE incident_id = ? ORDER BY hour")
			.param(id)
			.query(Long.class)
			.list()).containsExactly(32L, 32L, 16L);
		// thread t wrote version 1.0.(t % 2) on pod-(t % 4): each pod ran one version
		assertThat(this.jdbc
			.sql("SELECT version || '/' || instance || '=' || count FROM incident_version_instance "
					+ "WHERE incident_id = ? ORDER BY version, instance")
			.param(id)
			.query(String.class)
			.list()).containsExactly("1.0.0/pod-0=20", "1.0.0/pod-2=20", "1.0.1/pod-1=20", "1.0.1/pod-3=20");
		IncidentDetail detail = this.queries.detail(id).orElseThrow();
		assertThat(detail.versions().distinct()).isEqualTo(2);
		assertThat(detail.instances().distinct()).isEqualTo(4);
	}

	@Test
	void countsOccurrencesPerIncidentAndMinuteOfReceiptForTheAlertRules() {
		String service = service();
		String fingerprint = fingerprint();
		Instant minute = Instant.parse("2026-11-20T10:15:00Z");
		// received in two minutes; the later minute's first occurrence happened earliest
		List<NewOccurrence> batch = List.of(
				received(service, fingerprint, minute.minusSeconds(5), minute.plusSeconds(10)),
				received(service, fingerprint, minute.plusSeconds(20), minute.plusSeconds(30)),
				received(service, fingerprint, minute.minusSeconds(3600), minute.plusSeconds(70)));
		long id = this.transactions.execute((status) -> this.recorder.record(batch)).get(0).incidentId();
		this.transactions.execute((status) -> this.recorder
			.record(List.of(received(service, fingerprint, minute.plusSeconds(80), minute.plusSeconds(95)))));
		assertThat(this.jdbc
			.sql("SELECT minute, count, first_occurred_at, last_received_at FROM incident_minute "
					+ "WHERE incident_id = ? ORDER BY minute")
			.param(id)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant() + " " + rs.getLong(2) + " "
					+ rs.getObject(3, OffsetDateTime.class).toInstant() + " "
					+ rs.getObject(4, OffsetDateTime.class).toInstant())
			.list()).containsExactly(minute + " 2 " + minute.minusSeconds(5) + " " + minute.plusSeconds(30),
					minute.plusSeconds(60) + " 2 " + minute.minusSeconds(3600) + " " + minute.plusSeconds(95));
	}

	private static NewOccurrence received(String service, String fingerprint, Instant occurred, Instant received) {
		return new NewOccurrence(service, "production", "1.0.0", "a", null, occurred, received,
				TestOccurrences.finding(fingerprint));
	}

	@Test
	void detailSumsVersionsAndInstancesOverTheirPairsAndLeavesOutMissingOnes() {
		String service = service();
		String fingerprint = fingerprint();
		long id = this.transactions
			.execute((status) -> this.recorder.record(List.of(occurrence(service, fingerprint, "1.0.0", "pod-a", NOW),
					occurrence(service, fingerprint, "1.0.0", "pod-a", NOW.plusSeconds(10)),
					occurrence(service, fingerprint, "1.0.0", "pod-b", NOW.plusSeconds(20)),
					occurrence(service, fingerprint, "1.1.0", "pod-a", NOW.plusSeconds(30)),
					occurrence(service, fingerprint, null, "pod-c", NOW.plusSeconds(40)),
					occurrence(service, fingerprint, "1.2.0", " ", NOW.plusSeconds(50)),
					occurrence(service, fingerprint, null, null, NOW.plusSeconds(60)))))
			.get(0)
			.incidentId();
		assertThat(count("SELECT count(*) FROM incident_version_instance WHERE incident_id = ?", id)).isEqualTo(5);
		IncidentDetail detail = this.queries.detail(id).orElseThrow();
		assertThat(detail.versions().distinct()).isEqualTo(3);
		assertThat(detail.versions().top())
			.extracting(IncidentDetail.ValueCount::value, IncidentDetail.ValueCount::count)
			.containsExactly(tuple("1.0.0", 3L), tuple("1.2.0", 1L), tuple("1.1.0", 1L));
		assertThat(detail.instances().distinct()).isEqualTo(3);
		assertThat(detail.instances().top())
			.extracting(IncidentDetail.ValueCount::value, IncidentDetail.ValueCount::count,
					IncidentDetail.ValueCount::firstSeen, IncidentDetail.ValueCount::lastSeen)
			.containsExactly(tuple("pod-a", 3L, NOW, NOW.plusSeconds(30)),
					tuple("pod-c", 1L, NOW.plusSeconds(40), NOW.plusSeconds(40)),
					tuple("pod-b", 1L, NOW.plusSeconds(20), NOW.plusSeconds(20)));
	}

	@Test
	void laterBatchesAddToExistingRollupRowsAndInsertOnlyNewOnes() {
		String service = service();
		String fingerprint = fingerprint();
		long id = this.transactions
			.execute((status) -> this.recorder.record(List.of(occurrence(service, fingerprint, "1.0.0", "pod-a", NOW),
					occurrence(service, fingerprint, "1.0.0", "pod-a", NOW.plusSeconds(7200)))))
			.get(0)
			.incidentId();
		// an occurrence between the two of the same version and instance (first and last
		// seen stay), and a new version and instance, in one batch: the rows that exist
		// are updated, the others inserted
		this.transactions.execute((status) -> this.recorder
			.record(List.of(occurrence(service, fingerprint, "1.0.0", "pod-a", NOW.plusSeconds(3600)),
					occurrence(service, fingerprint, "1.1.0", "pod-b", NOW.plusSeconds(3700)))));
		assertThat(this.jdbc
			.sql("SELECT version, instance, count, first_seen, last_seen FROM incident_version_instance "
					+ "WHERE incident_id = ? ORDER BY 1, 2")
			.param(id)
			.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "=" + rs.getLong(3) + " "
					+ rs.getObject(4, OffsetDateTime.class).toInstant() + " "
					+ rs.getObject(5, OffsetDateTime.class).toInstant())
			.list()).containsExactly("1.0.0/pod-a=3 " + NOW + " " + NOW.plusSeconds(7200),
					"1.1.0/pod-b=1 " + NOW.plusSeconds(3700) + " " + NOW.plusSeconds(3700));
		assertThat(this.jdbc.sql("SELECT count FROM incident_hourly WHERE incident_id = ? ORDER BY hour")
			.param(id)
			.query(Long.class)
			.list()).containsExactly(1L, 2L, 1L);
	}

	@Test
	void resolvedIncidentReopensAsRegressionOnlyFromItsResolvedVersionOrNewer() {
		String service = service();
		String fingerprint = fingerprint();
		long id = record(occurrence(service, fingerprint, "1.4.1", "a", NOW)).incidentId();
		this.lifecycle.resolve(id, "alice", "1.4.2");

		RecordedOccurrence old = record(occurrence(service, fingerprint, "1.4.1", "a", NOW.plusSeconds(60)));
		assertThat(old.regression()).isFalse();
		assertThat(status(id)).isEqualTo("resolved");
		RecordedOccurrence older = record(occurrence(service, fingerprint, "v1.4.2-rc.1", "a", NOW.plusSeconds(61)));
		assertThat(older.regression()).isFalse();
		assertThat(status(id)).isEqualTo("resolved");

		RecordedOccurrence same = record(occurrence(service, fingerprint, "1.4.2", "b", NOW.plusSeconds(120)));
		assertThat(same.regression()).isTrue();
		assertThat(status(id)).isEqualTo("open");
		assertThat(timelineTypes(id)).containsExactly("first_seen", "resolved", "regression");
		assertThat(this.queries.find(id).orElseThrow().eventCount()).isEqualTo(4);

		this.lifecycle.resolve(id, "alice", "1.4.2");
		assertThat(record(occurrence(service, fingerprint, "1.5.0", "b", NOW.plusSeconds(180))).regression()).isTrue();
		this.lifecycle.resolve(id, "alice", null);
		assertThat(record(occurrence(service, fingerprint, "0.1.0", "b", NOW.plusSeconds(240))).regression()).isTrue();
		assertThat(status(id)).isEqualTo("open");
	}

	@Test
	void aCommitHashVersionReopensAnIncidentResolvedInAnotherHash() {
		String service = service();
		String fingerprint = fingerprint();
		long id = record(occurrence(service, fingerprint, "5e6f7a8", "a", NOW)).incidentId();
		this.lifecycle.resolve(id, "alice", "9f8e7d6");
		RecordedOccurrence again = record(occurrence(service, fingerprint, "1a2b3c4", "a", NOW.plusSeconds(60)));
		assertThat(again.regression()).isTrue();
		assertThat(status(id)).isEqualTo("open");
		assertThat(timelineTypes(id)).containsExactly("first_seen", "resolved", "regression");
	}

	@Test
	void aRegressionIsTimedWhenItWasReceivedAfterTheResolveItReverses() {
		String service = service();
		String fingerprint = fingerprint();
		long id = record(occurrence(service, fingerprint, "1.0.0", "a", NOW.minus(Duration.ofDays(3)))).incidentId();
		this.lifecycle.resolve(id, "alice", null);
		Instant received = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Instant occurred = NOW.minus(Duration.ofDays(2));
		assertThat(record(received(service, fingerprint, occurred, received)).regression()).isTrue();
		assertThat(timelineByTime(id)).containsExactly("first_seen", "resolved", "regression");
		assertThat(regressionAt(id)).isEqualTo(received);
		assertThat(this.jdbc
			.sql("SELECT detail ->> 'occurredAt' FROM timeline_entry WHERE incident_id = ? "
					+ "AND type = 'regression'")
			.param(id)
			.query(String.class)
			.single()).isEqualTo(occurred.toString());

		// received before the resolve, grouped after it (a writer's queue): at the
		// resolve
		this.lifecycle.resolve(id, "alice", null);
		Instant resolvedAt = this.queries.find(id).orElseThrow().resolvedAt();
		record(received(service, fingerprint, occurred, resolvedAt.minusSeconds(5)));
		assertThat(timelineByTime(id)).containsExactly("first_seen", "resolved", "regression", "resolved",
				"regression");
		assertThat(this.jdbc
			.sql("SELECT at FROM timeline_entry WHERE incident_id = ? AND type = 'regression' ORDER BY id DESC LIMIT 1")
			.param(id)
			.query(OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(resolvedAt);
	}

	private List<String> timelineByTime(long id) {
		return this.jdbc.sql("SELECT type FROM timeline_entry WHERE incident_id = ? ORDER BY at, id")
			.param(id)
			.query(String.class)
			.list();
	}

	private Instant regressionAt(long id) {
		return this.jdbc.sql("SELECT at FROM timeline_entry WHERE incident_id = ? AND type = 'regression'")
			.param(id)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	@Test
	void occurrenceAfterAnExpiredMuteReopens() {
		String service = service();
		String fingerprint = fingerprint();
		long id = record(occurrence(service, fingerprint, "1.0.0", "a", NOW)).incidentId();
		this.lifecycle.mute(id, "alice", Instant.now().plusSeconds(3600), null);
		record(occurrence(service, fingerprint, "1.0.0", "a", NOW.plusSeconds(1)));
		assertThat(status(id)).isEqualTo("muted");
		this.jdbc.sql("UPDATE incident SET muted_until = now() - interval '1 minute' WHERE id = ?").param(id).update();
		record(occurrence(service, fingerprint, "1.0.0", "a", NOW.plusSeconds(2)));
		assertThat(status(id)).isEqualTo("open");
		assertThat(timelineTypes(id)).containsExactly("first_seen", "muted", "unmuted");
	}

	@Test
	void anExpiredMuteReopensAQuietIncident() {
		long expired = record(occurrence(service(), fingerprint(), "1.0.0", "a", NOW)).incidentId();
		long running = record(occurrence(service(), fingerprint(), "1.0.0", "a", NOW)).incidentId();
		this.lifecycle.mute(expired, "alice", Instant.now().plusSeconds(3600), null);
		this.lifecycle.mute(running, "alice", Instant.now().plusSeconds(3600), null);
		this.jdbc.sql("UPDATE incident SET muted_until = now() - interval '1 minute' WHERE id = ?")
			.param(expired)
			.update();
		assertThat(this.muteExpiry.expire(Instant.now())).contains(expired).doesNotContain(running);
		assertThat(status(expired)).isEqualTo("open");
		assertThat(timelineTypes(expired)).containsExactly("first_seen", "muted", "unmuted");
		assertThat(status(running)).isEqualTo("muted");
	}

	@Test
	void countsCrashesPerServiceEnvironmentKindAndHourForTheOverview() {
		String service = service();
		this.transactions
			.execute((status) -> this.recorder.record(List.of(occurrence(service, fingerprint(), "1.0.0", "a", NOW),
					occurrence(service, fingerprint(), "1.0.0", "a", NOW.plusSeconds(60)),
					occurrence(service, fingerprint(), "1.0.0", "a", NOW.plusSeconds(3600)))));
		record(occurrence(service, fingerprint(), "1.0.0", "b", NOW.plusSeconds(120)));
		assertThat(this.jdbc.sql("SELECT kind, hour, count FROM crash_hourly WHERE service = ? ORDER BY hour")
			.param(service)
			.query((rs, n) -> rs.getString("kind") + " "
					+ rs.getObject("hour", java.time.OffsetDateTime.class).toInstant() + " " + rs.getLong("count"))
			.list()).containsExactly("nil_map_write " + NOW.truncatedTo(ChronoUnit.HOURS) + " 3",
					"nil_map_write " + NOW.truncatedTo(ChronoUnit.HOURS).plusSeconds(3600) + " 1");
	}

	@Test
	void mergedFingerprintLandsInTargetUntilUnmerged() {
		Merged merged = mergedPair();
		String service = merged.service();
		String a = merged.targetFingerprint();
		String b = merged.sourceFingerprint();
		long target = merged.target();
		long source = merged.source();

		List<RecordedOccurrence> batch = this.transactions.execute(
				(status) -> this.recorder.record(List.of(occurrence(service, b, "1.1.0", "y", NOW.plusSeconds(3600)),
						occurrence(service, a, "1.0.0", "x", NOW.plusSeconds(60)),
						occurrence(service, b, "1.1.0", "z", NOW.plusSeconds(3601)))));
		assertThat(batch).extracting(RecordedOccurrence::incidentId).containsOnly(target);
		assertThat(this.queries.find(target).orElseThrow().eventCount()).isEqualTo(4);
		assertThat(this.queries.find(source).orElseThrow().eventCount()).isEqualTo(1);
		assertThat(this.queries.detail(target).orElseThrow().mergedFrom()).containsExactly(source);

		this.lifecycle.unmerge(source, "alice");
		IncidentSummary restoredTarget = this.queries.find(target).orElseThrow();
		IncidentSummary restoredSource = this.queries.find(source).orElseThrow();
		assertThat(restoredTarget.eventCount()).isEqualTo(2);
		assertThat(restoredTarget.lastSeen()).isEqualTo(NOW.plusSeconds(60));
		assertThat(restoredTarget.lastVersion()).isEqualTo("1.0.0");
		assertThat(restoredSource.eventCount()).isEqualTo(3);
		assertThat(restoredSource.lastSeen()).isEqualTo(NOW.plusSeconds(3601));
		assertThat(restoredSource.lastVersion()).isEqualTo("1.1.0");
		assertThat(restoredSource.mergedInto()).isNull();
		assertThat(count("SELECT count(*) FROM occurrence WHERE incident_id = ?", source)).isEqualTo(3);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_hourly WHERE incident_id = ?", target))
			.isEqualTo(2);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_hourly WHERE incident_id = ?", source))
			.isEqualTo(3);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_minute WHERE incident_id = ?", target))
			.isEqualTo(2);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_minute WHERE incident_id = ?", source))
			.isEqualTo(3);
		assertThat(this.jdbc
			.sql("SELECT DISTINCT version FROM incident_version_instance WHERE incident_id = ? AND version <> ''")
			.param(target)
			.query(String.class)
			.list()).containsExactly("1.0.0");
		assertThat(this.jdbc
			.sql("SELECT DISTINCT instance FROM incident_version_instance WHERE incident_id = ? AND instance <> '' "
					+ "ORDER BY 1")
			.param(source)
			.query(String.class)
			.list()).containsExactly("y", "z");
		assertThat(timelineTypes(source)).containsExactly("first_seen", "merged", "unmerged");
		assertThat(timelineTypes(target)).containsExactly("first_seen", "merged_from", "unmerged_from");

		assertThat(record(occurrence(service, b, "1.1.0", "y", NOW.plusSeconds(7200))).incidentId()).isEqualTo(source);
	}

	@Test
	void unmergeGivesTheTargetBackTheFirstSeenOfItsOwnOccurrences() {
		Merged merged = mergedPair();
		// an event of the merged fingerprint from before either: the target's first seen
		// moves earlier, and back when it moves back
		record(occurrence(merged.service(), merged.sourceFingerprint(), "1.0.0", "y", NOW.minusSeconds(5 * 3600)));
		assertThat(this.queries.find(merged.target()).orElseThrow().firstSeen()).isEqualTo(NOW.minusSeconds(5 * 3600));

		this.lifecycle.unmerge(merged.source(), "alice");

		assertThat(this.queries.find(merged.target()).orElseThrow().firstSeen()).isEqualTo(NOW);
		assertThat(this.queries.find(merged.source()).orElseThrow().firstSeen()).isEqualTo(NOW.minusSeconds(5 * 3600));
	}

	@Test
	void unmergeMovesTheTargetsFirstSeenOnlyWhenWhatMovedBackSetIt() {
		Merged merged = mergedPair();
		record(occurrence(merged.service(), merged.sourceFingerprint(), "1.0.0", "y", NOW.plusSeconds(60)));
		this.lifecycle.unmerge(merged.source(), "alice");
		assertThat(this.queries.find(merged.target()).orElseThrow().firstSeen()).isEqualTo(NOW);

		// the target's own occurrence is past the retention: only its hourly count is
		// left
		Merged dropped = mergedPair();
		record(occurrence(dropped.service(), dropped.sourceFingerprint(), "1.0.0", "y", NOW.minusSeconds(5 * 3600)));
		this.jdbc.sql("DELETE FROM occurrence WHERE incident_id = ? AND fingerprint = ?")
			.params(dropped.target(), dropped.targetFingerprint())
			.update();
		this.lifecycle.unmerge(dropped.source(), "alice");
		assertThat(this.queries.find(dropped.target()).orElseThrow().firstSeen())
			.isEqualTo(NOW.truncatedTo(ChronoUnit.HOURS));
	}

	@Test
	void unmergeGivesBothTheMessageOfTheirOwnLatestOccurrence() {
		Merged merged = mergedPair();
		record(occurrence(merged.service(), merged.sourceFingerprint(), "the moved one's message",
				NOW.plusSeconds(600)));
		assertThat(this.queries.find(merged.target()).orElseThrow().message()).isEqualTo("the moved one's message");

		this.lifecycle.unmerge(merged.source(), "alice");

		assertThat(this.queries.find(merged.target()).orElseThrow().message())
			.isEqualTo(TestOccurrences.finding("x").message());
		assertThat(this.queries.find(merged.source()).orElseThrow().message()).isEqualTo("the moved one's message");
	}

	@Test
	void unmergeGivesTheSourceNoMinuteCountsOlderThanTheyAreKept() {
		Merged merged = mergedPair();
		long target = merged.target();
		long source = merged.source();
		assertThat(record(occurrence(merged.service(), merged.sourceFingerprint(), "1.0.0", "y", NOW.plusSeconds(60)))
			.incidentId()).isEqualTo(target);

		// eight days later the occurrence that moves back was received before the oldest
		// minute the retention keeps
		IncidentLifecycle later = new IncidentLifecycle(this.jdbc, this.timeline,
				Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC));
		this.transactions.executeWithoutResult((status) -> later.unmerge(source, "alice"));

		assertThat(count("SELECT count(*) FROM occurrence WHERE incident_id = ?", source)).isEqualTo(2);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_hourly WHERE incident_id = ?", source))
			.isEqualTo(2);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_minute WHERE incident_id = ?", source))
			.isEqualTo(1);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_minute WHERE incident_id = ?", target))
			.isEqualTo(1);
	}

	@Test
	void deploysJoinTheTimelineOfTheServicesIncidents() {
		String service = service();
		long id = record(occurrence(service, fingerprint(), "1.0.0", "a", NOW)).incidentId();
		long deploy = this.transactions.execute((status) -> this.deploys
			.record(new NewDeploy(service, "production", "1.0.1", NOW.plusSeconds(30), "https://ci/1")));
		this.transactions.execute(
				(status) -> this.deploys.record(new NewDeploy(service, "staging", "1.0.1", NOW.plusSeconds(31), null)));
		List<IncidentDetail.TimelineItem> timeline = this.queries.detail(id).orElseThrow().timeline();
		assertThat(timeline).extracting(IncidentDetail.TimelineItem::type).containsExactly("first_seen", "deploy");
		assertThat(timeline.get(1).detail()).contains("\"deployId\": " + deploy).contains("1.0.1");
	}

	@Test
	void recordersRequireTheCallersTransaction() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.recorder.record(List.of(occurrence(service(), fingerprint(), null, null, NOW))));
	}

	@Test
	void dashboardSearchFindsTheLatestMessageOnly() {
		String service = service();
		String fingerprint = fingerprint();
		String first = "first-" + UUID.randomUUID();
		String latest = "latest-" + UUID.randomUUID();
		long id = record(occurrence(service, fingerprint, first, NOW)).incidentId();
		assertThat(search(service, first)).containsExactly(id);
		// an older occurrence leaves the message; a newer one replaces it
		record(occurrence(service, fingerprint, latest, NOW.minusSeconds(60)));
		assertThat(search(service, first)).containsExactly(id);
		record(occurrence(service, fingerprint, latest, NOW.plusSeconds(60)));
		assertThat(search(service, latest)).containsExactly(id);
		assertThat(search(service, first)).isEmpty();
		// the frames of the fingerprint are searchable too
		assertThat(search(service, "main.main")).containsExactly(id);
	}

	@Test
	void registersAServiceOnce() {
		String name = service();
		assertThat(this.services.find(name)).isEmpty();
		assertThat(this.services.register(name).name()).isEqualTo(name);
		assertThat(this.services.register(name).inAppPrefixes()).isEmpty();
		assertThat(this.services.find(name)).isPresent();
	}

	/**
	 * Two incidents of a new service, each with one occurrence (instance x and y), the
	 * source merged into the target.
	 */
	private Merged mergedPair() {
		String service = service();
		String a = fingerprint();
		String b = fingerprint();
		long target = record(occurrence(service, a, "1.0.0", "x", NOW)).incidentId();
		long source = record(occurrence(service, b, "1.0.0", "y", NOW)).incidentId();
		this.lifecycle.merge(source, "alice", target);
		return new Merged(service, a, b, target, source);
	}

	private record Merged(String service, String targetFingerprint, String sourceFingerprint, long target,
			long source) {
	}

	private RecordedOccurrence record(NewOccurrence occurrence) {
		return this.transactions.execute((status) -> this.recorder.record(List.of(occurrence))).get(0);
	}

	private List<Long> search(String service, String q) {
		IncidentFilter filter = IncidentFilter.parse(service, null, null, null, null, null, q, null, null, null);
		return this.queries.search(filter).items().stream().map(IncidentSummary::id).toList();
	}

	private long incidentId(String service, String fingerprint) {
		return this.jdbc.sql("SELECT id FROM incident WHERE service = ? AND fingerprint = ?")
			.params(service, fingerprint)
			.query(Long.class)
			.single();
	}

	private String status(long id) {
		return this.queries.find(id).orElseThrow().status();
	}

	private List<String> timelineTypes(long id) {
		return this.jdbc.sql("SELECT type FROM timeline_entry WHERE incident_id = ? ORDER BY id")
			.param(id)
			.query(String.class)
			.list();
	}

	private long count(String sql, long id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

	static String service() {
		return "svc-" + UUID.randomUUID();
	}

	static String fingerprint() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
