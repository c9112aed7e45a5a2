package io.panicboard.incident;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.panicboard.PageCharts;
import io.panicboard.incident.DashboardTestConfiguration.DashboardData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static io.panicboard.incident.DashboardTestConfiguration.NOW;
import static io.panicboard.incident.DashboardTestConfiguration.linkedIncidents;
import static io.panicboard.incident.DashboardTestConfiguration.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@DashboardTest
class OverviewPageTests {

	private static final Instant HOUR = NOW.truncatedTo(ChronoUnit.HOURS);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DashboardData data;

	@Autowired
	private DeployRecorder deploys;

	@Autowired
	private DashboardQueries queries;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void countsCrashesOfTheLast24HoursAgainstThe24HoursBefore() {
		String service = unique("tiles");
		// the last 24 hours: the current hour and the 23 before it
		long a = this.data.incident(service, HOUR.plusSeconds(5), HOUR.minus(Duration.ofHours(23)),
				HOUR.minus(Duration.ofHours(10)));
		// the 24 hours before: hours 24 to 47 back
		long b = this.data.incident(service, HOUR.minus(Duration.ofHours(24)), HOUR.minus(Duration.ofHours(47)));
		// neither
		long c = this.data.incident(service, HOUR.minus(Duration.ofHours(48)).minusSeconds(1));
		this.data.set(b, "severity", "high");
		this.data.set(c, "status", "resolved");
		ServiceTile tile = tile(service);
		assertThat(tile.last24h()).isEqualTo(3);
		assertThat(tile.previous24h()).isEqualTo(2);
		assertThat(tile.trend()).isEqualTo(ServiceTile.Trend.UP);
		assertThat(tile.openTotal()).isEqualTo(2);
		assertThat(tile.open()).extracting(ServiceTile.SeverityCount::severity, ServiceTile.SeverityCount::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("critical", 1L),
					org.assertj.core.groups.Tuple.tuple("high", 1L));
		assertThat(tile.lastCrash().iso()).isEqualTo(HOUR.plusSeconds(5).toString());
		assertThat(tile.lastCrash().key()).isEqualTo("time.minutesAgo");
		assertThat(tile.lastCrash().amount()).isEqualTo(29);
		String html = body("/");
		assertThat(html).contains(">" + service + "</a>")
			.contains("▲ up from 2 in the 24 h before", "crashes in the last 24 h")
			.contains("href=\"/incidents?service=" + service + "&amp;status=open\">2 open</a>")
			.contains("href=\"/incidents?service=" + service + "&amp;status=open&amp;severity=high\"");
		assertThat(a).isNotEqualTo(c);
	}

	@Test
	void aServiceWithFewerCrashesTrendsDown() {
		String service = unique("calmer");
		this.data.incident(service, HOUR.minus(Duration.ofHours(30)), HOUR.minus(Duration.ofHours(31)),
				HOUR.minus(Duration.ofHours(2)));
		ServiceTile tile = tile(service);
		assertThat(tile.last24h()).isEqualTo(1);
		assertThat(tile.previous24h()).isEqualTo(2);
		assertThat(tile.trend()).isEqualTo(ServiceTile.Trend.DOWN);
		// one tile of the page has one crash (a tile's own text is not picked out here)
		assertThat(body("/")).contains("▼ down from 2 in the 24 h before", ">crash in the last 24 h<");
	}

	@Test
	void chartsCrashesByKindOver24HoursOr7DaysWithDeploys() {
		String service = unique("charted");
		String version = unique("v9");
		this.data.incident(service, HOUR.minus(Duration.ofHours(2)), HOUR.minus(Duration.ofDays(3)));
		this.transactions.executeWithoutResult((status) -> this.deploys.record(new NewDeploy(service, "production",
				version, HOUR.minus(Duration.ofHours(19)).plusSeconds(1_021), null)));
		String day = body("/");
		assertThat(day).contains("Crashes per hour over the last 24 hours")
			.contains("<a href=\"/\" aria-current=\"page\" class=\"active\">24 h</a>");
		JsonNode dayChart = PageCharts.of(day, "bars").get(0);
		assertThat(dayChart.get("titles")).hasSize(24);
		// the deploy 19 hours before this hour: in the fifth of the 24 hourly buckets
		// (the marker of a bucket is at its first deploy, which may be another test's)
		assertThat(dayChart.get("markers")
			.valueStream()
			.filter((m) -> m.get("title").asString().contains(service + " " + version))
			.map((m) -> (int) m.get("position").asDouble())).containsExactly(4);
		assertThat(dayChart.at("/notes/4").toString()).contains(service + " " + version);
		assertThat(dayChart.get("series")).isNotEmpty();
		String week = body("/?range=7d");
		assertThat(week).contains("Crashes per 6 hours over the last 7 days")
			.contains("<a href=\"/?range=7d\" aria-current=\"page\" class=\"active\">7 d</a>");
		JsonNode weekChart = PageCharts.of(week, "bars").get(0);
		assertThat(weekChart.get("titles")).hasSize(28);
		assertThat(weekChart.get("markers").valueStream().map((m) -> m.get("title").asString()))
			.anySatisfy((title) -> assertThat(title).contains(service + " " + version));
		assertThat(body("/?range=bogus")).contains("Crashes per hour over the last 24 hours");
	}

	@Test
	void escapesDeployedServicesAndVersionsInTheChartsData() {
		String service = unique("<b>svc");
		String version = "\"><img src=x onerror=alert(1)>'";
		this.data.incident(service, HOUR.minus(Duration.ofHours(2)));
		this.transactions.executeWithoutResult((status) -> this.deploys
			.record(new NewDeploy(service, "production", version, HOUR.minus(Duration.ofHours(1)), null)));
		String html = body("/");
		assertThat(html).doesNotContain("<img src=x", "<b>svc");
		assertThat(PageCharts.attributes(html)).anySatisfy((attribute) -> assertThat(attribute).contains("&lt;b&gt;svc",
				"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;"));
		// the script reads them back as they were sent, and draws them as text
		assertThat(
				PageCharts.of(html, "bars").get(0).get("markers").valueStream().map((m) -> m.get("title").asString()))
			.anySatisfy((title) -> assertThat(title).contains(service + " " + version));
	}

	@Test
	void listsTheNewestAndTheNoisiestIncidents() {
		String service = unique("lists");
		// both lists hold ten: enough incidents of their own, whatever else the shared
		// database holds, each older and quieter than the two the test looks for
		for (int i = 0; i < 10; i++) {
			this.data.incident(service, HOUR.minus(Duration.ofMinutes(10 + i)));
		}
		// at the clock's time: nothing in the shared database is newer, and an incident
		// of the same time that another test stored earlier has a smaller id
		long newest = this.data.incident(service, NOW);
		List<Instant> many = new ArrayList<>(Collections.nCopies(400, HOUR.minus(Duration.ofHours(1))));
		long noisy = this.data.incident(service, many.toArray(Instant[]::new));
		// many crashes, but none in the last 24 hours
		long quietNow = this.data.incident(service,
				Collections.nCopies(500, HOUR.minus(Duration.ofDays(2))).toArray(Instant[]::new));
		String html = body("/");
		String newestList = html.substring(html.indexOf("id=\"newest-heading\""),
				html.indexOf("id=\"noisiest-heading\""));
		String noisiestList = html.substring(html.indexOf("id=\"noisiest-heading\""));
		assertThat(linkedIncidents(newestList)).hasSize(10).startsWith(newest);
		assertThat(linkedIncidents(noisiestList)).hasSize(10).startsWith(noisy).doesNotContain(quietNow);
		assertThat(noisiestList).contains(">400</td>");
	}

	private ServiceTile tile(String service) {
		Instant now = NOW;
		return ServiceTile
			.of(List.of(service), this.queries.openBySeverity(), this.queries.crashesPerService(now),
					this.queries.lastCrashPerService(), now, ZoneOffset.UTC)
			.get(0);
	}

	private String body(String url) {
		MvcTestResult result = this.mvc.get().uri(URI.create(url)).with(user("vera").roles("VIEWER")).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
