package io.panicboard.alert;

import java.time.Instant;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * {@code /admin/channels} and {@code /alerts/notifications}: admins add, edit, test and
 * delete channels with the API's validation; the secret never reaches a page; everyone
 * signed in reads the delivery log.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class ChannelPagesTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Test
	void anAdminAddsEditsTestsAndDeletesAChannel() {
		String name = OutboxRows.unique("page-hook");
		assertThat(this.mvc.post()
			.uri("/admin/channels")
			.with(admin())
			.with(csrf())
			.param("name", name)
			.param("type", "webhook")
			.param("url", "https://hooks.example.com/page")
			.param("secret", "page-secret-value")
			.param("enabled", "true")).hasStatus3xxRedirection().hasRedirectedUrl("/admin/channels");
		long id = this.jdbc.sql("SELECT id FROM notification_channel WHERE name = ?")
			.param(name)
			.query(Long.class)
			.single();

		assertThat(this.mvc.get().uri("/admin/channels").with(admin())).hasStatusOk()
			.bodyText()
			.contains(name, "https://hooks.example.com/page", "Send test notification")
			.doesNotContain("page-secret-value");
		assertThat(this.mvc.get().uri("/admin/channels/" + id).with(admin())).hasStatusOk()
			.bodyText()
			.contains("A secret is set")
			.doesNotContain("page-secret-value");

		assertThat(this.mvc.post()
			.uri("/admin/channels/" + id)
			.with(admin())
			.with(csrf())
			.param("name", name)
			.param("type", "webhook")
			.param("url", "https://hooks.example.com/changed")
			.param("secret", "")
			.param("sendByDefault", "true")
			.param("enabled", "true")).hasStatus3xxRedirection();
		assertThat(this.jdbc
			.sql("SELECT url || ' ' || secret || ' ' || send_by_default FROM notification_channel WHERE id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("https://hooks.example.com/changed page-secret-value true");

		assertThat(this.mvc.post().uri("/admin/channels/" + id + "/test").with(admin()).with(csrf()))
			.hasStatus3xxRedirection();
		JsonNode queued = this.json.readTree(this.jdbc.sql("SELECT payload::text FROM notification WHERE channel = ?")
			.param(name)
			.query(String.class)
			.single());
		assertThat(queued.path("labels").path("alertname").asString()).isEqualTo("panicboard_test");
		assertThat(queued.path("status").asString()).isEqualTo("resolved");

		assertThat(this.mvc.post().uri("/admin/channels/" + id + "/delete").with(admin()).with(csrf()))
			.hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("SELECT count(*) FROM notification_channel WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void invalidFieldsAreShownWithTheFormKeptAndNothingStored() {
		String name = OutboxRows.unique("bad-page");
		assertThat(this.mvc.post()
			.uri("/admin/channels")
			.with(admin())
			.with(csrf())
			.param("name", name)
			.param("type", "slack")
			.param("url", "ftp://example.com/x")).hasStatusOk()
			.bodyText()
			.contains("The URL must be an absolute http or https URL", "ftp://example.com/x");
		assertThat(this.jdbc.sql("SELECT count(*) FROM notification_channel WHERE name = ?")
			.param(name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void viewersAreRefusedTheChannelPagesButReadTheDeliveryLog() {
		assertThat(this.mvc.get().uri("/admin/channels").with(user("viewer").roles("VIEWER"))).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/admin/channels")
			.with(user("responder").roles("RESPONDER"))
			.with(csrf())
			.param("name", "x")).hasStatus(403);

		OutboxRows outbox = new OutboxRows(this.jdbc, this.json);
		String channel = OutboxRows.unique("log-page");
		long id = outbox.queue(channel, OutboxRows.firing("orders", Instant.parse("2999-06-01T00:00:00Z")),
				Instant.parse("2999-06-01T00:00:00Z"));
		this.jdbc.sql("""
				UPDATE notification SET delivery = 'dead', attempts = 10, response_status = 502,
				    last_error = 'HTTP 502: <b>bad gateway</b>' WHERE id = ?""").param(id).update();
		assertThat(this.mvc.get().uri("/alerts/notifications?channel=" + channel).with(user("viewer").roles("VIEWER")))
			.hasStatusOk()
			.bodyText()
			.contains(channel, "Nil-map write in production", "gave up", "502",
					"HTTP 502: &lt;b&gt;bad gateway&lt;/b&gt;", "2999-06-01 00:00:00 UTC");
	}

	@Test
	void aDeliveryLogPagePastTheEndShowsTheLastPage() {
		OutboxRows outbox = new OutboxRows(this.jdbc, this.json);
		String channel = OutboxRows.unique("log-pager");
		Instant first = Instant.parse("2999-07-01T00:00:00Z");
		for (int i = 0; i <= DeliveryLogController.PAGE_SIZE; i++) {
			outbox.queue(channel, OutboxRows.firing("orders", first), first.plusSeconds(i));
		}
		assertThat(this.mvc.get().uri("/alerts/notifications?channel=" + channel + "&page=99").with(admin()))
			.hasStatusOk()
			.bodyText()
			.contains("51–51 of 51", "Page 2 of 2", "2999-07-01 00:00:00 UTC",
					"/alerts/notifications?channel=" + channel + "&amp;page=1")
			.doesNotContain("Page 99", "2999-07-01 00:00:01 UTC", "page=98");
	}

	private static RequestPostProcessor admin() {
		return user("channel-admin").roles("ADMIN");
	}

}
