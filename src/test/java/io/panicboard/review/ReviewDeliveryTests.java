package io.panicboard.review;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.incident.IncidentDecisions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled summary, sent without the scheduler to a local HTTP server.
 */
@SpringBootTest(properties = "panicboard.pages.zone=Europe/Berlin")
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, ReviewTestConfiguration.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ReviewDeliveryTests {

	@Autowired
	private ReviewDelivery delivery;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private IncidentDecisions decisions;

	private final Map<String, String> received = new ConcurrentHashMap<>();

	private HttpServer server;

	private ReviewDataset data;

	@BeforeAll
	void start() throws IOException {
		this.data = new ReviewDataset(this.jdbc).create(this.decisions);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.received.put(exchange.getRequestURI().getPath(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/broken") ? 500 : 200, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterAll
	void stop() {
		this.server.stop(0);
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	@Test
	void sendsTheLastCompleteWeeksSummaryToTheWebhookAndSlack() {
		// Monday 2026-03-30 09:00 in Berlin: the last complete week is W13
		Instant monday = Instant.parse("2026-03-30T07:00:00Z");
		int sent = this.delivery
			.send(new ReviewProperties.Delivery(url("/hook"), url("/slack"), "0 0 9 * * MON", this.data.team), monday);
		assertThat(sent).isEqualTo(2);
		JsonNode hook = JsonMapper.builder().build().readTree(this.received.get("/hook"));
		assertThat(hook.get("week").asString()).isEqualTo("2026-W13");
		assertThat(hook.at("/headline/current/crashes").asLong()).isEqualTo(19);
		assertThat(hook.get("link").asString()).endsWith("/reports/weekly?week=2026-W13&team=" + this.data.team);
		String text = JsonMapper.builder().build().readTree(this.received.get("/slack")).get("text").asString();
		assertThat(text).startsWith("Weekly review 2026-W13 (team " + this.data.team + "): 19 crashes (+10), 1 new")
			.contains("3 still open", "MTTA median 1h 30m", "MTTR median 1d", "Tech debt: 1 items, 1 overdue");
	}

	@Test
	void linksToTheReportOfATeamWithPlusSigns() {
		String team = "C++ " + this.data.id;
		this.jdbc.sql("INSERT INTO service (name, team) VALUES (?, ?)").params("plus-" + this.data.id, team).update();
		this.delivery.send(new ReviewProperties.Delivery(url("/hook-plus"), null, "0 0 9 * * MON", team),
				Instant.parse("2026-03-30T07:00:00Z"));
		String link = JsonMapper.builder().build().readTree(this.received.get("/hook-plus")).get("link").asString();
		// a + in a query reads as a space
		assertThat(link).endsWith("/reports/weekly?week=2026-W13&team=C%2B%2B%20" + this.data.id);
	}

	@Test
	void escapesTheSlackTextButNotTheWebhooksJson() {
		// Monday 2026-03-23 09:00 in Berlin: W12, whose top incident is i1 with
		// <b>bold</b>
		// in its title
		Instant monday = Instant.parse("2026-03-23T08:00:00Z");
		this.delivery.send(
				new ReviewProperties.Delivery(url("/hook-w12"), url("/slack-w12"), "0 0 9 * * MON", this.data.team),
				monday);
		String text = JsonMapper.builder().build().readTree(this.received.get("/slack-w12")).get("text").asString();
		assertThat(text)
			.contains("Top: #" + this.data.i1 + " nil_map_write in a/cache.(*Cache).Put &lt;b&gt;bold&lt;/b&gt; (6).")
			.contains("?week=2026-W12&amp;team=" + this.data.team)
			.doesNotContain("<", ">");
		JsonNode hook = JsonMapper.builder().build().readTree(this.received.get("/hook-w12"));
		assertThat(hook.get("text").asString()).contains("Put <b>bold</b> (6).");
	}

	@Test
	void logsOnlyTheHostAndTheErrorOfAFailedTarget(CapturedOutput output) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		URI refused = URI
			.create("http://127.0.0.1:" + closed + "/services/T000/B000/refused-secret?token=refused-query");
		URI failing = url("/broken/T000/B000/failing-secret?token=failing-query");
		int sent = this.delivery.send(new ReviewProperties.Delivery(failing, refused, "0 0 9 * * MON", this.data.team),
				Instant.parse("2026-03-30T07:00:00Z"));
		assertThat(sent).isZero();
		assertThat(output.getAll())
			.contains("The weekly review could not be delivered to 127.0.0.1: HTTP 500",
					"The weekly review could not be delivered to 127.0.0.1: could not connect")
			.doesNotContain("T000", "secret", "token=", "query", ":" + closed);
	}

	@Test
	void isOffWithoutAUrlAndSurvivesAFailingTarget() {
		assertThat(this.delivery.send(new ReviewProperties.Delivery(null, null, "0 0 9 * * MON", null),
				Instant.parse("2026-03-30T07:00:00Z")))
			.isZero();
		assertThat(this.delivery.send(new ReviewProperties.Delivery(url("/broken"), null, "0 0 9 * * MON", null),
				Instant.parse("2026-03-30T07:00:00Z")))
			.isZero();
	}

}
