package io.panicboard.alert;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@AlertTest
class AlertPageTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Clock clock;

	private AlertRows rows() {
		return new AlertRows(this.jdbc);
	}

	@Test
	void showsFiringThenPendingThenRecentlyResolvedWithRuleLabelsValueAndIncident() {
		AlertRows rows = rows();
		String service = AlertRows.unique("checkout");
		long rule = rows.rule(AlertRows.unique("Nil-map rate"), "critical");
		Instant now = this.clock.instant();
		long incident = incident(service);
		long firing = rows.alert(rule, "firing", labels(service, "production"), 4.0, incident,
				now.minus(Duration.ofMinutes(5)), null);
		long pending = rows.alert(rule, "pending", labels(service, "staging"), 3.0, null,
				now.minus(Duration.ofMinutes(1)), null);
		long resolved = rows.alert(rule, "resolved", labels(service, "canary"), 5.0, null,
				now.minus(Duration.ofHours(2)), now);
		long old = rows.alert(rule, "resolved", labels(service, "old"), 5.0, null, now.minus(Duration.ofDays(9)),
				now.minus(Duration.ofDays(8)));
		String body = page("/alerts", "VIEWER");
		assertThat(body)
			.contains("id=\"alert-" + firing + "\"", "id=\"alert-" + pending + "\"", "id=\"alert-" + resolved + "\"")
			.doesNotContain("id=\"alert-" + old + "\"");
		assertThat(body.indexOf("id=\"alert-" + firing + "\""))
			.isLessThan(body.indexOf("id=\"alert-" + pending + "\""));
		assertThat(body.indexOf("id=\"alert-" + pending + "\""))
			.isLessThan(body.indexOf("id=\"alert-" + resolved + "\""));
		String firingRow = row(body, firing);
		assertThat(firingRow).contains("badge sev-critical", "href=\"/alerts/rules/" + rule + "\"", service,
				"production", ">4<", "href=\"/incidents/" + incident + "\"", "5 min ago");
		assertThat(firingRow).doesNotContain("Silence this");
	}

	@Test
	void anAlertsAddressLeadsToWhereItIsShown() {
		AlertRows rows = rows();
		String service = AlertRows.unique("orders");
		long rule = rows.rule(AlertRows.unique("Crash rate"), "high");
		Instant now = this.clock.instant();
		long incident = incident(service);
		long aboutIncident = rows.alert(rule, "firing", labels(service, "production"), 1.0, incident, now, null);
		long firing = rows.alert(rule, "firing", labels(service, "staging"), 3.0, null, now, null);
		long resolved = rows.alert(rule, "resolved", labels(service, "canary"), 3.0, null,
				now.minus(Duration.ofHours(1)), now);
		assertThat(get("/alerts/" + aboutIncident)).hasRedirectedUrl("/incidents/" + incident);
		assertThat(get("/alerts/" + firing)).hasRedirectedUrl("/alerts#alert-" + firing);
		assertThat(get("/alerts/" + resolved)).hasRedirectedUrl("/alerts/rules/" + rule);
		assertThat(get("/alerts/999999999")).hasStatus(404);
	}

	private MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).with(user("alerts-viewer").roles("VIEWER")).exchange();
	}

	@Test
	void offersSilenceThisToRespondersAndMarksSilencedAlertsWithTheirSilence() {
		AlertRows rows = rows();
		String service = AlertRows.unique("search");
		long rule = rows.rule(AlertRows.unique("Heap"), "high");
		Instant now = this.clock.instant();
		long loud = rows.alert(rule, "firing", labels(service, "production"), 1.0, null, now, null);
		long quiet = rows.alert(rule, "firing", labels(service, "staging"), 1.0, null, now, null);
		long silence = rows.silence(
				"[{\"name\":\"service\",\"op\":\"=\",\"value\":\"" + service
						+ "\"},{\"name\":\"environment\",\"op\":\"=~\",\"value\":\"stag.*\"}]",
				now.minusSeconds(60), now.plus(Duration.ofHours(1)), "carol", "deploying the fix");
		String body = page("/alerts", "RESPONDER");
		assertThat(row(body, loud)).contains("Silence this", "href=\"/alerts/silences?alert=" + loud + "#new-silence\"")
			.doesNotContain("silenced");
		assertThat(row(body, quiet)).contains("silenced", "href=\"/alerts/silences#silence-" + silence + "\"",
				"by silence " + silence + " until", "deploying the fix");
	}

	@Test
	void showsLabelValuesAsText() {
		AlertRows rows = rows();
		long rule = rows.rule(AlertRows.unique("Hostile " + SCRIPT), "warning");
		long alert = rows.alert(rule, "firing", "{\"service\":\"" + SCRIPT.replace("/", "\\/") + "\"}", null, null,
				this.clock.instant(), null);
		String body = page("/alerts", "VIEWER");
		assertThat(row(body, alert)).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
		assertThat(body).doesNotContain(SCRIPT);
	}

	@Test
	@Transactional
	void explainsWhatTheBuiltInRulesWatchWhenThereAreNoAlerts() {
		// rolled back with the test: the page sees no alerts at all
		this.jdbc.sql("DELETE FROM alert").update();
		String body = page("/alerts", "VIEWER");
		assertThat(body).contains("No alerts in the last 7 days.", "Nil-map write in production", "any occurrence",
				"nil_map_write · production", "Nil-map panic rate", "≥ 3 in 1 h", "heap live &gt; 512 MiB for 5 min",
				"goroutines &gt; 2,000 for 5 min");
	}

	private String page(String uri, String role) {
		MvcTestResult result = this.mvc.get()
			.uri(uri)
			.with(user("alerts-" + role.toLowerCase()).roles(role))
			.exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private long incident(String service) {
		return this.jdbc.sql("""
				INSERT INTO incident (service, environment, fingerprint, type, kind, severity, title, first_seen,
				    last_seen)
				VALUES (?, 'production', ?, 'panic', 'nil_map_write', 'critical', 'assignment to entry in nil map',
				    now(), now()) RETURNING id""").params(service, AlertRows.unique("fp")).query(Long.class).single();
	}

	private static String labels(String service, String environment) {
		return "{\"alertname\":\"test\",\"service\":\"" + service + "\",\"environment\":\"" + environment + "\"}";
	}

	static String row(String body, long alert) {
		int start = body.indexOf("id=\"alert-" + alert + "\"");
		assertThat(start).as("row of alert %d", alert).isPositive();
		return body.substring(start, body.indexOf("</tr>", start));
	}

}
