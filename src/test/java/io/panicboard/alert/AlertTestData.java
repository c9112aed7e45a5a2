package io.panicboard.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Fingerprint;
import io.panicboard.analysis.Severity;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records occurrences of real corpus traces with chosen fingerprints and receipt times,
 * and creates rules and channels for the alert tests.
 */
final class AlertTestData {

	static final String NIL_MAP = "generated/nilmap-basic.txt";

	static final String CONCURRENT_WRITES = "generated/concurrent-map-writes.txt";

	private static final Map<String, Finding> findings = new ConcurrentHashMap<>();

	private final OccurrenceRecorder recorder;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final AlertRules rules;

	AlertTestData(OccurrenceRecorder recorder, TransactionTemplate transactions, JdbcClient jdbc, AlertRules rules) {
		this.recorder = recorder;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.rules = rules;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Records an occurrence received at a time; returns its incident. */
	long occurrence(String service, String trace, String fingerprint, Instant receivedAt) {
		return occurrence(service, "production", trace, fingerprint, "1.0.0", receivedAt);
	}

	long occurrence(String service, String environment, String trace, String fingerprint, String version,
			Instant receivedAt) {
		NewOccurrence occurrence = new NewOccurrence(service, environment, version, "pod-1", null, receivedAt,
				receivedAt, finding(trace, fingerprint));
		return this.transactions.execute((status) -> this.recorder.record(List.of(occurrence)).get(0).incidentId());
	}

	void resolve(long incidentId, Instant at) {
		this.jdbc.sql("UPDATE incident SET status = 'resolved', resolved_at = ? WHERE id = ?")
			.params(Timestamp.from(at), incidentId)
			.update();
	}

	String channel(boolean sendByDefault) {
		String name = unique("channel");
		this.jdbc.sql("""
				INSERT INTO notification_channel (name, type, url, send_by_default, created_at, updated_at)
				VALUES (?, 'webhook', 'http://127.0.0.1:9/hook', ?, now(), now())""")
			.params(name, sendByDefault)
			.update();
		return name;
	}

	void deleteChannel(String name) {
		this.jdbc.sql("DELETE FROM notification_channel WHERE name = ?").params(name).update();
	}

	AlertRule rule(String service, RuleCondition condition, List<String> kinds, String channel) {
		return rule(service, condition, kinds, channel, Severity.CRITICAL);
	}

	AlertRule rule(String service, RuleCondition condition, List<String> kinds, String channel, Severity severity) {
		AlertRule rule = new AlertRule(null, unique("rule"), null, null, true, severity,
				new RuleMatchers(List.of(service), List.of(), kinds, List.of(), null), condition,
				Map.of("team", "core"), Map.of("summary", "trouble in " + service),
				(channel != null) ? List.of(channel) : List.of(), null, null, null);
		return this.rules.create(rule, "tests");
	}

	List<Map<String, Object>> alerts(long ruleId) {
		return this.jdbc.sql("SELECT * FROM alert WHERE rule_id = ? ORDER BY id").params(ruleId).query().listOfRows();
	}

	List<Map<String, Object>> notifications(long ruleId) {
		return this.jdbc.sql("""
				SELECT n.id, n.alert_id, n.channel, n.status, n.payload::text AS payload, n.delivery
				FROM notification n JOIN alert a ON a.id = n.alert_id WHERE a.rule_id = ? ORDER BY n.id""")
			.params(ruleId)
			.query()
			.listOfRows();
	}

	List<String> timeline(long incidentId) {
		return this.jdbc
			.sql("SELECT type FROM timeline_entry WHERE incident_id = ? AND type LIKE 'alert_%' ORDER BY id")
			.params(incidentId)
			.query(String.class)
			.list();
	}

	static Finding finding(String trace, String fingerprint) {
		Finding f = findings.computeIfAbsent(trace, AlertTestData::analyze);
		return new Finding(f.type(), f.kind(), f.severity(), f.message(), f.panicChain(), f.recovered(), f.repanicked(),
				f.signal(), new Fingerprint(fingerprint, f.fingerprint().components()), f.mapRelated(),
				f.goroutineCount(), f.crashingGoroutine(), f.topInAppFrame(), f.culpritFrame(), f.goroutines(),
				f.race(), f.gc(), f.scavenge(), f.text(), f.line(), f.truncation(), f.messageInferred());
	}

	private static Finding analyze(String file) {
		try (InputStream in = AlertTestData.class.getResourceAsStream("/corpus/" + file)) {
			return new TraceAnalyzer().analyze(in.readAllBytes()).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
