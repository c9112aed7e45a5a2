package io.panicboard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@AlertTest
class SilencePageTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Clock clock;

	@Test
	void listsActiveAndExpiredSilencesWithTheirMatchers() {
		AlertRows rows = new AlertRows(this.jdbc);
		String service = AlertRows.unique("billing");
		Instant now = this.clock.instant();
		long active = rows.silence(matcher("service", "=", service), now.minusSeconds(60),
				now.plus(Duration.ofHours(2)), "dora", "planned maintenance");
		long expired = rows.silence(matcher("service", "!~", service + ".*"), now.minus(Duration.ofDays(2)),
				now.minus(Duration.ofDays(1)), "erin", "old one");
		String body = RulePageTests.body(this.mvc.get().uri("/alerts/silences").with(responder()).exchange());
		String activeSection = body.substring(body.indexOf("id=\"active\""), body.indexOf("id=\"new-silence\""));
		String expiredSection = body.substring(body.indexOf("id=\"expired\""));
		assertThat(activeSection).contains("id=\"silence-" + active + "\"", "service=&quot;" + service + "&quot;",
				"dora", "planned maintenance", "/alerts/silences/" + active + "/expire");
		assertThat(expiredSection)
			.contains("id=\"silence-" + expired + "\"", "service!~&quot;" + service + ".*&quot;", "old one")
			.doesNotContain("/alerts/silences/" + expired + "/expire");
	}

	@Test
	void preFillsTheFormWithTheLabelsOfTheAlertToSilence() {
		AlertRows rows = new AlertRows(this.jdbc);
		String service = AlertRows.unique("orders");
		long rule = rows.rule(AlertRows.unique("prefill"), "critical");
		long alert = rows.alert(rule, "firing", "{\"alertname\":\"prefill\",\"service\":\"" + service + "\"}", 1.0,
				null, this.clock.instant(), null);
		String body = RulePageTests
			.body(this.mvc.get().uri("/alerts/silences?alert=" + alert).with(responder()).exchange());
		assertThat(body).contains("id=\"matcher-name-0\" value=\"alertname\"",
				"id=\"matcher-value-0\" value=\"prefill\"", "id=\"matcher-name-1\" value=\"service\"",
				"id=\"matcher-value-1\" value=\"" + service + "\"", "id=\"matcher-name-2\" value=\"\"");
	}

	@Test
	void createsASilenceWithSeveralMatchersThatSilencesTheMatchingAlert() {
		AlertRows rows = new AlertRows(this.jdbc);
		String service = AlertRows.unique("ledger");
		long rule = rows.rule(AlertRows.unique("silenced"), "critical");
		long alert = rows.alert(rule, "firing",
				"{\"service\":\"" + service + "\",\"environment\":\"production\",\"kind\":\"nil_map_write\"}", 1.0,
				null, this.clock.instant(), null);
		MvcTestResult result = post(this.mvc.post().uri("/alerts/silences").with(responder()), "matcherName", "service",
				"matcherOp", "=", "matcherValue", service, "matcherName", "environment", "matcherOp", "=~",
				"matcherValue", "prod.*", "matcherName", "kind", "matcherOp", "!=", "matcherValue", "data_race",
				"matcherName", "", "matcherOp", "=", "matcherValue", "", "duration", "4h", "endsAt", "", "comment",
				"rolling back v2");
		assertThat(result).hasRedirectedUrl("/alerts/silences");
		Map<String, Object> stored = this.jdbc
			.sql("""
					SELECT id, matchers::text AS matchers, EXTRACT(EPOCH FROM ends_at - starts_at)::bigint AS length, created_by, comment FROM silence
					WHERE comment = 'rolling back v2' AND matchers::text LIKE ?""")
			.param("%" + service + "%")
			.query()
			.singleRow();
		assertThat(stored.get("matchers").toString()).contains("\"name\": \"environment\"", "\"op\": \"=~\"",
				"\"value\": \"prod.*\"");
		assertThat(stored.get("length")).isEqualTo(4 * 3600L);
		assertThat(stored).containsEntry("created_by", "alerts-responder");
		String alerts = RulePageTests.body(this.mvc.get().uri("/alerts").with(responder()).exchange());
		String row = AlertPageTests.row(alerts, alert);
		assertThat(row).contains("silenced", "by silence " + stored.get("id"));
	}

	@Test
	void createsASilenceWithACustomEnd() {
		String service = AlertRows.unique("custom");
		Instant end = this.clock.instant().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		assertThat(post(this.mvc.post().uri("/alerts/silences").with(responder()), "matcherName", "service",
				"matcherOp", "=", "matcherValue", service, "duration", "custom", "endsAt",
				end.toString().substring(0, 16), "comment", "until the fix ships"))
			.hasRedirectedUrl("/alerts/silences");
		assertThat(this.jdbc.sql("SELECT ends_at FROM silence WHERE matchers::text LIKE ?")
			.param("%" + service + "%")
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(end);
	}

	@Test
	void showsEveryProblemOfTheSilenceFormNextToItsField() {
		MvcTestResult result = post(this.mvc.post().uri("/alerts/silences").with(responder()), "matcherName", "9bad",
				"matcherOp", "=", "matcherValue", "x", "matcherName", "service", "matcherOp", "=~", "matcherValue",
				"(unclosed", "duration", "custom", "endsAt", "2001-01-01T00:00", "comment", "  ");
		String body = RulePageTests.body(result);
		assertThat(body).contains("A label name has letters, digits and _", "This is not a valid regular expression.",
				"The end is not in the future.", "Say why you silence these alerts.", "value=\"(unclosed\"");
		assertThat(RulePageTests.body(this.mvc.post()
			.uri("/alerts/silences")
			.param("matcherName", "service")
			.param("matcherOp", "=~")
			.param("matcherValue", ".*")
			.param("duration", "1h")
			.param("comment", "everything")
			.with(responder())
			.with(csrf())
			.exchange())).contains("These matchers also match alerts without any of these labels");
		assertThat(RulePageTests.body(this.mvc.post()
			.uri("/alerts/silences")
			.param("duration", "1h")
			.param("comment", "nothing")
			.with(responder())
			.with(csrf())
			.exchange())).contains("Add at least one matcher.");
	}

	@Test
	void expiresAnActiveSilence() {
		Instant now = this.clock.instant();
		long id = new AlertRows(this.jdbc).silence(matcher("service", "=", AlertRows.unique("exp")),
				now.minusSeconds(60), now.plus(Duration.ofHours(1)), "frank", "to expire");
		assertThat(post(this.mvc.post().uri("/alerts/silences/" + id + "/expire").with(responder())))
			.hasRedirectedUrl("/alerts/silences");
		assertThat(this.jdbc.sql("SELECT ends_at FROM silence WHERE id = ?")
			.param(id)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(now);
		MvcTestResult again = post(this.mvc.post().uri("/alerts/silences/" + id + "/expire").with(responder()));
		assertThat(again).flash().extractingByKey("notice").hasFieldOrPropertyWithValue("kind", "error");
	}

	@Test
	void letsViewersReadButNotSilence() {
		String body = RulePageTests.body(this.mvc.get().uri("/alerts/silences").with(viewer()).exchange());
		assertThat(body).doesNotContain("Create silence", "/expire\"");
		assertThat(this.mvc.post().uri("/alerts/silences").param("comment", "x").with(viewer()).with(csrf()))
			.hasStatus(403);
		String alerts = RulePageTests.body(this.mvc.get().uri("/alerts").with(viewer()).exchange());
		assertThat(alerts).doesNotContain("Silence this");
	}

	private static MvcTestResult post(MockMvcRequestBuilder request, String... params) {
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return request.with(csrf()).exchange();
	}

	private static String matcher(String name, String op, String value) {
		return "[{\"name\":\"" + name + "\",\"op\":\"" + op + "\",\"value\":\"" + value + "\"}]";
	}

	private static RequestPostProcessor responder() {
		return user("alerts-responder").roles("RESPONDER");
	}

	private static RequestPostProcessor viewer() {
		return user("alerts-viewer").roles("VIEWER");
	}

}
