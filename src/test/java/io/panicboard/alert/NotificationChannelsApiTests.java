package io.panicboard.alert;

import java.time.Instant;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/notification-channels} and {@code /api/v1/notifications}: admin tokens
 * manage channels, the secret is never returned, invalid fields are named in a problem,
 * read tokens read the delivery log.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class NotificationChannelsApiTests {

	private static final ApiPrincipal ADMIN = new ApiPrincipal(0, "channels-admin", TokenScope.ADMIN, null);

	private static final ApiPrincipal READER = new ApiPrincipal(0, "channels-reader", TokenScope.READ, null);

	private static final ApiPrincipal INGEST = new ApiPrincipal(0, "channels-ingest", TokenScope.INGEST, null);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Test
	void anAdminCreatesUpdatesAndDeletesAChannelWhoseSecretIsNeverReturned() {
		String name = OutboxRows.unique("hook");
		MvcTestResult created = post(ADMIN, """
				{"name":"%s","type":"webhook","url":"https://hooks.example.com/a","secret":"top-secret-key",
				 "sendByDefault":true}""".formatted(name));
		assertThat(created).hasStatus(201)
			.bodyJson()
			.satisfies((body) -> assertThat(body.getJson()).doesNotContain("top-secret-key"));
		assertThat(created).bodyJson().extractingPath("$.secretSet").isEqualTo(true);
		assertThat(created).bodyJson().extractingPath("$.sendByDefault").isEqualTo(true);
		assertThat(created).bodyJson().extractingPath("$.enabled").isEqualTo(true);
		long id = this.json.readTree(created.getResponse().getContentAsByteArray()).path("id").asLong();
		assertThat(created).hasHeader("Location", "/api/v1/notification-channels/" + id);
		assertThat(secretOf(name)).isEqualTo("top-secret-key");

		assertThat(this.mvc.get().uri("/api/v1/notification-channels").with(TestTokens.as(ADMIN))).hasStatusOk()
			.bodyText()
			.contains(name)
			.doesNotContain("top-secret-key");

		MvcTestResult updated = put(ADMIN, id, """
				{"name":"%s","type":"webhook","url":"https://hooks.example.com/b","enabled":false}""".formatted(name));
		assertThat(updated).hasStatusOk().bodyJson().extractingPath("$.url").isEqualTo("https://hooks.example.com/b");
		assertThat(updated).bodyJson().extractingPath("$.enabled").isEqualTo(false);
		assertThat(secretOf(name)).as("an update without a secret keeps it").isEqualTo("top-secret-key");

		put(ADMIN, id, """
				{"name":"%s","type":"webhook","url":"https://hooks.example.com/b","secret":""}""".formatted(name));
		assertThat(secretOf(name)).as("an empty secret removes it").isNull();

		assertThat(this.mvc.delete().uri("/api/v1/notification-channels/" + id).with(TestTokens.as(ADMIN)))
			.hasStatus(204);
		assertThat(this.mvc.delete().uri("/api/v1/notification-channels/" + id).with(TestTokens.as(ADMIN)))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void changingAWebhookToAnotherTypeDropsItsSecret() {
		String name = OutboxRows.unique("hook");
		MvcTestResult created = post(ADMIN, """
				{"name":"%s","type":"webhook","url":"https://hooks.example.com/a","secret":"top-secret-key"}"""
			.formatted(name));
		long id = this.json.readTree(created.getResponse().getContentAsByteArray()).path("id").asLong();
		for (String type : new String[] { "slack", "alertmanager" }) {
			put(ADMIN, id, """
					{"name":"%s","type":"webhook","url":"https://hooks.example.com/a","secret":"top-secret-key"}"""
				.formatted(name));
			assertThat(put(ADMIN, id, """
					{"name":"%s","type":"%s","url":"https://hooks.example.com/a"}""".formatted(name, type)))
				.hasStatusOk()
				.bodyJson()
				.extractingPath("$.secretSet")
				.isEqualTo(false);
			assertThat(secretOf(name)).as(type).isNull();
		}
		assertThat(put(ADMIN, id, """
				{"name":"%s","type":"webhook","url":"https://hooks.example.com/a"}""".formatted(name))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.secretSet")
			.isEqualTo(false);
	}

	@Test
	void invalidFieldsAreEachNamedInOneProblem() {
		MvcTestResult result = post(ADMIN, """
				{"name":" ","type":"pager","url":"ftp://example.com/x","secret":"k"}""");
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("name", "type", "url", "secret");
	}

	@Test
	void aUrlMustBeHttpOrHttps() {
		for (String url : new String[] { "javascript:alert(1)", "file:///etc/passwd", "http://", "not a url" }) {
			assertThat(post(ADMIN, """
					{"name":"%s","type":"slack","url":"%s"}""".formatted(OutboxRows.unique("bad"), url))).as(url)
				.hasStatus(400)
				.bodyJson()
				.extractingPath("$.errors[0].field")
				.isEqualTo("url");
		}
	}

	@Test
	void aTakenNameIsAnInvalidField() {
		String name = OutboxRows.unique("twice");
		String body = """
				{"name":"%s","type":"alertmanager","url":"http://alertmanager:9093"}""".formatted(name);
		assertThat(post(ADMIN, body)).hasStatus(201);
		assertThat(post(ADMIN, body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
	}

	@Test
	void onlyAdminTokensSeeOrChangeChannels() {
		String body = """
				{"name":"%s","type":"slack","url":"https://hooks.slack.com/services/T/B/x"}"""
			.formatted(OutboxRows.unique("slack"));
		assertThat(post(READER, body)).hasStatus(403);
		assertThat(post(INGEST, body)).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/notification-channels").with(TestTokens.as(READER))).hasStatus(403);
		assertThat(put(READER, 1, body)).hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/v1/notification-channels/1").with(TestTokens.as(READER))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/notification-channels")).hasStatus(401);
	}

	@Test
	void readTokensReadTheDeliveryLogFilteredByChannelAndDelivery() {
		OutboxRows outbox = new OutboxRows(this.jdbc, this.json);
		String channel = OutboxRows.unique("logged");
		Instant later = Instant.parse("2999-01-01T00:00:00Z");
		long sent = outbox.queue(channel, OutboxRows.firing("orders", later), later);
		long pending = outbox.queue(channel, OutboxRows.firing("orders", later), later);
		this.jdbc.sql("UPDATE notification SET delivery = 'sent', attempts = 1, response_status = 200 WHERE id = ?")
			.param(sent)
			.update();

		MvcTestResult all = this.mvc.get()
			.uri("/api/v1/notifications?channel=" + channel)
			.with(TestTokens.as(READER))
			.exchange();
		assertThat(all).hasStatusOk().bodyJson().extractingPath("$.total").isEqualTo(2);
		assertThat(all).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly((int) pending, (int) sent);
		assertThat(all).bodyJson().extractingPath("$.items[0].ruleName").isEqualTo("Nil-map write in production");

		MvcTestResult onlySent = this.mvc.get()
			.uri("/api/v1/notifications?channel=" + channel + "&delivery=sent")
			.with(TestTokens.as(READER))
			.exchange();
		assertThat(onlySent).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly((int) sent);
		assertThat(onlySent).bodyJson().extractingPath("$.items[0].responseStatus").isEqualTo(200);

		assertThat(this.mvc.get().uri("/api/v1/notifications?delivery=lost&size=0").with(TestTokens.as(READER)))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("delivery", "size");
		assertThat(this.mvc.get().uri("/api/v1/notifications").with(TestTokens.as(INGEST))).hasStatus(403);
	}

	private String secretOf(String name) {
		return this.jdbc.sql("SELECT secret FROM notification_channel WHERE name = ?")
			.param(name)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private MvcTestResult post(ApiPrincipal principal, String body) {
		return this.mvc.post()
			.uri("/api/v1/notification-channels")
			.with(TestTokens.as(principal))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private MvcTestResult put(ApiPrincipal principal, long id, String body) {
		return this.mvc.put()
			.uri("/api/v1/notification-channels/" + id)
			.with(TestTokens.as(principal))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
