package io.panicboard.incident;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.PageCharts;
import io.panicboard.TestTokens;
import io.panicboard.incident.DashboardTestConfiguration.DashboardData;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.annotation.Transactional;

import static io.panicboard.incident.DashboardTestConfiguration.NOW;
import static io.panicboard.incident.DashboardTestConfiguration.linkedIncidents;
import static io.panicboard.incident.DashboardTestConfiguration.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@DashboardTest
class IncidentListPageTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DashboardData data;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void eachFilterNarrowsTheList() {
		String service = unique("orders");
		String other = unique("billing");
		long nilMap = this.data.incident(service, NOW.minus(Duration.ofMinutes(10)));
		long race = this.data.incident(service, NOW.minus(Duration.ofMinutes(20)));
		this.data.set(race, "kind", "data_race");
		this.data.set(race, "severity", "warning");
		long resolved = this.data.incident(service, NOW.minus(Duration.ofHours(5)));
		this.data.set(resolved, "status", "resolved");
		long old = this.data.incident(service, NOW.minus(Duration.ofDays(10)));
		long staging = this.data.incident(service, "staging", NOW.minus(Duration.ofMinutes(30)));
		long elsewhere = this.data.incident(other, NOW.minus(Duration.ofMinutes(5)));
		String base = "/incidents?service=" + service;
		assertThat(ids(base)).containsExactly(nilMap, race, staging, resolved, old);
		assertThat(ids("/incidents?service=" + other)).containsExactly(elsewhere);
		assertThat(ids(base + "&environment=staging")).containsExactly(staging);
		assertThat(ids(base + "&kind=data_race")).containsExactly(race);
		assertThat(ids(base + "&status=resolved")).containsExactly(resolved);
		assertThat(ids(base + "&severity=warning")).containsExactly(race);
		assertThat(ids(base + "&severity=critical")).containsExactly(nilMap, staging, resolved, old);
		assertThat(ids(base + "&range=1h")).containsExactly(nilMap, race, staging);
		assertThat(ids(base + "&range=24h")).containsExactly(nilMap, race, staging, resolved);
		assertThat(ids(base + "&range=7d")).containsExactly(nilMap, race, staging, resolved);
		assertThat(ids(base + "&range=30d")).containsExactly(nilMap, race, staging, resolved, old);
		assertThat(ids(base + "&range=all&status=open&environment=production&kind=nil_map_write"))
			.containsExactly(nilMap, old);
	}

	@Test
	void sortsByLastSeenCountOrFirstSeen() {
		String service = unique("sorting");
		long busy = this.data.incident(service, NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)),
				NOW.minus(Duration.ofHours(1)));
		long fresh = this.data.incident(service, NOW.minus(Duration.ofMinutes(5)));
		long early = this.data.incident(service, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(30)));
		String base = "/incidents?service=" + service;
		assertThat(ids(base)).containsExactly(fresh, early, busy);
		assertThat(ids(base + "&sort=lastSeen")).containsExactly(fresh, early, busy);
		assertThat(ids(base + "&sort=count")).containsExactly(busy, early, fresh);
		assertThat(ids(base + "&sort=firstSeen")).containsExactly(fresh, busy, early);
	}

	@Test
	void pagesFiftyAtATimeAndClampsPageNumbersOutOfRange() {
		String service = unique("paging");
		List<Long> all = new ArrayList<>();
		for (int i = 0; i < 55; i++) {
			all.add(0, this.data.incident(service, NOW.minus(Duration.ofMinutes(200 - i))));
		}
		String base = "/incidents?service=" + service;
		assertThat(ids(base)).isEqualTo(all.subList(0, 50));
		assertThat(ids(base + "&page=2")).isEqualTo(all.subList(50, 55));
		assertThat(ids(base + "&page=3")).isEqualTo(all.subList(50, 55));
		assertThat(ids(base + "&page=99999999999")).isEqualTo(all.subList(50, 55));
		assertThat(ids(base + "&page=0")).isEqualTo(all.subList(0, 50));
		assertThat(ids(base + "&page=-4")).isEqualTo(all.subList(0, 50));
		assertThat(ids(base + "&page=two")).isEqualTo(all.subList(0, 50));
		assertThat(body(base)).contains("1–50 of 55", "Page 1 of 2")
			.contains("href=\"/incidents?service=" + service + "&amp;page=2\"");
		assertThat(body(base + "&page=9")).contains("51–55 of 55", "Page 2 of 2");
	}

	@Test
	void freeTextFindsTitlesMessagesAndFramesOfTheFingerprint() {
		String service = unique("search");
		long byFrame = this.data.incident(service, NOW.minus(Duration.ofMinutes(3)));
		this.data.setComponents(byFrame,
				"[\"kind:nil_map_write\", \"frame:shop/cart.(*Basket).MergeCoupons\", \"frame:main.main\"]");
		long byMessage = this.data.incident(service, NOW.minus(Duration.ofMinutes(4)));
		this.data.set(byMessage, "message", "runtime error: slice bounds out of range [:77] with capacity 12");
		long byTitle = this.data.incident(service, NOW.minus(Duration.ofMinutes(5)));
		this.data.set(byTitle, "title", "user_panic in shop/pricing.Quote");
		String base = "/incidents?service=" + service + "&q=";
		assertThat(ids(base + "Basket).MergeCoup")).containsExactly(byFrame);
		assertThat(ids(base + "capacity%2012")).containsExactly(byMessage);
		assertThat(ids(base + "PRICING.quote")).containsExactly(byTitle);
		assertThat(ids(base + "100%25")).isEmpty();
		assertThat(ids(base + "main.main")).contains(byFrame);
	}

	@Test
	void everyFilterRoundTripsThroughTheUrl() {
		String service = unique("links");
		long id = this.data.incident(service, NOW.minus(Duration.ofMinutes(1)));
		this.data.set(id, "title", "nil_map_write in a b&c");
		String url = "/incidents?service=" + service
				+ "&environment=production&kind=nil_map_write&status=open&severity=critical&range=24h"
				+ "&q=a%20b%26c&sort=count";
		String html = body(url);
		assertThat(linkedIncidents(html)).containsExactly(id);
		assertThat(html).contains("<option value=\"" + service + "\" selected=\"selected\">")
			.contains("<option value=\"production\" selected=\"selected\">")
			.contains("<option value=\"nil_map_write\" selected=\"selected\">")
			.contains("<option value=\"open\" selected=\"selected\">")
			.contains("<option value=\"critical\" selected=\"selected\">")
			.contains("<option value=\"24h\" selected=\"selected\">")
			.contains("<option value=\"count\" selected=\"selected\">")
			.contains("name=\"q\" value=\"a b&amp;c\"");
		// the sort links keep every filter; the clear link keeps only the order
		String filters = "service=" + service + "&amp;environment=production&amp;kind=nil_map_write&amp;status=open"
				+ "&amp;severity=critical&amp;range=24h&amp;q=a+b%26c";
		assertThat(html).contains("href=\"/incidents?" + filters + "\"")
			.contains("href=\"/incidents?" + filters + "&amp;sort=firstSeen\"")
			.contains("href=\"/incidents?sort=count\"");
		IncidentListQuery query = IncidentListQuery.parse(service, "production", "nil_map_write", "open", "critical",
				"24h", "a b&c", "count", "3");
		assertThat(query.url()).isEqualTo("/incidents?service=" + service
				+ "&environment=production&kind=nil_map_write&status=open&severity=critical&range=24h&q=a+b%26c"
				+ "&sort=count&page=3");
		assertThat(IncidentListQuery.parse(null, null, null, null, null, null, null, null, null).url())
			.isEqualTo("/incidents");
	}

	@Test
	void unknownFilterValuesAreLeftOutWithANotice() throws Exception {
		String service = unique("lenient");
		long id = this.data.incident(service, NOW.minus(Duration.ofMinutes(1)));
		MvcTestResult result = get("/incidents?service=" + service
				+ "&kind=nil_map_writes&status=closed&severity=urgent&range=1y&sort=bogus;DROP&page=x");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyText()
			.contains("There is no kind “nil_map_writes”", "There is no status “closed”",
					"There is no severity “urgent”", "“1y” is not a time range", "cannot be sorted by “bogus;DROP”");
		assertThat(linkedIncidents(result.getResponse().getContentAsString())).containsExactly(id);
		assertThat(get("/incidents?service=nobody-" + service)).hasStatusOk()
			.bodyText()
			.contains("No service named “nobody-" + service + "” has sent anything yet", "No incident matches");
	}

	@Test
	void freeTextWithANulCharacterIsLeftOutWithANotice() {
		String service = unique("nul");
		long id = this.data.incident(service, NOW.minus(Duration.ofMinutes(1)));
		MvcTestResult result = get("/incidents?service=" + service + "&q=a%00b&environment=prod%00");
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("The search text “a␀b” holds a NUL character (shown as ␀), so the list is not searched.",
					"The environment “prod␀” holds a NUL character")
			.doesNotContain("\u0000");
		assertThat(ids("/incidents?service=" + service + "&q=a%00b")).containsExactly(id);
		assertThat(get("/incidents?service=a%00b")).hasStatusOk()
			.bodyText()
			.contains("The service “a␀b” holds a NUL character (shown as ␀), so the list is not filtered by service.");
	}

	@Test
	void sparklineShowsTheHourlyRollupsOfTheLast24Hours() {
		String service = unique("spark");
		Instant hour = NOW.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		List<Instant> times = new ArrayList<>();
		times.add(hour.plusSeconds(60));
		times.add(hour.plusSeconds(120));
		times.add(hour.minus(Duration.ofHours(5)).plusSeconds(10));
		for (int i = 0; i < 4; i++) {
			times.add(hour.minus(Duration.ofHours(23)).plusSeconds(i));
		}
		// outside the window: 24 hours before the current hour
		times.add(hour.minus(Duration.ofHours(24)).plusSeconds(5));
		long id = this.data.incident(service, times.toArray(Instant[]::new));
		long[] expected = new long[24];
		expected[23] = 2;
		expected[18] = 1;
		expected[0] = 4;
		assertThat(this.jdbc.sql("SELECT sum(count) FROM incident_hourly WHERE incident_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(8);
		String html = body("/incidents?service=" + service);
		assertThat(html).contains("aria-label=\"7 in the last 24 hours\"");
		assertThat(PageCharts.of(html, "sparkline")).singleElement()
			.satisfies((line) -> assertThat(line.get("values").toString())
				.isEqualTo(java.util.Arrays.toString(expected).replace(" ", "")));
	}

	@Test
	void titlesAndMessagesFromTracesAreEscaped() {
		String service = unique("xss");
		long id = this.data.incident(service, NOW.minus(Duration.ofMinutes(1)));
		this.data.set(id, "title", "<script>alert(1)</script>");
		this.data.set(id, "message", "\"><img src=x onerror=alert(1)>");
		String html = body("/incidents?service=" + service);
		assertThat(html).doesNotContain("<script>alert(1)", "<img src=x")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
		String overview = body("/");
		assertThat(overview).doesNotContain("<script>alert(1)", "<img src=x");
	}

	/**
	 * Without any incident at all, the page shows how to send the first crash. The shared
	 * test database holds other tests' incidents: they are truncated inside this test's
	 * transaction, which is rolled back.
	 */
	@Test
	@Transactional
	void withoutAnyIncidentShowsHowToSendTheFirstCrash() {
		this.jdbc.sql("TRUNCATE incident CASCADE").update();
		for (String page : List.of("/incidents", "/")) {
			assertThat(body(page)).contains("No crashes yet")
				.contains("curl -s http://localhost/api/v1/events \\")
				.contains("Authorization: Bearer $PANICBOARD_TOKEN")
				.contains(FirstCrash.EVENT.replace("\"", "&quot;"))
				.contains("docs/integrations.md");
		}
	}

	@Test
	void theFirstCrashExampleIsAcceptedAsAGoCrash() {
		String service = unique("first-crash");
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/events")
			.with(TestTokens.as(new ApiPrincipal(0, "first-crash example", TokenScope.INGEST, null)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(FirstCrash.EVENT.replace("\"orders\"", "\"" + service + "\""))
			.exchange();
		assertThat(result).hasStatus(202).bodyJson().extractingPath("$.findings").isEqualTo(1);
		assertThat(
				this.jdbc.sql("SELECT kind FROM incident WHERE service = ?").param(service).query(String.class).list())
			.containsExactly("nil_map_write");
	}

	@Test
	void needsASignedInUser() {
		assertThat(this.mvc.get().uri("/incidents")).hasStatus3xxRedirection();
		assertThat(this.mvc.get().uri("/")).hasStatus3xxRedirection();
	}

	private List<Long> ids(String url) {
		return linkedIncidents(body(url));
	}

	private String body(String url) {
		MvcTestResult result = get(url);
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MvcTestResult get(String url) {
		// as a java.net.URI, so that MockMvc takes the query as it is, percent-encoded
		return this.mvc.get().uri(URI.create(url)).with(user("vera").roles("VIEWER")).exchange();
	}

}
