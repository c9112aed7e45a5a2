package io.panicboard.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panicboard.incident.DeployRecorder;
import io.panicboard.incident.NewDeploy;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.incident.RecordedOccurrence;
import io.panicboard.incident.ServiceCatalog;
import io.panicboard.incident.ServiceInfo;
import io.panicboard.memory.GcCycleRecorder;
import io.panicboard.memory.NewGcCycle;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Minimal JDBC recorders for the ingestion tests, on tables of their own: one incident
 * per (service, environment, fingerprint) with an exact count, one row per occurrence, gc
 * cycle and deploy, services in the real {@code service} table. They stand in for the
 * incident and memory modules' recorders until those exist and are registered only
 * without them. (One class cannot implement both recorders: their {@code record} methods
 * have the same erasure.)
 */
final class TestRecorders {

	private TestRecorders() {
	}

	static void createTables(JdbcClient jdbc) {
		jdbc.sql("""
				CREATE TABLE IF NOT EXISTS test_incident (
				    id bigserial PRIMARY KEY, service text NOT NULL, environment text NOT NULL,
				    fingerprint text NOT NULL, event_count bigint NOT NULL,
				    UNIQUE (service, environment, fingerprint));
				CREATE TABLE IF NOT EXISTS test_occurrence (
				    id bigserial PRIMARY KEY, incident_id bigint NOT NULL, service text NOT NULL,
				    event_id text, instance text, kind text NOT NULL, occurred_at timestamptz NOT NULL);
				CREATE TABLE IF NOT EXISTS test_gc_cycle (
				    id bigserial PRIMARY KEY, service text NOT NULL, instance text, number bigint NOT NULL);
				CREATE TABLE IF NOT EXISTS test_deploy (
				    id bigserial PRIMARY KEY, service text NOT NULL, environment text NOT NULL,
				    version text NOT NULL, deployed_at timestamptz NOT NULL, url text)""").update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	static class Occurrences implements OccurrenceRecorder {

		private final JdbcClient jdbc;

		Occurrences(JdbcClient jdbc) {
			this.jdbc = jdbc;
			createTables(jdbc);
		}

		@Override
		public List<RecordedOccurrence> record(List<NewOccurrence> occurrences) {
			Map<List<String>, Long> counts = new LinkedHashMap<>();
			for (NewOccurrence occurrence : occurrences) {
				counts.merge(key(occurrence), 1L, Long::sum);
			}
			Map<List<String>, long[]> incidents = new LinkedHashMap<>();
			counts.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey(Comparator.comparing((List<String> k) -> String.join("\u0000", k))))
				.forEach((entry) -> incidents.put(entry.getKey(), this.jdbc.sql("""
						INSERT INTO test_incident (service, environment, fingerprint, event_count) VALUES (?, ?, ?, ?)
						ON CONFLICT (service, environment, fingerprint)
						DO UPDATE SET event_count = test_incident.event_count + EXCLUDED.event_count
						RETURNING id, (xmax = 0)""")
					.params(entry.getKey().get(0), entry.getKey().get(1), entry.getKey().get(2), entry.getValue())
					.query((rs, row) -> new long[] { rs.getLong(1), rs.getBoolean(2) ? 1 : 0 })
					.single()));
			List<RecordedOccurrence> recorded = new ArrayList<>();
			for (NewOccurrence occurrence : occurrences) {
				long[] incident = incidents.get(key(occurrence));
				this.jdbc.sql("""
						INSERT INTO test_occurrence (incident_id, service, event_id, instance, kind, occurred_at)
						VALUES (?, ?, ?, ?, ?, ?)""")
					.params(incident[0], occurrence.service(), occurrence.eventId(), occurrence.instance(),
							occurrence.finding().kind().id(), Timestamp.from(occurrence.occurredAt()))
					.update();
				recorded.add(new RecordedOccurrence(incident[0], incident[1] == 1, false));
			}
			return recorded;
		}

		private static List<String> key(NewOccurrence occurrence) {
			return List.of(occurrence.service(), occurrence.environment(), occurrence.finding().fingerprint().hash());
		}

	}

	@Transactional(propagation = Propagation.MANDATORY)
	static class GcCycles implements GcCycleRecorder {

		private final JdbcClient jdbc;

		GcCycles(JdbcClient jdbc) {
			this.jdbc = jdbc;
			createTables(jdbc);
		}

		@Override
		public void record(List<NewGcCycle> cycles) {
			for (NewGcCycle cycle : cycles) {
				this.jdbc.sql("INSERT INTO test_gc_cycle (service, instance, number) VALUES (?, ?, ?)")
					.params(cycle.service(), cycle.instance(), cycle.cycle().number())
					.update();
			}
		}

	}

	static class Services implements ServiceCatalog {

		private final JdbcClient jdbc;

		Services(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		@Transactional(propagation = Propagation.SUPPORTS)
		public Optional<ServiceInfo> find(String name) {
			return this.jdbc.sql("SELECT name, team, source_link_template, in_app_prefixes FROM service WHERE name = ?")
				.param(name)
				.query((rs, row) -> new ServiceInfo(rs.getString(1), rs.getString(2), rs.getString(3),
						List.of((String[]) rs.getArray(4).getArray())))
				.optional();
		}

		@Override
		@Transactional(propagation = Propagation.SUPPORTS)
		public ServiceInfo register(String name) {
			this.jdbc.sql("INSERT INTO service (name) VALUES (?) ON CONFLICT DO NOTHING").param(name).update();
			return find(name).orElseThrow();
		}

	}

	@Transactional(propagation = Propagation.MANDATORY)
	static class Deploys implements DeployRecorder {

		private final JdbcClient jdbc;

		Deploys(JdbcClient jdbc) {
			this.jdbc = jdbc;
			createTables(jdbc);
		}

		@Override
		public long record(NewDeploy deploy) {
			return this.jdbc.sql("""
					INSERT INTO test_deploy (service, environment, version, deployed_at, url) VALUES (?, ?, ?, ?, ?)
					RETURNING id""")
				.params(deploy.service(), deploy.environment(), deploy.version(), Timestamp.from(deploy.deployedAt()),
						deploy.url())
				.query(Long.class)
				.single();
		}

	}

}
