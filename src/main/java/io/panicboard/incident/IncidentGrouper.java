package io.panicboard.incident;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Frame;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.Timeline.detail;
import static io.panicboard.incident.Timeline.utc;

/**
 * Groups a batch of occurrences into incidents and stores them, exact under concurrent
 * batches and replicas: the database's unique key decides which batch opens an incident,
 * and every counter is a summed delta. A batch works in two steps, so that two writers
 * (threads or replicas) overlap instead of waiting for each other:
 * <ol>
 * <li>without locking existing incidents: find the incident of every fingerprint (and the
 * incident it is merged into), insert the incidents that do not exist yet (with their
 * counters), and insert the occurrences — most of a batch's work;</li>
 * <li>then lock the existing incidents in id order, check that no merge or unmerge
 * changed them in between (if one did, the transaction fails with a
 * {@link ConcurrencyFailureException} and the writer repeats it), and add the counters:
 * the incidents' in one statement, and the rollups by hour of occurrence, by minute of
 * receipt (for the alert rules), by kind and hour (the overview) and by (version,
 * instance) pair together in another, with arrays of a fixed shape, in key order, their
 * sums added up before the locks are taken. These rows are what concurrent batches share,
 * and they stay locked only from here to the commit.</li>
 * </ol>
 * An occurrence whose fingerprint's incident was merged into another lands in the target.
 * An occurrence on a resolved incident reopens it as a regression, unless its version is
 * older than the version the incident was resolved in. An occurrence on a muted incident
 * whose mute has expired reopens it.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class IncidentGrouper implements OccurrenceRecorder {

	private static final String FIND = """
			SELECT i.service, i.environment, i.fingerprint, i.id, i.merged_into
			FROM incident i JOIN unnest(?::text[], ?::text[], ?::text[]) AS k (service, environment, fingerprint)
				USING (service, environment, fingerprint)""";

	/**
	 * New incidents, with their counters, for any number of distinct keys (in key order).
	 */
	private static final String INSERT_HEAD = """
			INSERT INTO incident (service, environment, fingerprint, type, kind, severity, title, message,
				culprit_function, culprit_file, culprit_line, map_related, fingerprint_components,
				first_seen, last_seen, event_count, last_version)
			VALUES """;

	private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";

	private static final String INSERT_TAIL = """

			ON CONFLICT (service, environment, fingerprint) DO NOTHING
			RETURNING service, environment, fingerprint, id""";

	/** Keys per insert statement: 17 parameters each, well below PostgreSQL's 65,535. */
	private static final int INSERT_CHUNK = 1_000;

	/**
	 * Locks in id order, so that concurrent batches (and merges) wait instead of
	 * deadlocking.
	 */
	private static final String LOCK = """
			SELECT id, merged_into FROM incident WHERE id = ANY (?::bigint[]) ORDER BY id FOR NO KEY UPDATE""";

	private static final String ADD_COUNTS = """
			UPDATE incident i SET
				event_count = i.event_count + u.n,
				first_seen = least(i.first_seen, u.first_seen),
				last_seen = greatest(i.last_seen, u.last_seen),
				message = CASE WHEN u.last_seen >= i.last_seen THEN u.message ELSE i.message END,
				last_version = CASE WHEN u.last_seen >= i.last_seen
					THEN coalesce(u.version, i.last_version) ELSE i.last_version END
			FROM (SELECT id, n, from_epoch_micros(f) AS first_seen, from_epoch_micros(l) AS last_seen, message, version
				FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
					AS u (id, n, f, l, message, version)) u
			WHERE i.id = u.id
			RETURNING i.id, i.status, i.resolved_at, i.resolved_in_version, i.muted_until""";

	private static final String INSERT_OCCURRENCE = """
			INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
				version, instance, event_id, text, finding, kind)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""";

	/**
	 * The rollups, in one statement (one round trip however small the batch): by hour of
	 * occurrence, by minute of receipt (for the alert rules), by kind and hour (the
	 * overview) and by (version, instance) pair ('' stands for an occurrence without one
	 * of them).
	 * <p>
	 * The per-incident rollups update the rows that exist and insert only the rest. The
	 * batch holds the lock of every incident it adds to (or opened it), and every other
	 * writer of these rows (unmerge) takes the incident's lock first, so no other
	 * transaction writes them meanwhile; the insert's ON CONFLICT is the safety net. An
	 * upsert of an existing row would first lock it, one more WAL record each. The rows
	 * of {@code crash_hourly} are shared with other batches and are upserted in key
	 * order.
	 */
	private static final String UPSERT_ROLLUPS = """
			WITH hu AS (SELECT incident_id, from_epoch_micros(h) AS hour, n
				FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS u (incident_id, h, n)),
			hourly_updated AS (UPDATE incident_hourly h SET count = h.count + hu.n FROM hu
				WHERE h.incident_id = hu.incident_id AND h.hour = hu.hour RETURNING h.incident_id, h.hour),
			hourly_inserted AS (INSERT INTO incident_hourly AS h (incident_id, hour, count)
				SELECT * FROM hu WHERE NOT EXISTS (
					SELECT FROM hourly_updated d WHERE d.incident_id = hu.incident_id AND d.hour = hu.hour)
				ORDER BY 1, 2
				ON CONFLICT (incident_id, hour) DO UPDATE SET count = h.count + EXCLUDED.count),
			mu AS (SELECT incident_id, from_epoch_micros(m) AS minute, n, from_epoch_micros(f) AS first_occurred_at,
					from_epoch_micros(l) AS last_received_at
				FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS u (incident_id, m, n, f, l)),
			minute_updated AS (UPDATE incident_minute m SET count = m.count + mu.n,
					first_occurred_at = least(m.first_occurred_at, mu.first_occurred_at),
					last_received_at = greatest(m.last_received_at, mu.last_received_at)
				FROM mu WHERE m.incident_id = mu.incident_id AND m.minute = mu.minute
				RETURNING m.incident_id, m.minute),
			minute_inserted AS (INSERT INTO incident_minute AS m (incident_id, minute, count, first_occurred_at,
					last_received_at)
				SELECT * FROM mu WHERE NOT EXISTS (
					SELECT FROM minute_updated d WHERE d.incident_id = mu.incident_id AND d.minute = mu.minute)
				ORDER BY 1, 2
				ON CONFLICT (incident_id, minute) DO UPDATE SET count = m.count + EXCLUDED.count,
					first_occurred_at = least(m.first_occurred_at, EXCLUDED.first_occurred_at),
					last_received_at = greatest(m.last_received_at, EXCLUDED.last_received_at)),
			crash_hours AS (INSERT INTO crash_hourly AS c (service, environment, kind, hour, count)
				SELECT s, e, k, from_epoch_micros(h), n FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
					AS u (s, e, k, h, n) ORDER BY 1, 2, 3, 4
				ON CONFLICT (service, environment, kind, hour) DO UPDATE SET count = c.count + EXCLUDED.count),
			vu AS (SELECT incident_id, version, instance, n, from_epoch_micros(f) AS first_seen,
					from_epoch_micros(l) AS last_seen
				FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
					AS u (incident_id, version, instance, n, f, l)),
			pairs_updated AS (UPDATE incident_version_instance v SET count = v.count + vu.n,
					first_seen = least(v.first_seen, vu.first_seen), last_seen = greatest(v.last_seen, vu.last_seen)
				FROM vu WHERE v.incident_id = vu.incident_id AND v.version = vu.version AND v.instance = vu.instance
				RETURNING v.incident_id, v.version, v.instance)
			INSERT INTO incident_version_instance AS v (incident_id, version, instance, count, first_seen, last_seen)
			SELECT * FROM vu WHERE NOT EXISTS (SELECT FROM pairs_updated d
				WHERE d.incident_id = vu.incident_id AND d.version = vu.version AND d.instance = vu.instance)
			ORDER BY 1, 2, 3
			ON CONFLICT (incident_id, version, instance) DO UPDATE SET count = v.count + EXCLUDED.count,
				first_seen = least(v.first_seen, EXCLUDED.first_seen),
				last_seen = greatest(v.last_seen, EXCLUDED.last_seen)""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Timeline timeline;

	private final Clock clock;

	IncidentGrouper(JdbcTemplate jdbc, JsonMapper json, Timeline timeline, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.timeline = timeline;
		this.clock = clock;
	}

	@Override
	public List<RecordedOccurrence> record(List<NewOccurrence> occurrences) {
		if (occurrences.isEmpty()) {
			return List.of();
		}
		Map<Key, Group> groups = new TreeMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			NewOccurrence occurrence = occurrences.get(i);
			groups.computeIfAbsent(Key.of(occurrence), (key) -> new Group()).add(i, occurrence);
		}
		// 1. the incident of every key, opening the missing ones; no existing row is
		// locked
		Map<Key, Found> found = find(groups.keySet());
		List<Map.Entry<Key, Group>> missing = groups.entrySet()
			.stream()
			.filter((entry) -> !found.containsKey(entry.getKey()))
			.toList();
		Map<Key, Long> opened = insert(missing);
		if (opened.size() < missing.size()) {
			// opened by a concurrent batch that committed first: an existing incident now
			found.putAll(
					find(missing.stream().map(Map.Entry::getKey).filter((key) -> !opened.containsKey(key)).toList()));
		}
		long[] incidentIds = new long[occurrences.size()];
		RecordedOccurrence[] recorded = new RecordedOccurrence[occurrences.size()];
		Map<Long, Group> existing = new TreeMap<>();
		Map<Long, Long> expectedMerges = new TreeMap<>();
		for (Map.Entry<Key, Group> entry : groups.entrySet()) {
			Group group = entry.getValue();
			Long id = opened.get(entry.getKey());
			if (id != null) {
				NewOccurrence first = group.first;
				this.timeline.add(id, first.occurredAt(), "first_seen", null,
						detail("version", first.version(), "instance", first.instance()));
				group.assign(id, true, incidentIds, recorded);
				continue;
			}
			Found incident = found.get(entry.getKey());
			if (incident == null) {
				throw new IllegalStateException("no incident for " + entry.getKey());
			}
			expectedMerges.put(incident.id, incident.mergedInto);
			// a merged incident's occurrences land in its target
			long target = (incident.mergedInto != null) ? incident.mergedInto : incident.id;
			existing.merge(target, group, Group::merge);
		}
		for (Map.Entry<Long, Group> entry : existing.entrySet()) {
			entry.getValue().assign(entry.getKey(), false, incidentIds, recorded);
			expectedMerges.putIfAbsent(entry.getKey(), null);
		}
		insertOccurrences(occurrences, incidentIds);
		// the sums of step 2, added up before its locks are taken: the other writer waits
		// for them until this transaction commits
		Object[] counts = existing.isEmpty() ? null : addCountsArgs(existing);
		Object[] hourly = hourlyArgs(occurrences, incidentIds);
		Object[] minutes = minuteArgs(occurrences, incidentIds);
		Object[] crashHourly = crashHourlyArgs(occurrences);
		Object[] versionsAndInstances = versionInstanceArgs(occurrences, incidentIds);
		// 2. the shared rows, locked from here to the commit
		if (counts != null) {
			lock(expectedMerges);
			for (Row row : this.jdbc.query(ADD_COUNTS, Row::map, counts)) {
				settle(row, existing.get(row.id), occurrences, recorded);
			}
		}
		this.jdbc.update(UPSERT_ROLLUPS, concat(hourly, minutes, crashHourly, versionsAndInstances));
		return Arrays.asList(recorded);
	}

	private Map<Key, Found> find(Collection<Key> keys) {
		Map<Key, Found> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		String[] services = new String[keys.size()];
		String[] environments = new String[keys.size()];
		String[] fingerprints = new String[keys.size()];
		int i = 0;
		for (Key key : keys) {
			services[i] = key.service;
			environments[i] = key.environment;
			fingerprints[i] = key.fingerprint;
			i++;
		}
		this.jdbc.query(FIND, (ResultSet rs) -> {
			found.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)),
					new Found(rs.getLong(4), rs.getObject(5, Long.class)));
		}, services, environments, fingerprints);
		return found;
	}

	/** Inserts new incidents with their counters; returns the ones this batch opened. */
	private Map<Key, Long> insert(List<Map.Entry<Key, Group>> entries) {
		Map<Key, Long> opened = new HashMap<>();
		for (int from = 0; from < entries.size(); from += INSERT_CHUNK) {
			List<Map.Entry<Key, Group>> chunk = entries.subList(from, Math.min(entries.size(), from + INSERT_CHUNK));
			List<Object> args = new ArrayList<>(chunk.size() * 17);
			for (Map.Entry<Key, Group> entry : chunk) {
				addInsertArgs(args, entry.getKey(), entry.getValue());
			}
			String sql = INSERT_HEAD + String.join(", ", Collections.nCopies(chunk.size(), INSERT_ROW)) + INSERT_TAIL;
			this.jdbc.query(sql, (ResultSet rs) -> {
				opened.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4));
			}, args.toArray());
		}
		return opened;
	}

	private void addInsertArgs(List<Object> args, Key key, Group group) {
		Finding finding = group.latest.finding();
		Frame culprit = IncidentTitles.culprit(finding);
		args.addAll(Arrays.asList(key.service, key.environment, key.fingerprint, finding.type().id(),
				finding.kind().id(), finding.severity().id(), IncidentTitles.title(finding), finding.message(),
				(culprit != null) ? culprit.function() : null, (culprit != null) ? culprit.file() : null,
				(culprit != null) ? culprit.line() : null, finding.mapRelated(),
				this.json.writeValueAsString(finding.fingerprint().components()), utc(group.firstSeen),
				utc(group.lastSeen), group.indexes.size(), group.latest.version()));
	}

	/**
	 * Locks the incidents this batch adds to, and checks that each is still merged into
	 * what it was when the batch looked (or still not merged).
	 */
	private void lock(Map<Long, Long> expectedMerges) {
		Long[] ids = expectedMerges.keySet().toArray(Long[]::new);
		this.jdbc.query(LOCK, (ResultSet rs) -> {
			long id = rs.getLong(1);
			Long mergedInto = rs.getObject(2, Long.class);
			if (!Objects.equals(mergedInto, expectedMerges.get(id))) {
				throw new ConcurrencyFailureException("Incident " + id + " was merged or unmerged while a batch "
						+ "grouped occurrences into it; the batch is repeated");
			}
		}, (Object) ids);
	}

	private static Object[] addCountsArgs(Map<Long, Group> groups) {
		int size = groups.size();
		Long[] ids = new Long[size];
		Long[] counts = new Long[size];
		Long[] firstSeen = new Long[size];
		Long[] lastSeen = new Long[size];
		String[] messages = new String[size];
		String[] versions = new String[size];
		int i = 0;
		for (Map.Entry<Long, Group> entry : groups.entrySet()) {
			Group group = entry.getValue();
			ids[i] = entry.getKey();
			counts[i] = (long) group.indexes.size();
			firstSeen[i] = micros(group.firstSeen);
			lastSeen[i] = micros(group.lastSeen);
			messages[i] = group.latest.finding().message();
			versions[i] = group.latest.version();
			i++;
		}
		return new Object[] { ids, counts, firstSeen, lastSeen, messages, versions };
	}

	private void settle(Row row, Group group, List<NewOccurrence> occurrences, RecordedOccurrence[] recorded) {
		Integer regression = "resolved".equals(row.status) ? regression(row, group, occurrences) : null;
		if (regression != null) {
			NewOccurrence occurrence = occurrences.get(regression);
			this.jdbc.update("UPDATE incident SET status = 'open', resolved_at = NULL, resolved_in_version = NULL "
					+ "WHERE id = ?", row.id);
			// when it was detected, not when the client says it happened: the entry comes
			// after the resolve it reverses
			Instant detected = (row.resolvedAt != null && row.resolvedAt.isAfter(occurrence.receivedAt()))
					? row.resolvedAt : occurrence.receivedAt();
			this.timeline.add(row.id, detected, "regression", null,
					detail("version", occurrence.version(), "resolvedInVersion", row.resolvedInVersion, "instance",
							occurrence.instance(), "occurredAt", occurrence.occurredAt().toString()));
			recorded[regression] = new RecordedOccurrence(row.id, false, true);
		}
		Instant now = this.clock.instant();
		if ("muted".equals(row.status) && row.mutedUntil != null && !row.mutedUntil.isAfter(now)) {
			this.jdbc.update("UPDATE incident SET status = 'open', muted_until = NULL WHERE id = ?", row.id);
			this.timeline.add(row.id, now, "unmuted", null,
					detail("reason", "mute expired", "mutedUntil", row.mutedUntil.toString()));
		}
	}

	/**
	 * The index of the first occurrence that reopens a resolved incident, or
	 * {@code null}: an occurrence from a version older than the resolved-in version is an
	 * old build still running, not a regression.
	 */
	private Integer regression(Row row, Group group, List<NewOccurrence> occurrences) {
		return group.indexes.stream()
			.filter((index) -> !Versions.older(occurrences.get(index).version(), row.resolvedInVersion))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Typed setters rather than an array of objects for each row: this is the writer's
	 * hottest loop, and the generic binding looked up each value's SQL type.
	 */
	private void insertOccurrences(List<NewOccurrence> occurrences, long[] incidentIds) {
		this.jdbc.batchUpdate(INSERT_OCCURRENCE, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				NewOccurrence o = occurrences.get(i);
				Finding f = o.finding();
				statement.setLong(1, incidentIds[i]);
				statement.setString(2, o.service());
				statement.setString(3, o.environment());
				statement.setString(4, f.fingerprint().hash());
				statement.setObject(5, utc(o.receivedAt()));
				statement.setObject(6, utc(o.occurredAt()));
				statement.setString(7, o.version());
				statement.setString(8, o.instance());
				statement.setString(9, o.eventId());
				statement.setString(10, (f.text() != null) ? f.text() : "");
				statement.setString(11, IncidentGrouper.this.json.writeValueAsString(StoredFinding.of(f)));
				statement.setString(12, f.kind().id());
			}

			@Override
			public int getBatchSize() {
				return occurrences.size();
			}

		});
	}

	private static Object[] hourlyArgs(List<NewOccurrence> occurrences, long[] incidentIds) {
		Map<Bucket, long[]> counts = new TreeMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			Bucket bucket = new Bucket(incidentIds[i], occurrences.get(i).occurredAt().truncatedTo(ChronoUnit.HOURS));
			counts.computeIfAbsent(bucket, (b) -> new long[1])[0]++;
		}
		Long[] ids = new Long[counts.size()];
		Long[] hours = new Long[counts.size()];
		Long[] n = new Long[counts.size()];
		int i = 0;
		for (Map.Entry<Bucket, long[]> entry : counts.entrySet()) {
			ids[i] = entry.getKey().incidentId;
			hours[i] = micros(entry.getKey().start);
			n[i] = entry.getValue()[0];
			i++;
		}
		return new Object[] { ids, hours, n };
	}

	/** Per incident and minute of receipt, for the alert rules. */
	private static Object[] minuteArgs(List<NewOccurrence> occurrences, long[] incidentIds) {
		Map<Bucket, Stats> stats = new TreeMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			NewOccurrence occurrence = occurrences.get(i);
			stats
				.computeIfAbsent(new Bucket(incidentIds[i], occurrence.receivedAt().truncatedTo(ChronoUnit.MINUTES)),
						(b) -> new Stats())
				.add(occurrence.occurredAt(), occurrence.receivedAt());
		}
		int size = stats.size();
		Long[] ids = new Long[size];
		Long[] minutes = new Long[size];
		Long[] n = new Long[size];
		Long[] firstOccurred = new Long[size];
		Long[] lastReceived = new Long[size];
		int i = 0;
		for (Map.Entry<Bucket, Stats> entry : stats.entrySet()) {
			ids[i] = entry.getKey().incidentId;
			minutes[i] = micros(entry.getKey().start);
			n[i] = entry.getValue().count;
			firstOccurred[i] = micros(entry.getValue().first);
			lastReceived[i] = micros(entry.getValue().last);
			i++;
		}
		return new Object[] { ids, minutes, n, firstOccurred, lastReceived };
	}

	private static Object[] crashHourlyArgs(List<NewOccurrence> occurrences) {
		Map<KindHour, long[]> counts = new TreeMap<>();
		for (NewOccurrence o : occurrences) {
			KindHour key = new KindHour(o.service(), o.environment(), o.finding().kind().id(),
					o.occurredAt().truncatedTo(ChronoUnit.HOURS));
			counts.computeIfAbsent(key, (k) -> new long[1])[0]++;
		}
		int size = counts.size();
		String[] services = new String[size];
		String[] environments = new String[size];
		String[] kinds = new String[size];
		Long[] hours = new Long[size];
		Long[] n = new Long[size];
		int i = 0;
		for (Map.Entry<KindHour, long[]> entry : counts.entrySet()) {
			KindHour key = entry.getKey();
			services[i] = key.service;
			environments[i] = key.environment;
			kinds[i] = key.kind;
			hours[i] = micros(key.hour);
			n[i] = entry.getValue()[0];
			i++;
		}
		return new Object[] { services, environments, kinds, hours, n };
	}

	/** The arguments of the (version, instance) rollup. */
	private static Object[] versionInstanceArgs(List<NewOccurrence> occurrences, long[] incidentIds) {
		Map<Placement, Stats> stats = new TreeMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			NewOccurrence occurrence = occurrences.get(i);
			String version = orEmpty(occurrence.version());
			String instance = orEmpty(occurrence.instance());
			if (!version.isEmpty() || !instance.isEmpty()) {
				stats.computeIfAbsent(new Placement(incidentIds[i], version, instance), (k) -> new Stats())
					.add(occurrence.occurredAt(), occurrence.occurredAt());
			}
		}
		int size = stats.size();
		Long[] ids = new Long[size];
		String[] versions = new String[size];
		String[] instances = new String[size];
		Long[] counts = new Long[size];
		Long[] firstSeen = new Long[size];
		Long[] lastSeen = new Long[size];
		int i = 0;
		for (Map.Entry<Placement, Stats> entry : stats.entrySet()) {
			ids[i] = entry.getKey().incidentId;
			versions[i] = entry.getKey().version;
			instances[i] = entry.getKey().instance;
			counts[i] = entry.getValue().count;
			firstSeen[i] = micros(entry.getValue().first);
			lastSeen[i] = micros(entry.getValue().last);
			i++;
		}
		return new Object[] { ids, versions, instances, counts, firstSeen, lastSeen };
	}

	private static Object[] concat(Object[]... parts) {
		List<Object> all = new ArrayList<>();
		for (Object[] part : parts) {
			all.addAll(Arrays.asList(part));
		}
		return all.toArray();
	}

	/**
	 * Microseconds since the epoch, PostgreSQL's resolution, for
	 * {@code from_epoch_micros}; rounded half up, as the driver rounds a time it sends as
	 * text.
	 */
	static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
				(instant.getNano() + 500) / 1_000);
	}

	private static String orEmpty(String value) {
		return (value == null || value.isBlank()) ? "" : value;
	}

	private record Found(long id, Long mergedInto) {
	}

	private record Key(String service, String environment, String fingerprint) implements Comparable<Key> {

		private static final Comparator<Key> ORDER = Comparator.comparing(Key::service)
			.thenComparing(Key::environment)
			.thenComparing(Key::fingerprint);

		static Key of(NewOccurrence occurrence) {
			Finding finding = occurrence.finding();
			if (finding == null || finding.fingerprint() == null) {
				throw new IllegalArgumentException("an occurrence needs a crash or race finding with a fingerprint");
			}
			return new Key(occurrence.service(), occurrence.environment(), finding.fingerprint().hash());
		}

		@Override
		public int compareTo(Key other) {
			return ORDER.compare(this, other);
		}

	}

	/** The occurrences of a batch that go to one incident. */
	private static final class Group {

		private final List<Integer> indexes = new ArrayList<>();

		private NewOccurrence first;

		private NewOccurrence latest;

		private Instant firstSeen;

		private Instant lastSeen;

		void add(int index, NewOccurrence occurrence) {
			this.indexes.add(index);
			Instant at = occurrence.occurredAt();
			if (this.firstSeen == null || at.isBefore(this.firstSeen)) {
				this.firstSeen = at;
				this.first = occurrence;
			}
			if (this.lastSeen == null || !at.isBefore(this.lastSeen)) {
				this.lastSeen = at;
				this.latest = occurrence;
			}
		}

		Group merge(Group other) {
			this.indexes.addAll(other.indexes);
			this.indexes.sort(null);
			if (this.firstSeen == null || other.firstSeen.isBefore(this.firstSeen)) {
				this.firstSeen = other.firstSeen;
				this.first = other.first;
			}
			if (this.lastSeen == null || !other.lastSeen.isBefore(this.lastSeen)) {
				this.lastSeen = other.lastSeen;
				this.latest = other.latest;
			}
			return this;
		}

		void assign(long incidentId, boolean opened, long[] incidentIds, RecordedOccurrence[] recorded) {
			for (int index : this.indexes) {
				incidentIds[index] = incidentId;
				recorded[index] = new RecordedOccurrence(incidentId, opened, false);
			}
		}

	}

	private record Row(long id, String status, Instant resolvedAt, String resolvedInVersion, Instant mutedUntil) {

		static Row map(ResultSet rs, int rowNum) throws SQLException {
			return new Row(rs.getLong("id"), rs.getString("status"), IncidentSummary.instant(rs, "resolved_at"),
					rs.getString("resolved_in_version"), IncidentSummary.instant(rs, "muted_until"));
		}

	}

	/** An incident's hour or minute. */
	private record Bucket(long incidentId, Instant start) implements Comparable<Bucket> {

		@Override
		public int compareTo(Bucket other) {
			int result = Long.compare(this.incidentId, other.incidentId);
			return (result != 0) ? result : this.start.compareTo(other.start);
		}

	}

	/**
	 * Ordered, so that concurrent batches lock rows of crash_hourly in the same order.
	 */
	private record KindHour(String service, String environment, String kind,
			Instant hour) implements Comparable<KindHour> {

		private static final Comparator<KindHour> ORDER = Comparator.comparing(KindHour::service)
			.thenComparing(KindHour::environment)
			.thenComparing(KindHour::kind)
			.thenComparing(KindHour::hour);

		@Override
		public int compareTo(KindHour other) {
			return ORDER.compare(this, other);
		}

	}

	/** An incident's (version, instance) pair, in the order of the rollup's key. */
	private record Placement(long incidentId, String version, String instance) implements Comparable<Placement> {

		@Override
		public int compareTo(Placement other) {
			int result = Long.compare(this.incidentId, other.incidentId);
			result = (result != 0) ? result : this.version.compareTo(other.version);
			return (result != 0) ? result : this.instance.compareTo(other.instance);
		}

	}

	/** A count with the earliest of one time and the latest of another. */
	private static final class Stats {

		private long count;

		private Instant first;

		private Instant last;

		void add(Instant first, Instant last) {
			this.count++;
			this.first = (this.first == null || first.isBefore(this.first)) ? first : this.first;
			this.last = (this.last == null || last.isAfter(this.last)) ? last : this.last;
		}

	}

}
