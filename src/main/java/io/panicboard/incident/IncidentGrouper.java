package io.panicboard.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Frame;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.Timeline.detail;
import static io.panicboard.incident.Timeline.utc;

/**
 * Groups a batch of occurrences into incidents and stores them, exact under concurrent
 * batches and replicas: the database's unique key decides which batch opens an incident,
 * and every counter is a summed delta. Per batch there is one aggregated upsert per
 * incident key, one per hourly bucket and one per version and instance, issued in sorted
 * key order so that concurrent batches lock rows in the same order.
 * <p>
 * An occurrence whose fingerprint's incident was merged into another lands in the target.
 * An occurrence on a resolved incident reopens it as a regression, unless its version is
 * older than the version the incident was resolved in. An occurrence on a muted incident
 * whose mute has expired reopens it.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class IncidentGrouper implements OccurrenceRecorder {

	/** The incident upsert, for any number of distinct keys at once (in key order). */
	private static final String UPSERT_HEAD = """
			INSERT INTO incident AS i (service, environment, fingerprint, type, kind, severity, title, message,
				culprit_function, culprit_file, culprit_line, map_related, fingerprint_components,
				first_seen, last_seen, event_count, last_version)
			VALUES """;

	private static final String UPSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";

	private static final String UPSERT_TAIL = """

			ON CONFLICT (service, environment, fingerprint) DO UPDATE SET
				event_count = i.event_count + EXCLUDED.event_count,
				first_seen = least(i.first_seen, EXCLUDED.first_seen),
				last_seen = greatest(i.last_seen, EXCLUDED.last_seen),
				message = CASE WHEN EXCLUDED.last_seen >= i.last_seen THEN EXCLUDED.message ELSE i.message END,
				last_version = CASE WHEN EXCLUDED.last_seen >= i.last_seen
					THEN coalesce(EXCLUDED.last_version, i.last_version) ELSE i.last_version END
			WHERE i.merged_into IS NULL
			RETURNING service, environment, fingerprint, id, (xmax = 0) AS inserted, status, resolved_in_version,
				muted_until""";

	/** Keys per upsert statement: 17 parameters each, well below PostgreSQL's 65,535. */
	private static final int UPSERT_CHUNK = 1_000;

	private static final String UPDATE_TARGET = """
			UPDATE incident SET
				event_count = event_count + ?,
				first_seen = least(first_seen, ?),
				last_seen = greatest(last_seen, ?),
				message = CASE WHEN ? >= last_seen THEN ? ELSE message END,
				last_version = CASE WHEN ? >= last_seen THEN coalesce(?, last_version) ELSE last_version END
			WHERE id = ?
			RETURNING id, false AS inserted, status, resolved_in_version, muted_until""";

	private static final String INSERT_OCCURRENCE = """
			INSERT INTO occurrence (incident_id, service, environment, fingerprint, received_at, occurred_at,
				version, instance, event_id, text, finding)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";

	private static final String UPSERT_HOURLY = """
			INSERT INTO incident_hourly AS h (incident_id, hour, count) VALUES (?, ?, ?)
			ON CONFLICT (incident_id, hour) DO UPDATE SET count = h.count + EXCLUDED.count""";

	private static final String UPSERT_CRASH_HOURLY = """
			INSERT INTO crash_hourly AS c (service, environment, kind, hour, count) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (service, environment, kind, hour) DO UPDATE SET count = c.count + EXCLUDED.count""";

	private static final String UPSERT_VALUE = """
			INSERT INTO incident_%1$s AS v (incident_id, %1$s, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (incident_id, %1$s) DO UPDATE SET count = v.count + EXCLUDED.count,
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
		long[] incidentIds = new long[occurrences.size()];
		RecordedOccurrence[] recorded = new RecordedOccurrence[occurrences.size()];
		Map<Long, Group> merged = new TreeMap<>();
		Map<Key, Row> upserted = upsert(new ArrayList<>(groups.entrySet()));
		for (Map.Entry<Key, Group> entry : groups.entrySet()) {
			Group group = entry.getValue();
			// no row: the incident of this fingerprint was merged into another
			Row row = upserted.get(entry.getKey());
			if (row == null) {
				merged.computeIfAbsent(mergeTarget(entry.getKey()), (id) -> new Group()).addAll(group);
			}
			else {
				settle(row, group, occurrences, incidentIds, recorded);
			}
		}
		for (Map.Entry<Long, Group> entry : merged.entrySet()) {
			settle(updateTarget(entry.getKey(), entry.getValue()), entry.getValue(), occurrences, incidentIds,
					recorded);
		}
		insertOccurrences(occurrences, incidentIds);
		upsertHourly(occurrences, incidentIds);
		upsertCrashHourly(occurrences);
		upsertValues("version", NewOccurrence::version, occurrences, incidentIds);
		upsertValues("instance", NewOccurrence::instance, occurrences, incidentIds);
		return Arrays.asList(recorded);
	}

	/** One multi-row upsert per chunk of keys, in key order so batches lock alike. */
	private Map<Key, Row> upsert(List<Map.Entry<Key, Group>> entries) {
		Map<Key, Row> rows = new HashMap<>();
		for (int from = 0; from < entries.size(); from += UPSERT_CHUNK) {
			List<Map.Entry<Key, Group>> chunk = entries.subList(from, Math.min(entries.size(), from + UPSERT_CHUNK));
			List<Object> args = new ArrayList<>(chunk.size() * 17);
			for (Map.Entry<Key, Group> entry : chunk) {
				addUpsertArgs(args, entry.getKey(), entry.getValue());
			}
			String sql = UPSERT_HEAD + String.join(", ", Collections.nCopies(chunk.size(), UPSERT_ROW)) + UPSERT_TAIL;
			this.jdbc.query(sql, (ResultSet rs) -> {
				rows.put(new Key(rs.getString("service"), rs.getString("environment"), rs.getString("fingerprint")),
						Row.map(rs, 0));
			}, args.toArray());
		}
		return rows;
	}

	private void addUpsertArgs(List<Object> args, Key key, Group group) {
		Finding finding = group.latest.finding();
		Frame culprit = IncidentTitles.culprit(finding);
		args.addAll(Arrays.asList(key.service, key.environment, key.fingerprint, finding.type().id(),
				finding.kind().id(), finding.severity().id(), IncidentTitles.title(finding), finding.message(),
				(culprit != null) ? culprit.function() : null, (culprit != null) ? culprit.file() : null,
				(culprit != null) ? culprit.line() : null, finding.mapRelated(),
				this.json.writeValueAsString(finding.fingerprint().components()), utc(group.firstSeen),
				utc(group.lastSeen), group.indexes.size(), group.latest.version()));
	}

	private long mergeTarget(Key key) {
		Long target = this.jdbc.queryForObject(
				"SELECT merged_into FROM incident WHERE service = ? AND environment = ? AND fingerprint = ?",
				Long.class, key.service, key.environment, key.fingerprint);
		return Objects.requireNonNull(target, "merged_into");
	}

	private Row updateTarget(long id, Group group) {
		return this.jdbc.queryForObject(UPDATE_TARGET, Row::map, group.indexes.size(), utc(group.firstSeen),
				utc(group.lastSeen), utc(group.lastSeen), group.latest.finding().message(), utc(group.lastSeen),
				group.latest.version(), id);
	}

	private void settle(Row row, Group group, List<NewOccurrence> occurrences, long[] incidentIds,
			RecordedOccurrence[] recorded) {
		if (row.inserted) {
			NewOccurrence first = group.first;
			this.timeline.add(row.id, first.occurredAt(), "first_seen", null,
					detail("version", first.version(), "instance", first.instance()));
		}
		Integer regression = "resolved".equals(row.status) ? regression(row, group, occurrences) : null;
		if (regression != null) {
			NewOccurrence occurrence = occurrences.get(regression);
			this.jdbc.update("UPDATE incident SET status = 'open', resolved_at = NULL, resolved_in_version = NULL "
					+ "WHERE id = ?", row.id);
			this.timeline.add(row.id, occurrence.occurredAt(), "regression", null,
					detail("version", occurrence.version(), "resolvedInVersion", row.resolvedInVersion, "instance",
							occurrence.instance()));
		}
		Instant now = this.clock.instant();
		if ("muted".equals(row.status) && row.mutedUntil != null && !row.mutedUntil.isAfter(now)) {
			this.jdbc.update("UPDATE incident SET status = 'open', muted_until = NULL WHERE id = ?", row.id);
			this.timeline.add(row.id, now, "unmuted", null,
					detail("reason", "mute expired", "mutedUntil", row.mutedUntil.toString()));
		}
		for (int index : group.indexes) {
			incidentIds[index] = row.id;
			recorded[index] = new RecordedOccurrence(row.id, row.inserted, regression != null && regression == index);
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

	private void insertOccurrences(List<NewOccurrence> occurrences, long[] incidentIds) {
		List<Object[]> args = new ArrayList<>(occurrences.size());
		for (int i = 0; i < occurrences.size(); i++) {
			NewOccurrence o = occurrences.get(i);
			Finding f = o.finding();
			args.add(new Object[] { incidentIds[i], o.service(), o.environment(), f.fingerprint().hash(),
					utc(o.receivedAt()), utc(o.occurredAt()), o.version(), o.instance(), o.eventId(),
					(f.text() != null) ? f.text() : "", this.json.writeValueAsString(StoredFinding.of(f)) });
		}
		this.jdbc.batchUpdate(INSERT_OCCURRENCE, args);
	}

	private void upsertHourly(List<NewOccurrence> occurrences, long[] incidentIds) {
		Map<Bucket, long[]> counts = new TreeMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			Bucket bucket = new Bucket(incidentIds[i], occurrences.get(i).occurredAt().truncatedTo(ChronoUnit.HOURS));
			counts.computeIfAbsent(bucket, (b) -> new long[1])[0]++;
		}
		List<Object[]> args = new ArrayList<>(counts.size());
		counts.forEach((bucket, count) -> args.add(new Object[] { bucket.incidentId, utc(bucket.hour), count[0] }));
		this.jdbc.batchUpdate(UPSERT_HOURLY, args);
	}

	private void upsertCrashHourly(List<NewOccurrence> occurrences) {
		Map<KindHour, long[]> counts = new TreeMap<>();
		for (NewOccurrence o : occurrences) {
			KindHour key = new KindHour(o.service(), o.environment(), o.finding().kind().id(),
					o.occurredAt().truncatedTo(ChronoUnit.HOURS));
			counts.computeIfAbsent(key, (k) -> new long[1])[0]++;
		}
		List<Object[]> args = new ArrayList<>(counts.size());
		counts.forEach((key, count) -> args
			.add(new Object[] { key.service, key.environment, key.kind, utc(key.hour), count[0] }));
		this.jdbc.batchUpdate(UPSERT_CRASH_HOURLY, args);
	}

	private void upsertValues(String column, Function<NewOccurrence, String> value, List<NewOccurrence> occurrences,
			long[] incidentIds) {
		Map<ValueKey, Stats> stats = new TreeMap<>();
		for (int i = 0; i < occurrences.size(); i++) {
			String v = value.apply(occurrences.get(i));
			if (v != null && !v.isBlank()) {
				stats.computeIfAbsent(new ValueKey(incidentIds[i], v), (k) -> new Stats())
					.add(occurrences.get(i).occurredAt());
			}
		}
		if (stats.isEmpty()) {
			return;
		}
		List<Object[]> args = new ArrayList<>(stats.size());
		stats.forEach((key, s) -> args
			.add(new Object[] { key.incidentId, key.value, s.count, utc(s.firstSeen), utc(s.lastSeen) }));
		this.jdbc.batchUpdate(UPSERT_VALUE.formatted(column), args);
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

		void addAll(Group other) {
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
		}

	}

	private record Row(long id, boolean inserted, String status, String resolvedInVersion, Instant mutedUntil) {

		static Row map(ResultSet rs, int rowNum) throws SQLException {
			OffsetDateTime mutedUntil = rs.getObject("muted_until", OffsetDateTime.class);
			return new Row(rs.getLong("id"), rs.getBoolean("inserted"), rs.getString("status"),
					rs.getString("resolved_in_version"), (mutedUntil != null) ? mutedUntil.toInstant() : null);
		}

	}

	private record Bucket(long incidentId, Instant hour) implements Comparable<Bucket> {

		@Override
		public int compareTo(Bucket other) {
			int result = Long.compare(this.incidentId, other.incidentId);
			return (result != 0) ? result : this.hour.compareTo(other.hour);
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

	private record ValueKey(long incidentId, String value) implements Comparable<ValueKey> {

		@Override
		public int compareTo(ValueKey other) {
			int result = Long.compare(this.incidentId, other.incidentId);
			return (result != 0) ? result : this.value.compareTo(other.value);
		}

	}

	private static final class Stats {

		private long count;

		private Instant firstSeen;

		private Instant lastSeen;

		void add(Instant at) {
			this.count++;
			this.firstSeen = (this.firstSeen == null || at.isBefore(this.firstSeen)) ? at : this.firstSeen;
			this.lastSeen = (this.lastSeen == null || at.isAfter(this.lastSeen)) ? at : this.lastSeen;
		}

	}

}
