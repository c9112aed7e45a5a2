package io.panicboard.alert;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.panicboard.analysis.Severity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alert rules, table {@code alert_rule}. Callers validate a rule with
 * {@link RuleValidation} before they store it; the table's constraints (unique name,
 * severity and condition values) are the last line.
 */
@Component
public class AlertRules {

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, name, builtin_key, description, enabled, severity, matchers, "
			+ "condition_type, threshold, window_seconds, for_seconds, metric, labels, annotations, channels, "
			+ "created_at, updated_at, updated_by";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AlertRules(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Every rule, by name.
	 * @return the rules
	 */
	@Transactional(readOnly = true)
	public List<AlertRule> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert_rule ORDER BY lower(name), id").query(this::row).list();
	}

	/**
	 * The enabled rules, by id.
	 * @return the rules to evaluate
	 */
	@Transactional(readOnly = true)
	public List<AlertRule> enabled() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert_rule WHERE enabled ORDER BY id")
			.query(this::row)
			.list();
	}

	/**
	 * One rule.
	 * @param id the id
	 * @return the rule, or empty
	 */
	@Transactional(readOnly = true)
	public Optional<AlertRule> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert_rule WHERE id = ?")
			.params(id)
			.query(this::row)
			.optional();
	}

	/**
	 * Whether another rule has a name (names are unique, ignoring nothing).
	 * @param name the name
	 * @param exceptId the rule being edited, or {@code null}
	 * @return whether the name is taken
	 */
	@Transactional(readOnly = true)
	public boolean nameTaken(String name, Long exceptId) {
		return this.jdbc.sql("SELECT count(*) FROM alert_rule WHERE name = ? AND id <> ?")
			.params(name, (exceptId != null) ? exceptId : -1L)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores a new rule; its id, builtin key and times are ignored.
	 * @param rule the rule
	 * @param actor who created it
	 * @return the stored rule
	 */
	@Transactional
	public AlertRule create(AlertRule rule, String actor) {
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				INSERT INTO alert_rule (name, description, enabled, severity, matchers, condition_type, threshold,
				    window_seconds, for_seconds, metric, labels, annotations, channels, created_at, updated_at,
				    updated_by)
				VALUES (:name, :description, :enabled, :severity, :matchers::jsonb, :type, :threshold, :window, :for,
				    :metric, :labels::jsonb, :annotations::jsonb, :channels::text[], :now, :now, :actor)
				RETURNING id""").paramSource(parameters(rule, now, actor)).query(Long.class).single();
		return find(id).orElseThrow();
	}

	/**
	 * Replaces a rule's fields; its builtin key and creation time stay.
	 * @param id the rule
	 * @param rule the new fields
	 * @param actor who changed it
	 * @return the stored rule
	 * @throws java.util.NoSuchElementException when there is no such rule
	 */
	@Transactional
	public AlertRule update(long id, AlertRule rule, String actor) {
		Map<String, Object> parameters = parameters(rule, this.clock.instant(), actor);
		parameters.put("id", id);
		int updated = this.jdbc.sql("""
				UPDATE alert_rule SET name = :name, description = :description, enabled = :enabled,
				    severity = :severity, matchers = :matchers::jsonb, condition_type = :type, threshold = :threshold,
				    window_seconds = :window, for_seconds = :for, metric = :metric, labels = :labels::jsonb,
				    annotations = :annotations::jsonb, channels = :channels::text[], updated_at = :now,
				    updated_by = :actor
				WHERE id = :id""").paramSource(parameters).update();
		if (updated != 1) {
			throw new NoSuchElementException("No alert rule " + id);
		}
		return find(id).orElseThrow();
	}

	/**
	 * Deletes a rule and, with it, its alerts (their notifications stay in the log).
	 * @param id the rule
	 * @return whether it existed
	 */
	@Transactional
	public boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM alert_rule WHERE id = ?").params(id).update() == 1;
	}

	/**
	 * Stores a built-in rule unless one with its key (or its name) exists.
	 * @param rule the rule, with its builtin key
	 * @return whether it was created
	 */
	@Transactional
	boolean createBuiltin(AlertRule rule) {
		Map<String, Object> parameters = parameters(rule, this.clock.instant(), null);
		parameters.put("key", rule.builtinKey());
		return this.jdbc.sql("""
				INSERT INTO alert_rule (name, builtin_key, description, enabled, severity, matchers, condition_type,
				    threshold, window_seconds, for_seconds, metric, labels, annotations, channels, created_at,
				    updated_at, updated_by)
				VALUES (:name, :key, :description, :enabled, :severity, :matchers::jsonb, :type, :threshold, :window,
				    :for, :metric, :labels::jsonb, :annotations::jsonb, :channels::text[], :now, :now, :actor)
				ON CONFLICT DO NOTHING""").paramSource(parameters).update() == 1;
	}

	private Map<String, Object> parameters(AlertRule rule, Instant now, String actor) {
		RuleCondition condition = rule.condition();
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("name", rule.name());
		parameters.put("description", rule.description());
		parameters.put("enabled", rule.enabled());
		parameters.put("severity", rule.severity().id());
		parameters.put("matchers", this.json.writeValueAsString(rule.matchers()));
		parameters.put("type", condition.type().id());
		parameters.put("threshold", condition.threshold());
		parameters.put("window", condition.windowSeconds());
		parameters.put("for", condition.forSeconds());
		parameters.put("metric", condition.metric());
		parameters.put("labels", this.json.writeValueAsString(rule.labels()));
		parameters.put("annotations", this.json.writeValueAsString(rule.annotations()));
		parameters.put("channels", rule.channels().toArray(String[]::new));
		parameters.put("now", Timestamp.from(now));
		parameters.put("actor", actor);
		return parameters;
	}

	private AlertRule row(ResultSet rs, int rowNum) throws SQLException {
		double threshold = rs.getDouble("threshold");
		Double thresholdOrNull = rs.wasNull() ? null : threshold;
		int window = rs.getInt("window_seconds");
		Integer windowOrNull = rs.wasNull() ? null : window;
		RuleCondition condition = new RuleCondition(ConditionType.fromId(rs.getString("condition_type")).orElseThrow(),
				thresholdOrNull, windowOrNull, rs.getInt("for_seconds"), rs.getString("metric"));
		Array channels = rs.getArray("channels");
		return new AlertRule(rs.getLong("id"), rs.getString("name"), rs.getString("builtin_key"),
				rs.getString("description"), rs.getBoolean("enabled"),
				Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT)),
				this.json.readValue(rs.getString("matchers"), RuleMatchers.class), condition,
				this.json.readValue(rs.getString("labels"), STRING_MAP),
				this.json.readValue(rs.getString("annotations"), STRING_MAP),
				(channels != null) ? Arrays.asList((String[]) channels.getArray()) : List.of(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getString("updated_by"));
	}

}
