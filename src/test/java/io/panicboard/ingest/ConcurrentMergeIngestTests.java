package io.panicboard.ingest;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.ingest.EventsControllerTests.accepted;
import static io.panicboard.ingest.EventsControllerTests.corpus;
import static io.panicboard.ingest.EventsControllerTests.event;
import static io.panicboard.ingest.EventsControllerTests.postEvents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incident merged while a batch is grouping occurrences into it: the batch reads the
 * incidents without locking them, so a merge can commit in between; the batch notices it
 * when it locks them, rolls back and is repeated, and the occurrence lands in the merge
 * target, stored once.
 */
@IngestTest
class ConcurrentMergeIngestTests {

	private static final String SERVICE = "concurrent-merge";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void batchIsRepeatedWhenItsIncidentIsMergedWhileItIsStored() throws Exception {
		long source = incidentOf(post("merge-source-1", corpus("nilmap-basic.txt")));
		long target = incidentOf(post("merge-target-1", corpus("race-int.txt")));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<JsonNode> answer = this.transactions.execute((status) -> {
				// what a merge holds while it runs
				this.jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE").param(source).query().listOfRows();
				Future<JsonNode> posted = executor.submit(() -> post("merge-source-2", corpus("nilmap-basic.txt")));
				awaitWriterWaitingForTheLock();
				this.jdbc.sql("UPDATE incident SET merged_into = ?, merged_at = now() WHERE id = ?")
					.params(target, source)
					.update();
				return posted;
			});
			JsonNode stored = answer.get(30, TimeUnit.SECONDS);
			assertThat(stored.get("accepted").asInt()).isEqualTo(1);
			assertThat(incidentOf(stored)).isEqualTo(target);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(count("SELECT count(*) FROM occurrence WHERE incident_id = ?", source)).isEqualTo(1);
		assertThat(count("SELECT event_count FROM incident WHERE id = ?", source)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM occurrence WHERE incident_id = ?", target)).isEqualTo(2);
		assertThat(count("SELECT event_count FROM incident WHERE id = ?", target)).isEqualTo(2);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_hourly WHERE incident_id = ?", source))
			.isEqualTo(1);
		assertThat(count("SELECT coalesce(sum(count), 0) FROM incident_hourly WHERE incident_id = ?", target))
			.isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ingested_event WHERE service = ? AND event_id = ?")
			.params(SERVICE, "merge-source-2")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private void awaitWriterWaitingForTheLock() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (writersWaitingForTheLock() == 0) {
			assertThat(System.nanoTime()).as("the writer waits for the incident's lock").isLessThan(deadline);
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

	private long writersWaitingForTheLock() {
		// pg_stat_activity is read once per transaction unless its snapshot is cleared
		this.jdbc.sql("SELECT pg_stat_clear_snapshot()").query().listOfRows();
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE wait_event_type = 'Lock' AND query LIKE '%FROM incident WHERE id = ANY%FOR NO KEY UPDATE%'""")
			.query(Long.class)
			.single();
	}

	private JsonNode post(String eventId, String text) {
		return accepted(postEvents(this.mvc, event(SERVICE, eventId, text)));
	}

	private static long incidentOf(JsonNode answer) {
		assertThat(answer.get("incidents")).hasSize(1);
		return answer.get("incidents").get(0).get("id").asLong();
	}

	private long count(String sql, long id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

}
