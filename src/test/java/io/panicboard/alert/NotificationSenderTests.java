package io.panicboard.alert;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sender against real HTTP endpoints and the real database. Each test runs at its own
 * instant far in the future, so that the senders running on schedule in this JVM (at the
 * real time) never find its rows due, and it drives its own runs.
 */
@SpringBootTest(properties = { "panicboard.alerts.sender.request-timeout=2s",
		"panicboard.alerts.sender.connect-timeout=1s", "panicboard.alerts.sender.max-attempts=3" })
@Import(TestDatabaseConfiguration.class)
class NotificationSenderTests {

	/** Each test's time, decreasing, so no test's rows are due at a later test's time. */
	private static final AtomicLong ERA = new AtomicLong();

	@Autowired
	private NotificationSender sender;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private NotificationChannels channels;

	@Autowired
	private ChannelPayloads payloads;

	@Autowired
	private NotificationProperties properties;

	private OutboxRows outbox;

	private Instant now;

	@BeforeEach
	void setUp() {
		this.outbox = new OutboxRows(this.jdbc, this.json);
		this.now = Instant.parse("2900-01-01T00:00:00Z").minus(Duration.ofDays(1000 * ERA.incrementAndGet()));
	}

	@Test
	void webhookReceivesTheVersionedNotificationSignedOverTimestampAndBody() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			String channel = this.outbox.channel("webhook", receiver.url("/hooks/panicboard"), "s3cret");
			long id = this.outbox.queue(channel, OutboxRows.firing("orders", this.now.minusSeconds(5)), this.now);
			run(channel);

			assertThat(receiver.received()).hasSize(1);
			WebhookReceiver.Received request = receiver.received().get(0);
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/hooks/panicboard");
			assertThat(request.headers()).containsEntry("Content-Type", "application/json")
				.containsEntry("X-Panicboard-Timestamp", Long.toString(this.now.getEpochSecond()))
				.containsEntry("X-Panicboard-Delivery", Long.toString(id))
				.containsEntry("X-Panicboard-Status", "firing");
			String expected = "sha256=" + hmac("s3cret", request.headers().get("X-Panicboard-Timestamp") + "."
					+ new String(request.body(), StandardCharsets.UTF_8));
			assertThat(request.headers()).containsEntry("X-Panicboard-Signature", expected);
			JsonNode body = this.json.readTree(request.body());
			assertThat(body.path("version").asInt()).isEqualTo(1);
			assertThat(body.path("alertId").asLong()).isEqualTo(42);
			assertThat(body.path("status").asString()).isEqualTo("firing");
			assertThat(body.path("severity").asString()).isEqualTo("critical");
			assertThat(body.path("labels").path("service").asString()).isEqualTo("orders");
			assertThat(body.path("startsAt").asString()).isEqualTo(this.now.minusSeconds(5).toString());
			assertThat(body.path("endsAt").isNull()).isTrue();
			assertThat(body.path("generatorUrl").asString()).isEqualTo("http://localhost:8080/incidents/7");
			assertThat(body.path("incidentIds").get(0).asLong()).isEqualTo(7);

			OutboxRows.Row row = this.outbox.row(id);
			assertThat(row.delivery()).isEqualTo("sent");
			assertThat(row.attempts()).isEqualTo(1);
			assertThat(row.responseStatus()).isEqualTo(200);
			assertThat(row.sentAt()).isNotNull();
		}
	}

	@Test
	void webhookWithoutSecretIsSentUnsigned() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			String channel = this.outbox.channel("webhook", receiver.url("/"), null);
			this.outbox.queue(channel, OutboxRows.firing("orders", this.now), this.now);
			run(channel);
			assertThat(receiver.received()).singleElement()
				.satisfies((request) -> assertThat(request.headers()).doesNotContainKey("X-Panicboard-Signature"));
		}
	}

	@Test
	void slackReceivesTextAndBlocksWithSeveritySummaryServiceAndIncidentLink() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			String channel = this.outbox.channel("slack", receiver.url("/services/T0/B0/x"), null);
			this.outbox.queue(channel, OutboxRows.firing("orders", this.now), this.now);
			run(channel);

			JsonNode body = this.json.readTree(receiver.received().get(0).body());
			assertThat(body.path("text").asString()).contains("[FIRING]", "CRITICAL", "Nil-map write in production",
					"orders/production", "assignment to entry in nil map in orders");
			JsonNode blocks = body.path("blocks");
			assertThat(blocks.get(0).path("type").asString()).isEqualTo("header");
			assertThat(blocks.get(0).path("text").path("text").asString())
				.isEqualTo("[FIRING] Nil-map write in production");
			assertThat(blocks.get(1).path("text").path("text").asString())
				.isEqualTo("assignment to entry in nil map in orders");
			List<String> fields = new ArrayList<>();
			blocks.get(1).path("fields").forEach((field) -> fields.add(field.path("text").asString()));
			assertThat(fields).containsExactly("*Severity*\ncritical", "*Service*\norders", "*Environment*\nproduction",
					"*Kind*\nnil_map_write");
			assertThat(blocks.get(2).path("text").path("text").asString()).as("Slack's control characters escaped")
				.isEqualTo("A goroutine wrote to a nil map &amp; crashed &lt;main.go:8&gt;");
			assertThat(blocks.get(3).path("type").asString()).isEqualTo("context");
			assertThat(blocks.get(3).path("elements").get(0).path("text").asString()).contains(
					"<http://localhost:8080/incidents/7|Open the incident in panicboard>",
					"<http://localhost:8080/kinds/nil_map_write|How to fix it>");
		}
	}

	@Test
	void slackEscapesTheTextAndLinksOnlyToAnHttpRunbook() {
		AlertNotification firing = OutboxRows.firing("orders", this.now);
		AlertNotification hostile = new AlertNotification(43, "<!channel> payments down", "firing", "critical",
				firing.labels(), Map.of("summary", "<!here> see <https://evil.example/login|panicboard login> & more",
						"runbook_url", "javascript:alert(1)"),
				this.now, null, firing.generatorUrl(), List.of(7L), 1.0);
		JsonNode body = this.payloads.slack(hostile);
		assertThat(body.path("text").asString()).isEqualTo("[FIRING] CRITICAL &lt;!channel&gt; payments down "
				+ "(orders/production): &lt;!here&gt; see &lt;https://evil.example/login|panicboard login&gt; &amp; more");
		JsonNode links = body.path("blocks").get(2).path("elements").get(0);
		assertThat(links.path("text").asString())
			.isEqualTo("<http://localhost:8080/incidents/7|Open the incident in panicboard>");

		AlertNotification broken = new AlertNotification(44, "r", "firing", "critical", firing.labels(),
				Map.of("runbook_url", "https://ok.example/x|Fake> <https://evil.example/phish|How to fix it"), this.now,
				null, null, List.of(7L), 1.0);
		assertThat(this.payloads.slack(broken).path("blocks").get(2).path("elements")).hasSize(1);

		AlertNotification query = new AlertNotification(45, "r", "firing", "critical", firing.labels(),
				Map.of("runbook_url", "https://wiki.example/run?team=a&x=1"), this.now, null, null, List.of(7L), 1.0);
		assertThat(this.payloads.slack(query).path("blocks").get(2).path("elements").get(0).path("text").asString())
			.isEqualTo("<https://wiki.example/run?team=a&amp;x=1|How to fix it>");
	}

	@Test
	void retriesWithDoublingBackoffThenSucceeds() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver().answering(500, 503)) {
			String channel = this.outbox.channel("webhook", receiver.url("/"), null);
			long id = this.outbox.queue(channel, OutboxRows.firing("orders", this.now), this.now);

			run(channel, this.now);
			OutboxRows.Row first = this.outbox.row(id);
			assertThat(first.delivery()).isEqualTo("failed");
			assertThat(first.attempts()).isEqualTo(1);
			assertThat(first.responseStatus()).isEqualTo(500);
			assertThat(first.lastError()).isEqualTo("HTTP 500: failure 500");
			assertThat(Duration.between(this.now, first.nextAttemptAt())).isBetween(Duration.ofSeconds(1),
					Duration.ofSeconds(2));

			run(channel, first.nextAttemptAt().minusMillis(1));
			assertThat(receiver.received()).as("not due before its backoff").hasSize(1);

			run(channel, first.nextAttemptAt());
			OutboxRows.Row second = this.outbox.row(id);
			assertThat(second.delivery()).isEqualTo("failed");
			assertThat(second.attempts()).isEqualTo(2);
			assertThat(Duration.between(first.nextAttemptAt(), second.nextAttemptAt())).isBetween(Duration.ofSeconds(2),
					Duration.ofSeconds(3));

			run(channel, second.nextAttemptAt());
			OutboxRows.Row third = this.outbox.row(id);
			assertThat(third.delivery()).isEqualTo("sent");
			assertThat(third.attempts()).isEqualTo(3);
			assertThat(third.responseStatus()).isEqualTo(200);
			assertThat(third.lastError()).isNull();
			assertThat(receiver.received()).hasSize(3);
		}
	}

	@Test
	void backoffDoublesFromOneSecondAndStopsAtFiveMinutes() {
		NotificationProperties.Sender defaults = new NotificationProperties.Sender(true, Duration.ofSeconds(1), 50, 4,
				2, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), 10,
				Duration.ofHours(24), Duration.ofHours(5));
		assertThat(List.of(1, 2, 3, 4, 8, 9, 10, 40).stream().map(defaults::backoff).toList()).containsExactly(
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
				Duration.ofSeconds(128), Duration.ofSeconds(256), Duration.ofMinutes(5), Duration.ofMinutes(5));
	}

	@Test
	void isDeadAfterTheMaximumAttempts() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver().answering(502, 502, 502, 502)) {
			String channel = this.outbox.channel("webhook", receiver.url("/"), null);
			long id = this.outbox.queue(channel, OutboxRows.firing("orders", this.now), this.now);
			Instant at = this.now;
			for (int attempt = 1; attempt <= 3; attempt++) {
				run(channel, at);
				at = this.outbox.row(id).nextAttemptAt();
			}
			OutboxRows.Row row = this.outbox.row(id);
			assertThat(row.delivery()).isEqualTo("dead");
			assertThat(row.attempts()).isEqualTo(3);
			assertThat(row.lastError()).startsWith("HTTP 502");

			run(channel, at.plus(Duration.ofHours(1)));
			assertThat(receiver.received()).as("never tried again").hasSize(3);
		}
	}

	@Test
	void isDeadAtOnceWhenTheEndpointRejectsTheRequest() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver().answering(404)) {
			String channel = this.outbox.channel("slack", receiver.url("/"), null);
			long id = this.outbox.queue(channel, OutboxRows.firing("orders", this.now), this.now);
			run(channel);
			assertThat(this.outbox.row(id)).satisfies((row) -> {
				assertThat(row.delivery()).isEqualTo("dead");
				assertThat(row.attempts()).isEqualTo(1);
				assertThat(row.responseStatus()).isEqualTo(404);
			});
		}
	}

	@Test
	void isDeadAfterItsFirstFailureOnceOlderThanTheMaximumAge() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver().answering(500)) {
			String channel = this.outbox.channel("webhook", receiver.url("/"), null);
			long id = this.outbox.queue(channel, OutboxRows.firing("orders", this.now),
					this.now.minus(Duration.ofHours(25)));
			this.jdbc.sql("UPDATE notification SET next_attempt_at = ? WHERE id = ?")
				.params(java.sql.Timestamp.from(this.now), id)
				.update();
			run(channel);
			assertThat(this.outbox.row(id).delivery()).isEqualTo("dead");
		}
	}

	@Test
	void aNotificationForAMissingChannelIsDead() throws Exception {
		String channel = OutboxRows.unique("deleted");
		long id = this.outbox.queue(channel, OutboxRows.firing("orders", this.now), this.now);
		run(channel);
		assertThat(this.outbox.row(id).delivery()).isEqualTo("dead");
		assertThat(this.outbox.row(id).lastError()).isEqualTo("There is no channel named '" + channel + "'.");
	}

	@Test
	void aNeverAnsweringEndpointDoesNotDelayAnotherChannel() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				WebhookReceiver receiver = new WebhookReceiver()) {
			String hanging = this.outbox.channel("webhook", "http://127.0.0.1:" + silent.getLocalPort() + "/", null);
			String healthy = this.outbox.channel("webhook", receiver.url("/"), null);
			List<Long> stuck = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				stuck.add(this.outbox.queue(hanging, OutboxRows.firing("hangs", this.now), this.now));
			}
			long fine = this.outbox.queue(healthy, OutboxRows.firing("fine", this.now), this.now);

			long started = System.nanoTime();
			CompletableFuture<Void> run = this.sender.sendDue(this.now, List.of(hanging, healthy));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a run does not wait for requests")
				.isLessThan(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(1)).until(() -> receiver.received().size() == 1);
			// marked sent once the answer is back, a moment after the receiver has it
			await().atMost(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(this.outbox.row(fine).delivery()).isEqualTo("sent"));
			assertThat(run).as("the hanging requests are still waiting").isNotDone();

			run.get(10, TimeUnit.SECONDS);
			assertThat(this.outbox.row(stuck.get(0)).lastError()).isEqualTo("No answer within 2000 ms.");
			assertThat(this.outbox.row(stuck.get(0)).delivery()).isEqualTo("failed");
			assertThat(this.outbox.row(stuck.get(2)).delivery())
				.as("a channel holds at most two threads; its third notification waits")
				.isEqualTo("pending");
		}
	}

	@Test
	void twoSendersOnOneDatabaseSendEachNotificationOnce() throws Exception {
		NotificationSender other = new NotificationSender(this.jdbc, this.transactions, this.channels, this.payloads,
				this.json, this.properties);
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			List<String> names = new ArrayList<>();
			Set<Long> ids = new java.util.HashSet<>();
			for (int c = 0; c < 4; c++) {
				String channel = this.outbox.channel("webhook", receiver.url("/"), null);
				names.add(channel);
				for (int i = 0; i < 6; i++) {
					ids.add(this.outbox.queue(channel, OutboxRows.firing("twice", this.now), this.now));
				}
			}
			for (int round = 0; round < 20 && receiver.received().size() < ids.size(); round++) {
				CompletableFuture<CompletableFuture<Void>> one = CompletableFuture
					.supplyAsync(() -> this.sender.sendDue(this.now, names));
				CompletableFuture<CompletableFuture<Void>> two = CompletableFuture
					.supplyAsync(() -> other.sendDue(this.now, names));
				one.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
				two.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
			}
			List<Long> delivered = receiver.received()
				.stream()
				.map((request) -> Long.valueOf(request.headers().get("X-Panicboard-Delivery")))
				.toList();
			assertThat(delivered).hasSize(ids.size()).doesNotHaveDuplicates();
			assertThat(Set.copyOf(delivered)).isEqualTo(ids);
			assertThat(ids.stream().map((id) -> this.outbox.row(id).delivery()).collect(Collectors.toSet()))
				.containsExactly("sent");
		}
		finally {
			other.destroy();
		}
	}

	private void run(String channel) throws Exception {
		run(channel, this.now);
	}

	private void run(String channel, Instant at) throws Exception {
		this.sender.sendDue(at, List.of(channel)).get(10, TimeUnit.SECONDS);
	}

	private static String hmac(String secret, String content) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
	}

}
