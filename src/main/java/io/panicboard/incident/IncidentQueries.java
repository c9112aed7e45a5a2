package io.panicboard.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panicboard.incident.IncidentDetail.Counts;
import io.panicboard.incident.IncidentDetail.Distinct;
import io.panicboard.incident.IncidentDetail.HourCount;
import io.panicboard.incident.IncidentDetail.TimelineItem;
import io.panicboard.incident.IncidentDetail.ValueCount;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.IncidentSummary.instant;
import static io.panicboard.incident.Timeline.utc;

/**
 * Reads incidents for the API and pages. Incidents merged into another are left out of
 * the list; their later events count on the target.
 */
@Repository
@Transactional(readOnly = true)
class IncidentQueries {

	private static final int TOP_VALUES = 5;

	private static final int TIMELINE_LIMIT = 500;

	private static final int DEPLOY_LIMIT = 100;

	/** The API's free text: titles and culprits. */
	private static final String API_TEXT = "(title ILIKE :q OR culprit_function ILIKE :q OR culprit_file ILIKE :q)";

	/**
	 * The dashboard's free text: titles, messages, culprits and the fingerprint's frames
	 * as one text, kept in {@code incident_search} with its trigram index (V16).
	 */
	static final String SEARCH_TEXT = "id IN (SELECT s.incident_id FROM incident_search s WHERE s.text ILIKE :q)";

	private final JdbcClient jdbc;

	private final Clock clock;

	IncidentQueries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	PageOf<IncidentSummary> list(IncidentFilter filter) {
		return list(filter, API_TEXT);
	}

	/**
	 * The list as the dashboard searches it: like {@link #list(IncidentFilter)}, but free
	 * text also finds messages and the frames of the fingerprint.
	 */
	PageOf<IncidentSummary> search(IncidentFilter filter) {
		return list(filter, SEARCH_TEXT);
	}

	private PageOf<IncidentSummary> list(IncidentFilter filter, String textCondition) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(" WHERE merged_into IS NULL");
		if (filter.service() != null) {
			where.append(" AND service = :service");
			params.put("service", filter.service());
		}
		if (filter.environment() != null) {
			where.append(" AND environment = :environment");
			params.put("environment", filter.environment());
		}
		if (!filter.kinds().isEmpty()) {
			where.append(" AND kind IN (:kinds)");
			params.put("kinds", filter.kinds());
		}
		if (!filter.statuses().isEmpty()) {
			where.append(" AND status IN (:statuses)");
			params.put("statuses", filter.statuses());
		}
		if (!filter.severities().isEmpty()) {
			where.append(" AND severity IN (:severities)");
			params.put("severities", filter.severities());
		}
		if (filter.since() != null) {
			where.append(" AND last_seen >= :since");
			params.put("since", utc(filter.since()));
		}
		if (filter.q() != null) {
			where.append(" AND ").append(textCondition);
			params.put("q", "%" + likeEscaped(filter.q()) + "%");
		}
		long total = this.jdbc.sql("SELECT count(*) FROM incident" + where).params(params).query(Long.class).single();
		String direction = filter.descending() ? " DESC" : " ASC";
		// The column comes from the fixed IncidentFilter.Sort map, never from the
		// request.
		String orderBy = " ORDER BY " + filter.sort().column + direction + ", id" + direction;
		params.put("limit", filter.size());
		params.put("offset", (long) filter.page() * filter.size());
		List<IncidentSummary> items = this.jdbc
			.sql("SELECT " + IncidentSummary.COLUMNS + " FROM incident" + where + orderBy
					+ " LIMIT :limit OFFSET :offset")
			.params(params)
			.query(IncidentSummary::map)
			.list();
		return new PageOf<>(items, total, filter.page(), filter.size());
	}

	Optional<IncidentSummary> find(long id) {
		return this.jdbc.sql("SELECT " + IncidentSummary.COLUMNS + " FROM incident WHERE id = ?")
			.param(id)
			.query(IncidentSummary::map)
			.optional();
	}

	Optional<IncidentDetail> detail(long id) {
		return find(id).map(this::detail);
	}

	private IncidentDetail detail(IncidentSummary incident) {
		String components = this.jdbc.sql("SELECT fingerprint_components::text FROM incident WHERE id = ?")
			.param(incident.id())
			.query(String.class)
			.single();
		List<Long> mergedFrom = this.jdbc.sql("SELECT id FROM incident WHERE merged_into = ? ORDER BY id")
			.param(incident.id())
			.query(Long.class)
			.list();
		Shown timeline = timeline(incident);
		return new IncidentDetail(incident, components, mergedFrom, distinct(incident.id(), "version"),
				distinct(incident.id(), "instance"), counts(incident.id()), timeline.items(), timeline.omitted());
	}

	private Distinct distinct(long id, String column) {
		// column is one of two constants, never input; '' stands for "not known"
		String values = "SELECT " + column + " AS value, sum(count) AS count, min(first_seen) AS first_seen, "
				+ "max(last_seen) AS last_seen FROM incident_version_instance WHERE incident_id = ? AND " + column
				+ " <> '' GROUP BY " + column;
		long distinct = this.jdbc.sql("SELECT count(*) FROM (" + values + ") v").param(id).query(Long.class).single();
		List<ValueCount> top = this.jdbc.sql(values + " ORDER BY count DESC, last_seen DESC, value LIMIT " + TOP_VALUES)
			.param(id)
			.query((rs, n) -> new ValueCount(rs.getString(1), rs.getLong(2), instant(rs, "first_seen"),
					instant(rs, "last_seen")))
			.list();
		return new Distinct(distinct, top);
	}

	private Counts counts(long id) {
		Instant now = this.clock.instant();
		Instant dayAgo = now.minus(Duration.ofHours(24));
		List<HourCount> hourly = this.jdbc
			.sql("SELECT hour, count FROM incident_hourly WHERE incident_id = ? AND hour > ? AND count > 0 "
					+ "ORDER BY hour")
			.params(id, utc(now.minus(Duration.ofDays(7))))
			.query((rs, n) -> new HourCount(instant(rs, "hour"), rs.getLong("count")))
			.list();
		long last24h = hourly.stream().filter((h) -> h.hour().isAfter(dayAgo)).mapToLong(HourCount::count).sum();
		long last7d = hourly.stream().mapToLong(HourCount::count).sum();
		return new Counts(last24h, last7d, hourly);
	}

	/**
	 * The newest {@value #TIMELINE_LIMIT} entries and the newest {@value #DEPLOY_LIMIT}
	 * deploys since the incident was first seen, together oldest first, and how many
	 * older ones of either were left out (counted by the statement that reads them).
	 */
	private Shown timeline(IncidentSummary incident) {
		List<Counted> entries = this.jdbc.sql("""
				SELECT at, type, actor, detail::text, total FROM (SELECT at, id, type, actor, detail,
					count(*) OVER () AS total FROM timeline_entry
					WHERE incident_id = ? ORDER BY at DESC, id DESC LIMIT ?) newest
				ORDER BY at, id""")
			.params(incident.id(), TIMELINE_LIMIT)
			.query((rs,
					n) -> new Counted(new TimelineItem(instant(rs, "at"), rs.getString("type"), rs.getString("actor"),
							rs.getString("detail")), rs.getLong("total")))
			.list();
		List<Counted> deploys = this.jdbc.sql("""
				SELECT deployed_at, detail, total FROM (SELECT deployed_at, id,
					jsonb_build_object('deployId', id, 'version', version, 'url', url)::text AS detail,
					count(*) OVER () AS total
					FROM deploy WHERE service = ? AND environment = ? AND deployed_at >= ?
					ORDER BY deployed_at DESC, id DESC LIMIT ?) newest
				ORDER BY deployed_at, id""")
			.params(incident.service(), incident.environment(), utc(incident.firstSeen()), DEPLOY_LIMIT)
			.query((rs, n) -> new Counted(
					new TimelineItem(instant(rs, "deployed_at"), "deploy", null, rs.getString("detail")),
					rs.getLong("total")))
			.list();
		List<TimelineItem> items = new ArrayList<>();
		entries.forEach((entry) -> items.add(entry.item()));
		deploys.forEach((deploy) -> items.add(deploy.item()));
		items.sort(Comparator.comparing(TimelineItem::at));
		return new Shown(items, Counted.omitted(entries) + Counted.omitted(deploys));
	}

	/**
	 * A timeline item read with the number of items its query found before the limit.
	 */
	private record Counted(TimelineItem item, long total) {

		static long omitted(List<Counted> shown) {
			return shown.isEmpty() ? 0 : shown.get(0).total() - shown.size();
		}

	}

	/**
	 * A timeline as shown.
	 *
	 * @param items the entries shown, oldest first
	 * @param omitted how many older ones are not shown
	 */
	private record Shown(List<TimelineItem> items, long omitted) {

	}

	PageOf<OccurrenceView> occurrences(long incidentId, int page, int size) {
		long total = this.jdbc.sql("SELECT count(*) FROM occurrence WHERE incident_id = ?")
			.param(incidentId)
			.query(Long.class)
			.single();
		List<OccurrenceView> items = this.jdbc.sql("""
				SELECT id, incident_id, fingerprint, received_at, occurred_at, version, instance, event_id, text,
					finding::text AS finding
				FROM occurrence WHERE incident_id = ? ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?""")
			.params(incidentId, size, (long) page * size)
			.query((rs, n) -> new OccurrenceView(rs.getLong("id"), rs.getLong("incident_id"),
					rs.getString("fingerprint"), instant(rs, "received_at"), instant(rs, "occurred_at"),
					rs.getString("version"), rs.getString("instance"), rs.getString("event_id"), rs.getString("text"),
					rs.getString("finding")))
			.list();
		return new PageOf<>(items, total, page, size);
	}

	/** Makes {@code %}, {@code _} and {@code \} in free text match themselves. */
	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
