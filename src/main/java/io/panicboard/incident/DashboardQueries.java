package io.panicboard.incident;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.IncidentSummary.instant;
import static io.panicboard.incident.Timeline.utc;

/**
 * Reads what the overview and the incident list show besides the list itself. Counts over
 * time come from the hourly rollups ({@code incident_hourly} per incident,
 * {@code crash_hourly} per service, environment and kind), never from occurrences.
 * <p>
 * "The last 24 hours" are 24 hourly buckets: the current hour and the 23 before it; "the
 * 24 hours before" are the 24 buckets before those.
 */
@Repository
@Transactional(readOnly = true)
class DashboardQueries {

	static final int HOURS = 24;

	private final JdbcClient jdbc;

	DashboardQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The first hourly bucket of the last 24 hours.
	 * @param now the current time
	 * @return the start of the hour 23 hours before the current one
	 */
	static Instant dayStart(Instant now) {
		return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
	}

	/**
	 * Occurrences per hour over the last 24 hours, oldest first.
	 * @param ids the incidents
	 * @param now the current time
	 * @return 24 counts per incident id; an incident without any has zeros
	 */
	Map<Long, long[]> last24Hours(Collection<Long> ids, Instant now) {
		Map<Long, long[]> counts = new HashMap<>();
		for (long id : ids) {
			counts.put(id, new long[HOURS]);
		}
		if (ids.isEmpty()) {
			return counts;
		}
		Instant start = dayStart(now);
		this.jdbc.sql("""
				SELECT incident_id, hour, count FROM incident_hourly
				WHERE incident_id IN (:ids) AND hour >= :start AND hour < :end""")
			.param("ids", ids)
			.param("start", utc(start))
			.param("end", utc(start.plus(Duration.ofHours(HOURS))))
			.query((ResultSet rs) -> {
				int bucket = (int) Duration.between(start, instant(rs, "hour")).toHours();
				counts.get(rs.getLong("incident_id"))[bucket] += rs.getLong("count");
			});
		return counts;
	}

	boolean anyIncidents() {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident)").query(Boolean.class).single();
	}

	/**
	 * Every service: registered ones and those with incidents.
	 * @return the names, sorted
	 */
	List<String> services() {
		return this.jdbc.sql("SELECT name FROM service UNION SELECT DISTINCT service FROM incident ORDER BY 1")
			.query(String.class)
			.list();
	}

	List<String> environments() {
		return this.jdbc.sql("SELECT DISTINCT environment FROM incident ORDER BY 1").query(String.class).list();
	}

	List<OpenCount> openBySeverity() {
		return this.jdbc.sql("""
				SELECT service, severity, count(*) AS n FROM incident
				WHERE status = 'open' AND merged_into IS NULL GROUP BY service, severity""")
			.query((rs, n) -> new OpenCount(rs.getString("service"), rs.getString("severity"), rs.getLong("n")))
			.list();
	}

	/**
	 * Crashes per service in the last 24 hours and the 24 hours before. Incidents merged
	 * into another keep the counts from before the merge, so they are included.
	 * @param now the current time
	 * @return one row per service with any crash in the last 48 hours
	 */
	List<CrashCount> crashesPerService(Instant now) {
		Instant start = dayStart(now);
		return this.jdbc.sql("""
				SELECT service,
					coalesce(sum(count) FILTER (WHERE hour >= :start), 0) AS current,
					coalesce(sum(count) FILTER (WHERE hour < :start), 0) AS previous
				FROM crash_hourly
				WHERE hour >= :previousStart AND hour < :end
				GROUP BY service""")
			.param("start", utc(start))
			.param("previousStart", utc(start.minus(Duration.ofHours(HOURS))))
			.param("end", utc(start.plus(Duration.ofHours(HOURS))))
			.query((rs, n) -> new CrashCount(rs.getString("service"), rs.getLong("current"), rs.getLong("previous")))
			.list();
	}

	Map<String, Instant> lastCrashPerService() {
		Map<String, Instant> last = new HashMap<>();
		this.jdbc.sql("SELECT service, max(last_seen) AS last_seen FROM incident GROUP BY service")
			.query((ResultSet rs) -> {
				last.put(rs.getString("service"), instant(rs, "last_seen"));
			});
		return last;
	}

	/**
	 * Crashes per kind and hour.
	 * @param from the first hour
	 * @param to the end (exclusive)
	 * @return the non-zero counts
	 */
	List<KindHour> crashesByKind(Instant from, Instant to) {
		return this.jdbc.sql("""
				SELECT kind, hour, sum(count) AS n FROM crash_hourly
				WHERE hour >= :from AND hour < :to
				GROUP BY kind, hour""")
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, n) -> new KindHour(rs.getString("kind"), instant(rs, "hour"), rs.getLong("n")))
			.list();
	}

	List<DeployAt> deploys(Instant from, Instant to, int limit) {
		return this.jdbc.sql("""
				SELECT service, environment, version, deployed_at FROM deploy
				WHERE deployed_at >= :from AND deployed_at < :to ORDER BY deployed_at DESC LIMIT :limit""")
			.param("from", utc(from))
			.param("to", utc(to))
			.param("limit", limit)
			.query((rs, n) -> new DeployAt(rs.getString("service"), rs.getString("environment"),
					rs.getString("version"), instant(rs, "deployed_at")))
			.list();
	}

	/**
	 * The incidents first seen most recently.
	 * @param limit how many
	 * @return newest first
	 */
	List<IncidentSummary> newest(int limit) {
		return this.jdbc
			.sql("SELECT " + IncidentSummary.COLUMNS
					+ " FROM incident WHERE merged_into IS NULL ORDER BY first_seen DESC, id DESC LIMIT :limit")
			.param("limit", limit)
			.query(IncidentSummary::map)
			.list();
	}

	/**
	 * The incidents with the most crashes in the last 24 hours.
	 * @param now the current time
	 * @param limit how many
	 * @return noisiest first
	 */
	List<IncidentSummary> noisiest(Instant now, int limit) {
		Instant start = dayStart(now);
		return this.jdbc.sql("SELECT " + IncidentSummary.COLUMNS.replaceAll("(^|, )", "$1i.") + """
				 FROM (SELECT h.incident_id, sum(h.count) AS recent FROM incident_hourly h
					WHERE h.hour >= :start AND h.hour < :end GROUP BY h.incident_id) r
				JOIN incident i ON i.id = r.incident_id
				WHERE i.merged_into IS NULL
				ORDER BY r.recent DESC, i.last_seen DESC, i.id DESC LIMIT :limit""")
			.param("start", utc(start))
			.param("end", utc(start.plus(Duration.ofHours(HOURS))))
			.param("limit", limit)
			.query(IncidentSummary::map)
			.list();
	}

	record OpenCount(String service, String severity, long count) {

	}

	record CrashCount(String service, long current, long previous) {

	}

	record KindHour(String kind, Instant hour, long count) {

	}

	record DeployAt(String service, String environment, String version, Instant at) {

	}

}
