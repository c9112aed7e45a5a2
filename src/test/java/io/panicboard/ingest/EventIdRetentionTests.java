package io.panicboard.ingest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class EventIdRetentionTests {

	@Autowired
	private EventIdRetention retention;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void forgetsEventIdsOlderThanTheRetentionAndKeepsTheRest() {
		// long before the rows of other tests, which must stay
		Instant now = Instant.parse("2020-03-31T00:00:00Z");
		insert("retention-old", now.minus(Duration.ofDays(91)));
		insert("retention-edge", now.minus(Duration.ofDays(89)));
		insert("retention-new", now.minus(Duration.ofMinutes(5)));
		long deleted = this.retention.forget(now);
		assertThat(deleted).isEqualTo(1);
		assertThat(ids()).contains("retention-edge", "retention-new").doesNotContain("retention-old");
	}

	private void insert(String id, Instant receivedAt) {
		this.jdbc.sql("INSERT INTO ingested_event (service, event_id, received_at) VALUES ('retention', ?, ?)")
			.params(id, Timestamp.from(receivedAt))
			.update();
	}

	private java.util.List<String> ids() {
		return this.jdbc.sql("SELECT event_id FROM ingested_event WHERE service = 'retention'")
			.query(String.class)
			.list();
	}

}
