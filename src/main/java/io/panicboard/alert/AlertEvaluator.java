package io.panicboard.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.panicboard.incident.IncidentTimelines;
import io.panicboard.system.PublicUrl;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates rules into alerts with Prometheus' semantics: each evaluation yields a rule's
 * active series; a new series becomes {@code pending}, or {@code firing} at once when the
 * rule's {@code for} is 0; a series pending for {@code for} becomes {@code firing}; an
 * alert whose series is no longer active is {@code resolved} (a pending one silently).
 * <p>
 * Each rule's changes commit in one transaction together with their outbox rows (firing,
 * every repeat interval while firing, and resolved) and their incident timeline entries.
 * Silenced alerts change state like the others but queue no firing notification; a firing
 * alert that was never notified is notified as soon as no silence covers it, and the
 * resolution of one that was is queued even under a silence. A per-rule advisory lock and
 * the unique index on unresolved alerts keep two evaluators (replicas whose scheduler
 * lock overlapped) from writing an alert or a notification twice.
 */
@Component
class AlertEvaluator {

	private static final Log logger = LogFactory.getLog(AlertEvaluator.class);

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	/** The first key of {@code pg_advisory_xact_lock(int, int)}: "al" for alert rules. */
	private static final int LOCK_SPACE = 0x616c;

	private final AlertRules rules;

	private final List<AlertSeriesSource> sources;

	private final Silences silences;

	private final Outbox outbox;

	private final IncidentTimelines timelines;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final PublicUrl publicUrl;

	private final AlertProperties properties;

	AlertEvaluator(AlertRules rules, List<AlertSeriesSource> sources, Silences silences, Outbox outbox,
			IncidentTimelines timelines, JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions,
			PublicUrl publicUrl, AlertProperties properties) {
		this.rules = rules;
		this.sources = sources;
		this.silences = silences;
		this.outbox = outbox;
		this.timelines = timelines;
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = transactions;
		this.publicUrl = publicUrl;
		this.properties = properties;
	}

	/**
	 * Evaluates the enabled rules of some condition types, and resolves the alerts of
	 * disabled rules of those types.
	 * @param now the evaluation time
	 * @param types which condition types
	 */
	void evaluate(Instant now, Predicate<ConditionType> types) {
		List<AlertRule> selected = new ArrayList<>();
		for (AlertRule rule : this.rules.all()) {
			if (types.test(rule.condition().type()) && (rule.enabled() || hasUnresolvedAlerts(rule))) {
				selected.add(rule);
			}
		}
		evaluate(selected, now);
	}

	/**
	 * Evaluates rules; a disabled rule has no active series.
	 * @param selected the rules
	 * @param evaluationTime the evaluation time
	 */
	void evaluate(List<AlertRule> selected, Instant evaluationTime) {
		// the database keeps microseconds: a time sent when an alert fires is the one
		// read
		// back when it resolves
		Instant now = evaluationTime.truncatedTo(ChronoUnit.MICROS);
		List<Silence> silenced = this.silences.active(now);
		Map<AlertSeriesSource, List<AlertRule>> bySource = new LinkedHashMap<>();
		for (AlertRule rule : selected) {
			this.sources.stream()
				.filter((candidate) -> candidate.supports(rule.condition().type()))
				.findFirst()
				.ifPresent((source) -> bySource.computeIfAbsent(source, (s) -> new ArrayList<>()).add(rule));
		}
		bySource.forEach((source, rules) -> {
			Map<AlertRule, List<AlertSeries>> series = activeSeries(source, rules, now);
			for (AlertRule rule : rules) {
				try {
					List<AlertSeries> active = series.get(rule);
					List<AlertSeries> ruleSeries = (active != null) ? active : source.activeSeries(rule, now);
					this.transactions.executeWithoutResult((status) -> apply(rule, ruleSeries, silenced, now));
				}
				catch (RuntimeException ex) {
					logger.error("Evaluating alert rule " + rule.id() + " '" + rule.name() + "' failed", ex);
				}
			}
		});
	}

	/**
	 * The active series of a source's rules, read together; a disabled rule has none.
	 * When reading them together fails, none is returned, and each rule is read on its
	 * own so that one rule's failure does not stop the others.
	 */
	private Map<AlertRule, List<AlertSeries>> activeSeries(AlertSeriesSource source, List<AlertRule> rules,
			Instant now) {
		Map<AlertRule, List<AlertSeries>> series = new LinkedHashMap<>();
		List<AlertRule> enabled = new ArrayList<>();
		for (AlertRule rule : rules) {
			if (rule.enabled()) {
				enabled.add(rule);
			}
			else {
				series.put(rule, List.of());
			}
		}
		if (!enabled.isEmpty()) {
			try {
				series.putAll(source.activeSeries(enabled, now));
			}
			catch (RuntimeException ex) {
				logger.warn("Reading the series of " + enabled.size() + " alert rules together failed; "
						+ "reading them one by one", ex);
			}
		}
		return series;
	}

	/**
	 * Deletes a rule. Its unresolved alerts resolve first, in the same transaction and
	 * under the rule's lock, so that the channels that heard one firing hear it resolve
	 * (deleting the rule deletes its alerts; Alertmanager would hold them active until
	 * their {@code endsAt}), and an evaluation that read the rule before cannot start one
	 * after.
	 * @param rule the rule
	 * @param deletionTime the time
	 * @return whether the rule was there to delete
	 */
	boolean delete(AlertRule rule, Instant deletionTime) {
		Instant now = deletionTime.truncatedTo(ChronoUnit.MICROS);
		Boolean deleted = this.transactions.execute((status) -> {
			lock(rule);
			for (StoredAlert alert : unresolved(rule.id())) {
				resolve(rule, alert, List.of(), now);
			}
			return this.rules.delete(rule.id());
		});
		return Boolean.TRUE.equals(deleted);
	}

	private boolean hasUnresolvedAlerts(AlertRule rule) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM alert WHERE rule_id = ? AND state <> 'resolved')")
			.params(rule.id())
			.query(Boolean.class)
			.single();
	}

	private void lock(AlertRule rule) {
		this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?, ?)")
			.params(LOCK_SPACE, (int) (long) rule.id())
			.query(Integer.class)
			.single();
	}

	private void apply(AlertRule rule, List<AlertSeries> series, List<Silence> silences, Instant now) {
		lock(rule);
		Map<String, StoredAlert> unresolved = new LinkedHashMap<>();
		for (StoredAlert alert : unresolved(rule.id())) {
			unresolved.put(alert.labelKey(), alert);
		}
		List<Kept> kept = new ArrayList<>();
		for (AlertSeries one : series) {
			Map<String, String> labels = labels(rule, one);
			String key = labelKey(labels);
			StoredAlert existing = unresolved.remove(key);
			if (existing == null) {
				start(rule, one, labels, key, silences, now);
			}
			else {
				kept.add(keep(rule, existing, one, labels, now));
			}
		}
		update(rule, kept, now);
		for (Kept one : kept) {
			if (one.fires()) {
				fired(rule, one.alert(), silences, now);
			}
			else if ("firing".equals(one.alert().state()) && due(one.alert().lastSentAt(), now)) {
				notify(rule, one.alert(), "firing", silences, now);
			}
		}
		for (StoredAlert gone : unresolved.values()) {
			resolve(rule, gone, silences, now);
		}
	}

	private void start(AlertRule rule, AlertSeries series, Map<String, String> labels, String key,
			List<Silence> silences, Instant now) {
		boolean firing = rule.condition().forSeconds() == 0;
		Timestamp at = Timestamp.from(now);
		Optional<Long> id = this.jdbc.sql("""
				INSERT INTO alert (rule_id, label_key, labels, annotations, state, value, incident_id, incident_ids,
				    active_since, fired_at, last_seen_at)
				VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::bigint[], ?, ?, ?)
				ON CONFLICT (rule_id, label_key) WHERE state <> 'resolved' DO NOTHING
				RETURNING id""")
			.params(rule.id(), key, this.json.writeValueAsString(labels),
					this.json.writeValueAsString(rule.annotations()), firing ? "firing" : "pending", series.value(),
					series.incidentId(), series.incidentIds().toArray(Long[]::new), at, firing ? at : null, at)
			.query(Long.class)
			.optional();
		if (id.isPresent() && firing) {
			StoredAlert alert = new StoredAlert(id.get(), key, labels, "firing", now, now, null, series.incidentId(),
					series.incidentIds(), series.value());
			fired(rule, alert, silences, now);
		}
	}

	/**
	 * An alert whose series is still active: its new value, incidents and state.
	 */
	private static Kept keep(AlertRule rule, StoredAlert alert, AlertSeries series, Map<String, String> labels,
			Instant now) {
		Set<Long> incidents = new LinkedHashSet<>(alert.incidentIds());
		incidents.addAll(series.incidentIds());
		boolean fires = "pending".equals(alert.state())
				&& !now.isBefore(alert.activeSince().plusSeconds(rule.condition().forSeconds()));
		Instant firedAt = fires ? now : alert.firedAt();
		StoredAlert updated = new StoredAlert(alert.id(), alert.labelKey(), labels, fires ? "firing" : alert.state(),
				alert.activeSince(), firedAt, alert.lastSentAt(), alert.incidentId(), List.copyOf(incidents),
				series.value());
		return new Kept(updated, !labels.equals(alert.labels()), fires);
	}

	/**
	 * Stores the alerts that stay active, all of a rule's in one statement: a busy rule
	 * keeps an alert per incident, and every evaluation changes their values and
	 * {@code last_seen_at}.
	 */
	private void update(AlertRule rule, List<Kept> kept, Instant now) {
		if (kept.isEmpty()) {
			return;
		}
		int size = kept.size();
		Long[] ids = new Long[size];
		String[] labels = new String[size];
		Double[] values = new Double[size];
		String[] incidentIds = new String[size];
		String[] states = new String[size];
		String[] firedAt = new String[size];
		for (int i = 0; i < size; i++) {
			StoredAlert alert = kept.get(i).alert();
			ids[i] = alert.id();
			// the labels hash to the stored key; they differ only in a collision
			labels[i] = kept.get(i).labelsChanged() ? this.json.writeValueAsString(alert.labels()) : null;
			values[i] = alert.value();
			incidentIds[i] = alert.incidentIds()
				.stream()
				.map(String::valueOf)
				.collect(Collectors.joining(",", "{", "}"));
			states[i] = alert.state();
			firedAt[i] = (alert.firedAt() != null) ? alert.firedAt().toString() : null;
		}
		this.jdbc.sql("""
				UPDATE alert a SET labels = coalesce(u.labels::jsonb, a.labels), annotations = ?::jsonb,
				    value = u.value, incident_ids = u.incident_ids::bigint[], last_seen_at = ?, state = u.state,
				    fired_at = u.fired_at
				FROM unnest(?::bigint[], ?::text[], ?::float8[], ?::text[], ?::text[], ?::timestamptz[])
				    AS u (id, labels, value, incident_ids, state, fired_at)
				WHERE a.id = u.id""")
			.params(this.json.writeValueAsString(rule.annotations()), Timestamp.from(now), ids, labels, values,
					incidentIds, states, firedAt)
			.update();
	}

	private boolean due(Instant lastSentAt, Instant now) {
		return lastSentAt == null || !now.isBefore(lastSentAt.plus(this.properties.repeatInterval()));
	}

	private void fired(AlertRule rule, StoredAlert alert, List<Silence> silences, Instant now) {
		this.timelines.alertFired(alert.incidentIds(), now, alert.id(), rule.name(), rule.severity().id());
		notify(rule, alert, "firing", silences, now);
	}

	private void resolve(AlertRule rule, StoredAlert alert, List<Silence> silences, Instant now) {
		this.jdbc.sql("UPDATE alert SET state = 'resolved', resolved_at = ? WHERE id = ?")
			.params(Timestamp.from(now), alert.id())
			.update();
		if (!"firing".equals(alert.state())) {
			return;
		}
		this.timelines.alertResolved(alert.incidentIds(), now, alert.id(), rule.name(), rule.severity().id());
		// a resolution is news only to channels that heard of the alert firing
		if (alert.lastSentAt() != null) {
			notify(rule, alert, "resolved", silences, now);
		}
	}

	private void notify(AlertRule rule, StoredAlert alert, String status, List<Silence> silences, Instant now) {
		boolean resolved = "resolved".equals(status);
		// a silence holds back news, not the end of an alert the channels heard firing:
		// Alertmanager and the receivers would keep it active
		if (!resolved && Silences.silenced(silences, alert.labels())) {
			return;
		}
		String link = (alert.incidentId() != null) ? "/incidents/" + alert.incidentId() : "/alerts/" + alert.id();
		AlertNotification notification = new AlertNotification(alert.id(), rule.name(), status, rule.severity().id(),
				alert.labels(), rule.annotations(), alert.firedAt(), resolved ? now : null, this.publicUrl.link(link),
				alert.incidentIds(), alert.value());
		this.outbox.add(notification, rule.channels(), now);
		if (!resolved) {
			this.jdbc.sql("UPDATE alert SET last_sent_at = ? WHERE id = ?")
				.params(Timestamp.from(now), alert.id())
				.update();
		}
	}

	/**
	 * The rule's unresolved alerts. Only evaluations of the rule write them, and those
	 * hold the rule's advisory lock, so they need no row locks of their own.
	 */
	private List<StoredAlert> unresolved(long ruleId) {
		return this.jdbc.sql("""
				SELECT id, label_key, labels, state, active_since, fired_at, last_sent_at, incident_id, incident_ids,
				    value
				FROM alert WHERE rule_id = ? AND state <> 'resolved' ORDER BY id""")
			.params(ruleId)
			.query(this::stored)
			.list();
	}

	private StoredAlert stored(ResultSet rs, int rowNum) throws SQLException {
		long incident = rs.getLong("incident_id");
		Long incidentId = rs.wasNull() ? null : incident;
		double value = rs.getDouble("value");
		Double valueOrNull = rs.wasNull() ? null : value;
		Array ids = rs.getArray("incident_ids");
		return new StoredAlert(rs.getLong("id"), rs.getString("label_key"),
				this.json.readValue(rs.getString("labels"), STRING_MAP), rs.getString("state"),
				rs.getTimestamp("active_since").toInstant(), instant(rs, "fired_at"), instant(rs, "last_sent_at"),
				incidentId, Arrays.asList((Long[]) ids.getArray()), valueOrNull);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * An alert's labels: the rule's labels, the series' labels, then {@code alertname}
	 * and {@code severity}, later ones winning.
	 */
	static Map<String, String> labels(AlertRule rule, AlertSeries series) {
		Map<String, String> labels = new TreeMap<>(rule.labels());
		labels.putAll(series.labels());
		labels.put("alertname", rule.name());
		labels.put("severity", rule.severity().id());
		return labels;
	}

	/**
	 * A stable key of a label set: the SHA-256 of its sorted names and values.
	 */
	static String labelKey(Map<String, String> labels) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
				digest.update(label.getKey().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(label.getValue().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An unresolved alert as stored.
	 */
	private record StoredAlert(long id, String labelKey, Map<String, String> labels, String state, Instant activeSince,
			Instant firedAt, Instant lastSentAt, Long incidentId, List<Long> incidentIds, Double value) {

	}

	/**
	 * An alert that stays active, as it is to be stored.
	 */
	private record Kept(StoredAlert alert, boolean labelsChanged, boolean fires) {

	}

}
