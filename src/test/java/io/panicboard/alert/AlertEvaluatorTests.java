package io.panicboard.alert;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.panicboard.HeapOnlyUpdates;
import io.panicboard.analysis.Severity;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.memory.MemorySampleRecorder;
import io.panicboard.memory.NewMemorySample;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@AlertTest
class AlertEvaluatorTests {

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private MutableClock clock;

	@Autowired
	private Silences silences;

	@Autowired
	private AlertMetrics metrics;

	@Autowired
	private CollectorRegistry registry;

	@Autowired
	private JsonMapper json;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MemorySampleRecorder samples;

	private AlertTestData data;

	private String service;

	private String channel;

	@BeforeEach
	void setUp(@Autowired OccurrenceRecorder recorder, @Autowired TransactionTemplate transactions,
			@Autowired AlertRules rules) {
		this.data = new AlertTestData(recorder, transactions, this.jdbc, rules);
		this.service = AlertTestData.unique("svc");
		this.channel = this.data.channel(false);
		this.clock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	@AfterEach
	void tearDown() {
		this.data.deleteChannel(this.channel);
	}

	@Test
	void anyOccurrenceFiresAtOnceAndResolvesWhenTheWindowPassesWithoutOne() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of("nil_map_write"),
				this.channel);
		Instant t0 = this.clock.instant();
		long incident = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), t0.minusSeconds(1));

		evaluate(rule);
		List<Map<String, Object>> alerts = this.data.alerts(rule.id());
		assertThat(alerts).hasSize(1);
		assertThat(alerts.get(0)).containsEntry("state", "firing").containsEntry("incident_id", incident);
		List<Map<String, Object>> sent = this.data.notifications(rule.id());
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0)).containsEntry("channel", this.channel)
			.containsEntry("status", "firing")
			.containsEntry("delivery", "pending");
		JsonNode payload = this.json.readTree((String) sent.get(0).get("payload"));
		assertThat(payload.get("alertId").asLong()).isEqualTo((Long) alerts.get(0).get("id"));
		assertThat(payload.get("ruleName").asString()).isEqualTo(rule.name());
		assertThat(payload.get("severity").asString()).isEqualTo("critical");
		assertThat(payload.get("labels").get("alertname").asString()).isEqualTo(rule.name());
		assertThat(payload.get("labels").get("service").asString()).isEqualTo(this.service);
		assertThat(payload.get("labels").get("environment").asString()).isEqualTo("production");
		assertThat(payload.get("labels").get("kind").asString()).isEqualTo("nil_map_write");
		assertThat(payload.get("labels").get("incident").asString()).isEqualTo(Long.toString(incident));
		assertThat(payload.get("labels").get("team").asString()).isEqualTo("core");
		assertThat(payload.get("annotations").get("summary").asString()).isEqualTo("trouble in " + this.service);
		assertThat(payload.get("generatorUrl").asString()).isEqualTo("http://localhost:8080/incidents/" + incident);
		assertThat(payload.get("incidentIds").get(0).asLong()).isEqualTo(incident);
		assertThat(Instant.parse(payload.get("startsAt").asString())).isEqualTo(t0);
		assertThat(payload.get("endsAt").isNull()).isTrue();
		assertThat(payload.get("value").asDouble()).isEqualTo(1.0);
		assertThat(this.data.timeline(incident)).containsExactly("alert_fired");

		this.clock.advance(Duration.ofSeconds(298));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("firing");
		assertThat(this.data.notifications(rule.id())).hasSize(1);

		this.clock.advance(Duration.ofSeconds(2));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		sent = this.data.notifications(rule.id());
		assertThat(sent).extracting((n) -> n.get("status")).containsExactly("firing", "resolved");
		JsonNode resolved = this.json.readTree((String) sent.get(1).get("payload"));
		assertThat(resolved.get("status").asString()).isEqualTo("resolved");
		assertThat(Instant.parse(resolved.get("endsAt").asString())).isEqualTo(this.clock.instant());
		assertThat(this.data.timeline(incident)).containsExactly("alert_fired", "alert_resolved");
	}

	@Test
	void firingAndResolvedNotificationsCarryTheSameStart() {
		this.clock.set(this.clock.instant().plusNanos(123_456_789));
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of("nil_map_write"),
				this.channel);
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant().minusSeconds(1));
		evaluate(rule);
		this.clock.advance(Duration.ofSeconds(300));
		evaluate(rule);
		List<Map<String, Object>> sent = this.data.notifications(rule.id());
		assertThat(sent).extracting((n) -> n.get("status")).containsExactly("firing", "resolved");
		String fired = this.json.readTree((String) sent.get(0).get("payload")).get("startsAt").asString();
		String resolved = this.json.readTree((String) sent.get(1).get("payload")).get("startsAt").asString();
		assertThat(resolved).isEqualTo(fired);
	}

	@Test
	void anyOccurrenceResolvesWhenTheIncidentIsResolvedAndLeavesOtherKindsAlone() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of("nil_map_write"),
				this.channel);
		long incident = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		this.data.occurrence(this.service, AlertTestData.CONCURRENT_WRITES, fingerprint(), this.clock.instant());
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement()
			.extracting((a) -> a.get("incident_id"))
			.isEqualTo(incident);

		this.data.resolve(incident, this.clock.advance(Duration.ofSeconds(10)));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status"))
			.containsExactly("firing", "resolved");
	}

	@Test
	void alertsThatStayActiveTakeTheirNewValuesIncidentsAndLastSeenTimeEachEvaluation() {
		AlertRule perIncident = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of("nil_map_write"),
				this.channel);
		AlertRule perService = this.data.rule(this.service,
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 1.0, 3600, 0, null), List.of("nil_map_write"),
				this.channel);
		Instant t0 = this.clock.instant();
		long first = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), t0.minusSeconds(1));
		String secondFingerprint = fingerprint();
		long second = this.data.occurrence(this.service, AlertTestData.NIL_MAP, secondFingerprint, t0.minusSeconds(1));
		evaluate(perIncident);
		evaluate(perService);

		Instant t1 = this.clock.advance(Duration.ofSeconds(10));
		long third = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), t1.minusSeconds(1));
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, secondFingerprint, t1.minusSeconds(1));
		evaluate(perIncident);
		evaluate(perService);

		List<Map<String, Object>> alerts = this.data.alerts(perIncident.id());
		assertThat(alerts).extracting((a) -> a.get("incident_id")).contains(first, second, third);
		Map<Object, Map<String, Object>> byIncident = new HashMap<>();
		alerts.forEach((alert) -> byIncident.put(alert.get("incident_id"), alert));
		assertThat(byIncident.get(first)).containsEntry("value", 1.0).containsEntry("state", "firing");
		assertThat(byIncident.get(second)).containsEntry("value", 2.0).containsEntry("state", "firing");
		for (Long kept : List.of(first, second)) {
			Map<String, Object> alert = byIncident.get(kept);
			assertThat(instant(alert.get("last_seen_at"))).isEqualTo(t1);
			assertThat(instant(alert.get("fired_at"))).isEqualTo(t0);
			assertThat(instant(alert.get("active_since"))).isEqualTo(t0);
		}
		assertThat(this.data.notifications(perIncident.id())).hasSize(alerts.size());

		assertThat(this.data.alerts(perService.id())).singleElement().satisfies((alert) -> {
			assertThat(alert.get("value")).isEqualTo(4.0);
			assertThat(instant(alert.get("last_seen_at"))).isEqualTo(t1);
			assertThat(instant(alert.get("fired_at"))).isEqualTo(t0);
		});
		assertThat(this.jdbc.sql("SELECT unnest(incident_ids) FROM alert WHERE rule_id = ?")
			.params(perService.id())
			.query(Long.class)
			.list()).containsExactlyInAnyOrder(first, second, third);
		assertThat(this.data.notifications(perService.id())).hasSize(1);
	}

	/**
	 * Every evaluation rewrites the value and last-seen time of each active alert; an
	 * index on either would make each update write new index entries instead of staying
	 * on the heap page, as would a full page (migration V25).
	 */
	@Test
	void columnsEveryEvaluationUpdatesAreInNoIndexAndPagesKeepRoom() {
		HeapOnlyUpdates.assertPossible(this.jdbc, "alert",
				List.of("value", "last_seen_at", "labels", "annotations", "incident_ids"), 70);
	}

	@Test
	void occurrenceRulesEvaluatedTogetherEachTakeTheirOwnIncidentsFromTheSharedWindow() {
		AlertRule nilMap = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of("nil_map_write"),
				this.channel);
		AlertRule concurrent = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of("concurrent_map_writes"),
				this.channel);
		AlertRule shortWindow = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 60, 0, null), List.of(), this.channel);
		AlertRule newFingerprint = this.data.rule(this.service,
				new RuleCondition(ConditionType.NEW_FINGERPRINT, null, 300, 0, null), List.of(), this.channel);
		AlertRule regression = this.data.rule(this.service,
				new RuleCondition(ConditionType.REGRESSION, null, 300, 0, null), List.of(), this.channel);
		Instant t0 = this.clock.instant();
		String oldFingerprint = fingerprint();
		long old = this.data.occurrence(this.service, AlertTestData.CONCURRENT_WRITES, oldFingerprint,
				t0.minus(Duration.ofHours(2)));
		this.data.resolve(old, t0.minus(Duration.ofHours(1)));
		long recurred = this.data.occurrence(this.service, AlertTestData.CONCURRENT_WRITES, oldFingerprint,
				t0.minusSeconds(200));
		long nilMapIncident = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(),
				t0.minusSeconds(10));
		assertThat(recurred).isEqualTo(old);

		this.evaluator.evaluate(List.of(nilMap, concurrent, shortWindow, newFingerprint, regression), t0);

		assertThat(this.data.alerts(nilMap.id())).extracting((a) -> a.get("incident_id"))
			.containsExactly(nilMapIncident);
		assertThat(this.data.alerts(concurrent.id())).extracting((a) -> a.get("incident_id")).containsExactly(old);
		assertThat(this.data.alerts(shortWindow.id())).extracting((a) -> a.get("incident_id"))
			.containsExactly(nilMapIncident);
		assertThat(this.data.alerts(newFingerprint.id())).extracting((a) -> a.get("incident_id"))
			.containsExactly(nilMapIncident);
		assertThat(this.data.alerts(regression.id())).extracting((a) -> a.get("incident_id")).containsExactly(old);
	}

	@Test
	void countInWindowFiresAtTheThresholdPerServiceAndResolvesWhenTheCountDrops() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.COUNT_IN_WINDOW, 3.0, 3600, 0, null), List.of("nil_map_write"),
				this.channel);
		Instant t0 = this.clock.instant();
		long first = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), t0);
		long second = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), t0.plusSeconds(60));
		this.clock.advance(Duration.ofSeconds(120));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).isEmpty();

		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), t0.plusSeconds(120));
		evaluate(rule);
		List<Map<String, Object>> alerts = this.data.alerts(rule.id());
		assertThat(alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.get("state")).isEqualTo("firing");
			assertThat(alert.get("value")).isEqualTo(3.0);
			assertThat(alert.get("incident_id")).isNull();
		});
		JsonNode payload = this.json.readTree((String) this.data.notifications(rule.id()).get(0).get("payload"));
		assertThat(payload.get("labels").get("service").asString()).isEqualTo(this.service);
		assertThat(payload.get("labels").has("incident")).isFalse();
		assertThat(payload.get("incidentIds")).hasSize(3);
		assertThat(payload.get("generatorUrl").asString()).endsWith("/alerts/" + alerts.get(0).get("id"));
		assertThat(this.data.timeline(first)).containsExactly("alert_fired");
		assertThat(this.data.timeline(second)).containsExactly("alert_fired");

		this.clock.set(t0.plusSeconds(3600));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		assertThat(this.data.timeline(first)).containsExactly("alert_fired", "alert_resolved");
	}

	@Test
	void newFingerprintFiresOnceForANewIncidentAndNotForLaterOccurrences() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.NEW_FINGERPRINT, null, 300, 0, null), List.of(), this.channel,
				Severity.WARNING);
		String fingerprint = fingerprint();
		long incident = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint, this.clock.instant());
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("firing");

		this.clock.advance(Duration.ofSeconds(400));
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint, this.clock.instant());
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status"))
			.containsExactly("firing", "resolved");
		assertThat(this.data.timeline(incident)).containsExactly("alert_fired", "alert_resolved");
	}

	@Test
	void regressionFiresWhenAResolvedIncidentRecurs() {
		AlertRule rule = this.data.rule(this.service, new RuleCondition(ConditionType.REGRESSION, null, 300, 0, null),
				List.of(), this.channel, Severity.HIGH);
		String fingerprint = fingerprint();
		long incident = this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint, this.clock.instant());
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).isEmpty();

		this.data.resolve(incident, this.clock.advance(Duration.ofHours(1)));
		this.clock.advance(Duration.ofHours(1));
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint, this.clock.instant());
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().satisfies((alert) -> {
			assertThat(alert.get("state")).isEqualTo("firing");
			assertThat(alert.get("incident_id")).isEqualTo(incident);
		});

		this.clock.advance(Duration.ofSeconds(301));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
	}

	@Test
	void metricThresholdIsPendingForItsForDurationThenFiresAndResolves() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 100.0, null, 300, "goroutines"), List.of(),
				this.channel, Severity.WARNING);
		memorySample(this.clock.instant(), 1_000_000, 150);
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("pending");
		assertThat(this.data.notifications(rule.id())).isEmpty();

		this.clock.advance(Duration.ofSeconds(299));
		memorySample(this.clock.instant(), 1_000_000, 180);
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("pending");

		this.clock.advance(Duration.ofSeconds(1));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().satisfies((alert) -> {
			assertThat(alert.get("state")).isEqualTo("firing");
			assertThat(alert.get("value")).isEqualTo(180.0);
		});
		JsonNode payload = this.json.readTree((String) this.data.notifications(rule.id()).get(0).get("payload"));
		assertThat(payload.get("labels").get("metric").asString()).isEqualTo("goroutines");

		this.clock.advance(Duration.ofSeconds(15));
		memorySample(this.clock.instant(), 1_000_000, 40);
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status"))
			.containsExactly("firing", "resolved");
	}

	@Test
	void aGoroutineRuleIgnoresServicesThatPublishNoGoroutineCount() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 100.0, null, 0, "goroutines"), List.of(),
				this.channel, Severity.WARNING);
		memorySample("a-" + this.service, this.clock.instant(), 1_000_000, null);
		memorySample(this.service, this.clock.instant(), 1_000_000, 150);
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().satisfies((alert) -> {
			assertThat(alert.get("state")).isEqualTo("firing");
			assertThat(alert.get("value")).isEqualTo(150.0);
		});
	}

	@Test
	void aPendingAlertThatStopsBeforeItsForIsResolvedWithoutNotifying() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.METRIC_THRESHOLD, 1000.0, null, 300, "heap_live_bytes"), List.of(),
				this.channel, Severity.HIGH);
		memorySample(this.clock.instant(), 5000, null);
		evaluate(rule);
		this.clock.advance(Duration.ofSeconds(60));
		memorySample(this.clock.instant(), 500, null);
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().satisfies((alert) -> {
			assertThat(alert.get("state")).isEqualTo("resolved");
			assertThat(alert.get("fired_at")).isNull();
		});
		assertThat(this.data.notifications(rule.id())).isEmpty();
	}

	@Test
	void disablingARuleResolvesItsAlerts(@Autowired AlertRules rules) {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel);
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		evaluate(rule);
		AlertRule disabled = rules.update(
				rule.id(), new AlertRule(null, rule.name(), null, null, false, rule.severity(), rule.matchers(),
						rule.condition(), rule.labels(), rule.annotations(), rule.channels(), null, null, null),
				"tests");
		this.clock.advance(Duration.ofSeconds(1));
		evaluate(disabled);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status"))
			.containsExactly("firing", "resolved");
	}

	@Test
	void aFiringAlertIsSentAgainEveryRepeatInterval() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 86400, 0, null), List.of(), this.channel);
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		evaluate(rule);
		this.clock.advance(Duration.ofHours(4).minusSeconds(1));
		evaluate(rule);
		assertThat(this.data.notifications(rule.id())).hasSize(1);
		this.clock.advance(Duration.ofSeconds(1));
		evaluate(rule);
		this.clock.advance(Duration.ofMinutes(1));
		evaluate(rule);
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status"))
			.containsExactly("firing", "firing");
	}

	@Test
	void aSilencedAlertIsTrackedButNotNotifiedUntilTheSilenceIsExpired() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel);
		Instant now = this.clock.instant();
		Silence silence = this.silences.create(List.of(new SilenceMatcher("service", this.service, "="),
				new SilenceMatcher("alertname", "rule-.*", "=~"), new SilenceMatcher("kind", "data_race", "!=")),
				now.minusSeconds(1), now.plusSeconds(3600), "alice", "deploying a fix", now);
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), now);
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("firing");
		assertThat(this.data.notifications(rule.id())).isEmpty();

		this.clock.advance(Duration.ofSeconds(5));
		this.silences.expire(silence.id(), this.clock.instant());
		this.clock.advance(Duration.ofSeconds(1));
		evaluate(rule);
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status")).containsExactly("firing");
	}

	@Test
	void theResolutionOfAnAlertNotifiedFiringIsSentAlsoUnderASilence() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel);
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		evaluate(rule);
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status")).containsExactly("firing");

		Instant now = this.clock.instant();
		this.silences.create(List.of(new SilenceMatcher("service", this.service, "=")), now, now.plusSeconds(3600),
				"alice", "looking into it", now);
		this.clock.advance(Duration.ofSeconds(300));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		// without it, Alertmanager and the receivers would keep the alert active
		assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status"))
			.containsExactly("firing", "resolved");
	}

	@Test
	void anAlertSilencedFromItsStartResolvesWithoutANotification() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel);
		Instant now = this.clock.instant();
		this.silences.create(List.of(new SilenceMatcher("service", this.service, "=")), now.minusSeconds(1),
				now.plusSeconds(3600), "alice", "known", now);
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), now);
		evaluate(rule);
		this.clock.advance(Duration.ofSeconds(300));
		evaluate(rule);
		assertThat(this.data.alerts(rule.id())).singleElement().extracting((a) -> a.get("state")).isEqualTo("resolved");
		assertThat(this.data.notifications(rule.id())).isEmpty();
	}

	@Test
	void aFiringNotificationStillRetryingWhenItsAlertResolvesIsDroppedForTheResolution(
			@Autowired NotificationSender sender) throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			String channel = new OutboxRows(this.jdbc, this.json).channel("webhook", receiver.url("/hook"), null);
			AlertRule rule = this.data.rule(this.service,
					new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), channel);
			this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
			evaluate(rule);
			receiver.answering(503);
			sender.sendDue(this.clock.instant(), List.of(channel)).get(10, TimeUnit.SECONDS);
			assertThat(this.data.notifications(rule.id())).singleElement()
				.extracting((n) -> n.get("delivery"))
				.isEqualTo("failed");

			this.clock.advance(Duration.ofSeconds(300));
			evaluate(rule);
			sender.sendDue(this.clock.instant(), List.of(channel)).get(10, TimeUnit.SECONDS);
			// sent after the resolution, the firing notification would make Alertmanager
			// hold the alert active again for hours
			assertThat(receiver.received()).extracting((r) -> r.headers().get("X-Panicboard-Status"))
				.containsExactly("firing", "resolved");
			List<Map<String, Object>> sent = this.data.notifications(rule.id());
			assertThat(sent).extracting((n) -> n.get("status") + ":" + n.get("delivery"))
				.containsExactly("firing:dead", "resolved:sent");
			assertThat(new OutboxRows(this.jdbc, this.json).row((Long) sent.get(0).get("id")).lastError())
				.startsWith("Not sent: the alert resolved before this notification was delivered");
			this.data.deleteChannel(channel);
		}
	}

	@Test
	void alertmanagerKeepsAnAlertResolvedWhenItsFiringNotificationWasStillRetrying(@Autowired NotificationSender sender)
			throws Exception {
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start()) {
			// ten minutes ago, so that the resolution's endsAt is past for Alertmanager
			// too
			this.clock.set(this.clock.instant().minus(Duration.ofMinutes(10)));
			OutboxRows outbox = new OutboxRows(this.jdbc, this.json);
			// Alertmanager cannot be reached while the alert fires
			String channel = outbox.channel("alertmanager", "http://127.0.0.1:9", null);
			AlertRule rule = this.data.rule(this.service,
					new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), channel);
			this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
			evaluate(rule);
			sender.sendDue(this.clock.instant(), List.of(channel)).get(20, TimeUnit.SECONDS);
			long firing = (Long) this.data.notifications(rule.id()).get(0).get("id");
			assertThat(outbox.row(firing).delivery()).isEqualTo("failed");

			this.clock.advance(Duration.ofSeconds(300));
			evaluate(rule);
			// Alertmanager answers again; the firing notification's retry, backed off
			// after its failures, comes a minute after the resolution's first attempt
			this.jdbc.sql("UPDATE notification_channel SET url = ? WHERE name = ?")
				.params(alertmanager.url(), channel)
				.update();
			this.jdbc.sql("UPDATE notification SET next_attempt_at = ? WHERE id = ? AND delivery = 'failed'")
				.params(Timestamp.from(this.clock.instant().plusSeconds(60)), firing)
				.update();
			sender.sendDue(this.clock.instant(), List.of(channel)).get(20, TimeUnit.SECONDS);
			sender.sendDue(this.clock.instant().plusSeconds(60), List.of(channel)).get(20, TimeUnit.SECONDS);

			assertThat(alertmanager.alerts("service", this.service)).as(alertmanager::log).isEmpty();
			assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status") + ":" + n.get("delivery"))
				.containsExactly("firing:dead", "resolved:sent");
			this.data.deleteChannel(channel);
		}
	}

	@Test
	void theResolutionGoesToTheChannelsNotifiedOfTheAlertFiringAfterTheRuleChangedItsChannels(
			@Autowired AlertRules rules) {
		String other = this.data.channel(false);
		try {
			AlertRule rule = this.data.rule(this.service,
					new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel);
			this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
			evaluate(rule);
			AlertRule moved = rules.update(rule.id(),
					new AlertRule(null, rule.name(), null, null, true, rule.severity(), rule.matchers(),
							rule.condition(), rule.labels(), rule.annotations(), List.of(other), null, null, null),
					"tests");
			this.clock.advance(Duration.ofSeconds(300));
			evaluate(moved);
			// the first channel would keep the alert active; the other never heard of it
			assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("status") + ":" + n.get("channel"))
				.containsExactly("firing:" + this.channel, "resolved:" + this.channel);
		}
		finally {
			this.data.deleteChannel(other);
		}
	}

	@Test
	void aRuleWithoutChannelsNotifiesEveryEnabledDefaultChannel() {
		String first = this.data.channel(true);
		String second = this.data.channel(true);
		try {
			AlertRule rule = this.data.rule(this.service,
					new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), null);
			this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
			evaluate(rule);
			assertThat(this.data.notifications(rule.id())).extracting((n) -> n.get("channel"))
				.contains(first, second)
				.doesNotContain(this.channel);
		}
		finally {
			this.data.deleteChannel(first);
			this.data.deleteChannel(second);
		}
	}

	@Test
	void evaluatorsRacingOnTheSameRuleWriteEachAlertAndNotificationOnce() throws Exception {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel);
		for (int i = 0; i < 3; i++) {
			this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		}
		ExecutorService replicas = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(replicas.submit(() -> {
					start.await();
					evaluate(rule);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			replicas.shutdownNow();
		}
		assertThat(this.data.alerts(rule.id())).hasSize(3);
		assertThat(this.data.notifications(rule.id())).hasSize(3);
	}

	@Test
	void countsFiringAlertsBySeverityInTheGauge() {
		AlertRule rule = this.data.rule(this.service,
				new RuleCondition(ConditionType.ANY_OCCURRENCE, null, 300, 0, null), List.of(), this.channel,
				Severity.INFO);
		this.metrics.refresh();
		double before = this.registry.getSampleValue("panicboard_alerts_firing", new String[] { "severity" },
				new String[] { "info" });
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		this.data.occurrence(this.service, AlertTestData.NIL_MAP, fingerprint(), this.clock.instant());
		evaluate(rule);
		this.metrics.refresh();
		assertThat(this.registry.getSampleValue("panicboard_alerts_firing", new String[] { "severity" },
				new String[] { "info" }))
			.isEqualTo(before + 2);
	}

	@Test
	void timesEachEvaluationByGroup() {
		AlertEvaluationJob job = new AlertEvaluationJob(this.evaluator, this.metrics, this.clock);
		double occurrence = evaluations("occurrence");
		double windowed = evaluations("windowed");
		job.occurrenceRules();
		job.occurrenceRules();
		job.windowedRules();
		assertThat(evaluations("occurrence")).isEqualTo(occurrence + 2);
		assertThat(evaluations("windowed")).isEqualTo(windowed + 1);
		assertThat(this.registry.getSampleValue("panicboard_alert_evaluation_duration_seconds_sum",
				new String[] { "group" }, new String[] { "occurrence" }))
			.isPositive();
	}

	private double evaluations(String group) {
		return this.registry.getSampleValue("panicboard_alert_evaluation_duration_seconds_count",
				new String[] { "group" }, new String[] { group });
	}

	private void evaluate(AlertRule rule) {
		this.evaluator.evaluate(List.of(rule), this.clock.instant());
	}

	private static Instant instant(Object timestamp) {
		return ((Timestamp) timestamp).toInstant();
	}

	private static String fingerprint() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** Records an expvar sample of the test's service from instance pod-1. */
	private void memorySample(Instant at, long heapBytes, Integer goroutines) {
		memorySample(this.service, at, heapBytes, goroutines);
	}

	private void memorySample(String service, Instant at, long heapBytes, Integer goroutines) {
		this.samples.record(new NewMemorySample(service, "production", "pod-1", at, heapBytes, heapBytes, heapBytes,
				heapBytes * 2, 1, 0, 0, goroutines, new long[256], new long[256]));
	}

}
