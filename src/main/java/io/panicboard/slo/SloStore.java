package io.panicboard.slo;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * The SLOs, in table {@code slo}.
 */
@Component
class SloStore {

	private static final String COLUMNS = "id, name, description, service, environment, indicator, kinds, max_crashes, "
			+ "pause_threshold_seconds, severity, resolve_within_seconds, objective, window_days, rolling, "
			+ "budgeting_method, created_at, updated_at, updated_by";

	private final JdbcClient jdbc;

	SloStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Slo> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM slo ORDER BY service, environment, name")
			.query(SloStore::slo)
			.list();
	}

	List<Slo> ofService(String service) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM slo WHERE service = ? ORDER BY environment, name")
			.param(service)
			.query(SloStore::slo)
			.list();
	}

	Optional<Slo> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM slo WHERE id = ?").param(id).query(SloStore::slo).optional();
	}

	Optional<Slo> findByName(String name) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM slo WHERE name = ?")
			.param(name)
			.query(SloStore::slo)
			.optional();
	}

	/**
	 * Stores a new SLO.
	 * @throws DuplicateKeyException when its name is taken
	 */
	@Transactional
	Slo create(Slo slo, Instant now, String actor) {
		long id = this.jdbc.sql("""
				INSERT INTO slo (name, description, service, environment, indicator, kinds, max_crashes,
					pause_threshold_seconds, severity, resolve_within_seconds, objective, window_days, rolling,
					budgeting_method, created_at, updated_at, updated_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(values(slo, now, actor))
			.query(Long.class)
			.single();
		return slo.withId(id, now, now, actor);
	}

	/**
	 * Replaces an SLO's definition.
	 * @throws DuplicateKeyException when its new name is taken
	 */
	@Transactional
	Optional<Slo> update(long id, Slo slo, Instant now, String actor) {
		List<Object> values = new java.util.ArrayList<>(values(slo, now, actor));
		values.remove(14);
		values.add(id);
		int n = this.jdbc
			.sql("""
					UPDATE slo SET name = ?, description = ?, service = ?, environment = ?, indicator = ?, kinds = ?,
						max_crashes = ?, pause_threshold_seconds = ?, severity = ?, resolve_within_seconds = ?, objective = ?,
						window_days = ?, rolling = ?, budgeting_method = ?, updated_at = ?, updated_by = ? WHERE id = ?""")
			.params(values)
			.update();
		return (n == 0) ? Optional.empty() : find(id);
	}

	@Transactional
	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM slo WHERE id = ?").param(id).update() > 0;
	}

	private static List<Object> values(Slo slo, Instant now, String actor) {
		return Arrays.asList(slo.name(), slo.description(), slo.service(), slo.environment(), slo.indicator().id(),
				slo.kinds().toArray(String[]::new), slo.maxCrashes(), slo.pauseThresholdSeconds(), slo.severity(),
				(slo.resolveWithin() != null) ? slo.resolveWithin().toSeconds() : null, slo.objective(),
				slo.window().days(), slo.window().rolling(), slo.budgetingMethod().id(), now.atOffset(UTC),
				now.atOffset(UTC), actor);
	}

	private static Slo slo(ResultSet rs, int row) throws SQLException {
		Array kinds = rs.getArray("kinds");
		long within = rs.getLong("resolve_within_seconds");
		Duration resolveWithin = rs.wasNull() ? null : Duration.ofSeconds(within);
		int days = rs.getInt("window_days");
		SloWindow window = rs.getBoolean("rolling") ? SloWindow.rolling(days) : SloWindow.CALENDAR_MONTH;
		return new Slo(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getString("service"),
				rs.getString("environment"), Indicator.fromId(rs.getString("indicator")).orElseThrow(),
				List.of((String[]) kinds.getArray()), rs.getObject("max_crashes", Integer.class),
				rs.getObject("pause_threshold_seconds", Double.class), rs.getString("severity"), resolveWithin,
				rs.getObject("objective", Double.class), window,
				BudgetingMethod.valueOf(rs.getString("budgeting_method").toUpperCase(java.util.Locale.ROOT)),
				instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("updated_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
	}

}
