package io.panicboard.review;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panicboard.PageCharts;
import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.TestTokens;
import io.panicboard.incident.IncidentDecisions;
import io.panicboard.security.ApiPrincipal;
import io.panicboard.security.TokenScope;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The report's page, exports, API and decisions, on {@link ReviewDataset}.
 */
@SpringBootTest(properties = { "panicboard.pages.zone=Europe/Berlin",
		"panicboard.public-url=https://panicboard.example/board" })
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, ReviewTestConfiguration.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportWebTests {

	private static final ApiPrincipal READER = new ApiPrincipal(0, "review-reader", TokenScope.READ, null);

	private static final ApiPrincipal ADMIN = new ApiPrincipal(0, "review-admin", TokenScope.ADMIN, null);

	private static final ApiPrincipal INGEST = new ApiPrincipal(0, "review-ingest", TokenScope.INGEST, null);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private IncidentDecisions decisions;

	private ReviewDataset data;

	@BeforeAll
	void createDataset() {
		this.data = new ReviewDataset(this.jdbc).create(this.decisions);
	}

	private String api(String query) {
		return "/api/v1/reports/weekly?week=2026-W13&team=" + this.data.team + query;
	}

	@Test
	void jsonExportHasTheReport() {
		MvcTestResult result = this.mvc.get().uri(api("")).with(TestTokens.as(READER)).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		JsonNode report = JSON.readTree(result.getResponse().getContentAsByteArray());
		assertThat(report.get("week").asString()).isEqualTo("2026-W13");
		assertThat(report.get("team").asString()).isEqualTo(this.data.team);
		assertThat(report.at("/headline/current/crashes").asLong()).isEqualTo(19);
		assertThat(report.at("/headline/previous/stillOpen").asLong()).isEqualTo(2);
		assertThat(report.at("/headline/current/mttaP90Seconds").asDouble()).isEqualTo(6840.0);
		assertThat(report.at("/topByOccurrences/0/incident/id").asLong()).isEqualTo(this.data.i2);
		assertThat(report.at("/topByOccurrences/0/weekly")).hasSize(8);
		assertThat(report.get("incidents")).hasSize(5);
	}

	@Test
	void csvHasOneRowPerIncidentWithEveryColumnAndParsesBack() throws IOException {
		MvcTestResult result = this.mvc.get().uri(api("&format=csv")).with(TestTokens.as(READER)).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/csv");
		assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment")
			.contains("weekly-review-2026-W13-" + this.data.team + ".csv");
		List<CSVRecord> rows = parse(result.getResponse().getContentAsString());
		assertThat(rows).hasSize(5);
		assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(ReportCsv.HEADER);
		long crashes = 0;
		for (CSVRecord row : rows) {
			crashes += Long.parseLong(row.get("crashes"));
		}
		assertThat(crashes).isEqualTo(19);
		CSVRecord i1 = row(rows, this.data.i1);
		assertThat(i1.get("title")).isEqualTo("nil_map_write in a/cache.(*Cache).Put <b>bold</b>");
		assertThat(i1.get("crashes")).isEqualTo("8");
		assertThat(i1.get("crashes_previous_week")).isEqualTo("6");
		assertThat(i1.get("instances")).isEqualTo("2");
		assertThat(i1.get("open_at_week_end")).isEqualTo("true");
		assertThat(i1.get("open_age_seconds")).isEqualTo(Long.toString(478 * 3600));
		assertThat(i1.get("family")).isEqualTo("nil_map");
		assertThat(i1.get("first_seen")).isEqualTo("2026-03-10T00:00:00Z");
		CSVRecord i2 = row(rows, this.data.i2);
		assertThat(i2.get("title")).isEqualTo("concurrent_map_writes in a/orders.(*Book).Add | `x`");
		assertThat(i2.get("new_this_week")).isEqualTo("true");
		assertThat(i2.get("acknowledgements")).isEqualTo("1");
		assertThat(i2.get("resolutions")).isEqualTo("1");
		CSVRecord i4 = row(rows, this.data.i4);
		assertThat(i4.get("decision")).isEqualTo("tech_debt");
		assertThat(i4.get("owner")).isEqualTo("bob");
		assertThat(i4.get("due_date")).isEqualTo("2026-03-27");
		assertThat(i4.get("ticket_url")).isEqualTo("https://tickets.example/T-1");
		assertThat(i4.get("regressions")).isEqualTo("1");
		CSVRecord i6 = row(rows, this.data.i6);
		assertThat(i6.get("reason")).isEqualTo("third-party | `lib`\nnot ours");
		assertThat(i6.get("open_at_week_end")).isEqualTo("false");
		assertThat(i6.get("open_age_seconds")).isEmpty();
	}

	@Test
	void markdownTablesParseBackCellByCell() throws IOException {
		MvcTestResult result = this.mvc.get().uri(api("&format=md")).with(TestTokens.as(READER)).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/markdown");
		String md = result.getResponse().getContentAsString();
		assertThat(md).startsWith("# Weekly review 2026-W13 (2026-03-23 – 2026-03-29, Europe/Berlin)");
		List<List<String>> headline = table(md, "| figure |");
		assertThat(headline).allSatisfy((row) -> assertThat(row).hasSize(4));
		assertThat(headline.get(1)).containsExactly("Crashes", "19", "9", "+10");
		assertThat(headline.get(5)).containsExactly("Still open at the end of the week", "3", "2", "+1");
		assertThat(headline.get(8)).containsExactly("Time to acknowledge \\(MTTA\\), median", "1h 30m", "–", "–");
		assertThat(headline.get(headline.size() - 1)).containsExactly("SLO compliance", "no SLOs defined",
				"no SLOs defined", "");
		List<List<String>> top = table(md, "| incident | service | kind | crashes |");
		assertThat(top).allSatisfy((row) -> assertThat(row).hasSize(6));
		assertThat(top.get(1).get(0)).startsWith("[#" + this.data.i2 + "](http");
		assertThat(unescape(top.get(1).get(0))).isEqualTo("concurrent_map_writes in a/orders.(*Book).Add | `x`");
		assertThat(top.get(1).get(5)).isEqualTo("0 0 0 0 0 0 0 10");
		List<List<String>> wontFix = table(md, "| incident | reason | decided by |");
		assertThat(wontFix).hasSize(2);
		assertThat(unescape(wontFix.get(1).get(1))).isEqualTo("third-party | `lib` not ours");
	}

	@Test
	void markdownShowsEveryCharacterOfATitleLiterally() throws IOException {
		// "&lt;" is an entity reference that renders as "<"; GitHub reads the text
		// between two dollar signs as math
		String title = "# &lt;b&gt; &amp; $HOME or $PATH *a* _b_ [c](d) <e> \\ ~f~ | `g`\nh";
		String team = this.data.createTitled(title);
		String md = this.mvc.get()
			.uri("/api/v1/reports/weekly?week=2026-W13&format=md&team=" + team)
			.with(TestTokens.as(READER))
			.exchange()
			.getResponse()
			.getContentAsString();
		List<List<String>> top = table(md, "| incident | service | kind | crashes |");
		assertThat(top).hasSize(2);
		assertThat(top.get(1).get(0)).endsWith(") \\# \\&lt;b\\&gt; \\&amp; \\$HOME or \\$PATH \\*a\\* \\_b\\_ "
				+ "\\[c\\]\\(d\\) \\<e\\> \\\\ \\~f\\~ \\| \\`g\\` h");
		assertThat(unescape(top.get(1).get(0))).isEqualTo(title.replace('\n', ' '));
	}

	@Test
	void markdownHeadlineHasThePagesRowsWithThePagesWords() throws IOException {
		String md = apiMarkdown();
		List<List<String>> page = htmlTable(weeklyPage(), "headline-heading");
		List<List<String>> headline = table(md, "| figure |");
		List<List<String>> rows = headline.subList(1, headline.size())
			.stream()
			.map((row) -> row.stream().map(ReportWebTests::unescape).toList())
			.toList();
		assertThat(rows).hasSameSizeAs(page);
		assertThat(rows).extracting((row) -> row.get(0)).contains("Age of the oldest open incident");
		for (int i = 0; i < page.size() - 1; i++) {
			assertThat(rows.get(i)).isEqualTo(page.get(i));
		}
		// the SLO row: one cell on the page when there is no SLO, both weeks in Markdown
		assertThat(rows.get(page.size() - 1)).startsWith(page.get(page.size() - 1).toArray(String[]::new));
	}

	@Test
	void markdownTechDebtSaysHowItemsMovedInThePagesWords() throws IOException {
		String md = apiMarkdown();
		List<List<String>> page = htmlTable(weeklyPage(), "debt-heading");
		List<List<String>> debt = table(md, "| incident | owner | due |");
		assertThat(page).isNotEmpty();
		assertThat(debt).hasSize(page.size() + 1);
		for (int i = 0; i < page.size(); i++) {
			List<String> pageRow = page.get(i);
			List<String> mdRow = debt.get(i + 1);
			assertThat(unescape(mdRow.get(mdRow.size() - 1))).isEqualTo(pageRow.get(pageRow.size() - 1))
				.isIn("decided this week", "resolved", "open again", "fewer crashes", "more crashes", "unchanged");
		}
	}

	@Test
	void hotspotsOnThePageAndInMarkdownHaveTheSameColumnsAndWords() throws IOException {
		// the first table of each is by function
		List<List<String>> page = htmlTable(weeklyPage(), "hotspots-heading");
		List<List<String>> md = table(apiMarkdown(), "| family | where |");
		assertThat(page.get(0)).containsExactly("nil map", "a/cache.(*Cache).Put", "8", "1", this.data.a);
		assertThat(md.subList(1, md.size())
			.stream()
			.map((row) -> row.stream().map(ReportWebTests::unescape).toList())
			.toList()).isEqualTo(page);
	}

	private String weeklyPage() throws IOException {
		return this.mvc.get()
			.uri("/reports/weekly?week=2026-W13&team=" + this.data.team)
			.with(user("vera").roles("VIEWER"))
			.exchange()
			.getResponse()
			.getContentAsString();
	}

	/**
	 * The body rows of the page's table in the section labelled by a heading, each cell's
	 * text without tags.
	 */
	private static List<List<String>> htmlTable(String html, String heading) {
		String section = html.substring(html.indexOf("aria-labelledby=\"" + heading + "\""));
		String body = section.substring(section.indexOf("<tbody>"), section.indexOf("</tbody>"));
		List<List<String>> rows = new ArrayList<>();
		for (String tr : body.split("<tr")) {
			Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(tr);
			List<String> cells = new ArrayList<>();
			while (td.find()) {
				cells.add(HtmlUtils.htmlUnescape(td.group(1).replaceAll("<[^>]*>", "")).replaceAll("\\s+", " ").trim());
			}
			if (!cells.isEmpty()) {
				rows.add(cells);
			}
		}
		return rows;
	}

	@Test
	void apiNeedsAReadTokenAndAnswersProblemsForBadParameters() {
		assertThat(this.mvc.get().uri(api(""))).hasStatus(401);
		assertThat(this.mvc.get().uri(api("")).with(TestTokens.as(INGEST))).hasStatus(403)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri(api("")).with(TestTokens.as(ADMIN))).hasStatusOk();
		for (String[] bad : new String[][] { { "/api/v1/reports/weekly?week=2026-W60", "week" },
				{ "/api/v1/reports/weekly?week=nope", "week" }, { "/api/v1/reports/weekly?week=2030-W01", "week" },
				{ "/api/v1/reports/weekly?service=no-such-service", "service" },
				{ "/api/v1/reports/weekly?team=" + this.data.team + "&service=" + this.data.a, "team" },
				{ "/api/v1/reports/weekly?format=xml", "format" } }) {
			MvcTestResult result = this.mvc.get().uri(bad[0]).with(TestTokens.as(READER)).exchange();
			assertThat(result).as(bad[0])
				.hasStatus(400)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.errors[0].field")
				.isEqualTo(bad[1]);
		}
		// a week that exists, before the first the review covers, is refused as a future
		// one is; from the page's export as from the API
		for (MvcTestResult result : List.of(
				this.mvc.get()
					.uri("/api/v1/reports/weekly?week=1969-W52&format=md")
					.with(TestTokens.as(READER))
					.exchange(),
				this.mvc.get()
					.uri("/reports/weekly/export?week=1969-W52&format=md")
					.with(user("vera").roles("VIEWER"))
					.exchange())) {
			assertThat(result).hasStatus(400)
				.bodyJson()
				.extractingPath("$.errors[0]")
				.isEqualTo(Map.of("field", "week", "message", "the week is before 1970-W01"));
		}
	}

	@Test
	void decisionsThroughTheApiNeedAnAdminTokenAndGoOnTheTimeline() {
		String uri = "/api/v1/reports/decisions/" + this.data.i1;
		String body = "{\"decision\":\"tech_debt\",\"owner\":\"erin\",\"due\":\"2026-12-01\","
				+ "\"ticketUrl\":\"https://tickets.example/T-9\"}";
		assertThat(this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body)).hasStatus(401);
		assertThat(this.mvc.post()
			.uri(uri)
			.with(TestTokens.as(READER))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(403);
		assertThat(this.mvc.post()
			.uri(uri)
			.with(TestTokens.as(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\":\"tech_debt\",\"due\":\"soon\",\"ticketUrl\":\"javascript:alert(1)\"}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("owner", "due", "ticketUrl");
		assertThat(this.mvc.post()
			.uri("/api/v1/reports/decisions/0")
			.with(TestTokens.as(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(404);
		assertThat(this.mvc.post()
			.uri(uri)
			.with(TestTokens.as(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatusOk();
		Map<String, Object> entry = this.jdbc
			.sql("SELECT type, actor, detail::text AS detail FROM timeline_entry WHERE incident_id = ? "
					+ "AND type = 'tech_debt'")
			.param(this.data.i1)
			.query()
			.singleRow();
		assertThat(entry.get("actor")).isEqualTo("review-admin");
		assertThat((String) entry.get("detail")).contains("\"owner\": \"erin\"", "\"due\": \"2026-12-01\"",
				"https://tickets.example/T-9");
		assertThat(this.jdbc.sql("SELECT owner FROM incident_decision WHERE incident_id = ?")
			.param(this.data.i1)
			.query(String.class)
			.single()).isEqualTo("erin");
		assertThat(this.mvc.post()
			.uri(uri)
			.with(TestTokens.as(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\":\" None \"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.decision")
			.isEqualTo("none");
		assertThat(this.jdbc.sql("SELECT count(*) FROM incident_decision WHERE incident_id = ?")
			.param(this.data.i1)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM timeline_entry WHERE incident_id = ? AND type = " + "'decision_cleared'")
			.param(this.data.i1)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void decisionTextsCountCharactersNotUtf16Units() {
		long incident = this.jdbc
			.sql("SELECT i.id FROM incident i JOIN service s ON s.name = i.service WHERE s.team = ?")
			.param(this.data.createTitled("emoji"))
			.query(Long.class)
			.single();
		String uri = "/api/v1/reports/decisions/" + incident;
		// 2,000 emoji are 4,000 UTF-16 units
		String bugs = "\uD83D\uDC1B".repeat(DecisionRequest.MAX_TEXT);
		assertThat(this.mvc.post()
			.uri(uri)
			.with(TestTokens.as(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("decision", "tech_debt", "owner", bugs, "due", "2026-12-31"))))
			.hasStatusOk();
		assertThat(this.jdbc.sql("SELECT owner FROM incident_decision WHERE incident_id = ?")
			.param(incident)
			.query(String.class)
			.single()).isEqualTo(bugs);
		assertThat(this.mvc.post()
			.uri(uri)
			.with(TestTokens.as(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("decision", "wont_fix", "reason", bugs + "\uD83D\uDC1B"))))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0]")
			.isEqualTo(Map.of("field", "reason", "message", "must be at most 2000 characters"));
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.param("incident", Long.toString(incident))
			.param("decision", "wont_fix")
			.param("reason", bugs)).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("SELECT reason FROM incident_decision WHERE incident_id = ?")
			.param(incident)
			.query(String.class)
			.single()).isEqualTo(bugs);
	}

	@Test
	void decisionsRefuseDueDatesOutOfRangeAndTicketUrlsThatAreNotLinks() {
		String uri = "/api/v1/reports/decisions/" + this.data.i5;
		for (String[] bad : new String[][] {
				{ "{\"decision\":\"tech_debt\",\"owner\":\"a\",\"due\":\"+999999999-12-31\"}", "due" },
				{ "{\"decision\":\"tech_debt\",\"owner\":\"a\",\"due\":\"1999-12-31\"}", "due" },
				{ "{\"decision\":\"tech_debt\",\"owner\":\"a\",\"due\":\"2026-12-31\",\"ticketUrl\":\"https://\"}",
						"ticketUrl" },
				{ "{\"decision\":\"tech_debt\",\"owner\":\"a\",\"due\":\"2026-12-31\","
						+ "\"ticketUrl\":\"https://a b\\\"><script>x</script>\"}", "ticketUrl" },
				{ "{\"decision\":\"tech_debt\",\"owner\":\"a\\u0000b\",\"due\":\"2026-12-31\"}", "owner" },
				{ "{\"decision\":\"wont_fix\",\"reason\":\"a\\u0000b\"}", "reason" } }) {
			assertThat(this.mvc.post()
				.uri(uri)
				.with(TestTokens.as(ADMIN))
				.contentType(MediaType.APPLICATION_JSON)
				.content(bad[0])).as(bad[0])
				.hasStatus(400)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.errors[*].field")
				.asArray()
				.containsExactly(bad[1]);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM incident_decision WHERE incident_id = ?")
			.param(this.data.i5)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.param("incident", Long.toString(this.data.i5))
			.param("decision", "tech_debt")
			.param("owner", "rita")
			.param("due", "2100-01-01")
			.param("ticketUrl", "https://")).hasStatus(400)
			.bodyText()
			.contains("due: must be from 2000-01-01 to 2099-12-31",
					"ticketUrl: must be an absolute http or https URL with a host");
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.param("incident", Long.toString(this.data.i5))
			.param("decision", "wont_fix")
			.param("reason", "a\0b")).hasStatus(400).bodyText().contains("reason: must not contain NUL characters");
	}

	@Test
	void pageShowsTheReportEscaped() throws IOException {
		MvcTestResult result = this.mvc.get()
			.uri("/reports/weekly?week=2026-W13&team=" + this.data.team)
			.with(user("vera").roles("VIEWER"))
			.exchange();
		assertThat(result).hasStatusOk();
		String html = result.getResponse().getContentAsString();
		assertThat(html)
			.contains("2026-W13", "2026-03-23 – 2026-03-29 (Europe/Berlin)", "no SLOs defined",
					"nil_map_write in a/cache.(*Cache).Put &lt;b&gt;bold&lt;/b&gt;", "a/orders.(*Book).Add",
					"https://tickets.example/T-1", "overdue", "third-party | `lib`", "class=\"sparkline\"",
					"class=\"chart-figure bar-chart\"",
					"href=\"/reports/weekly?week=2026-W12&amp;team=" + this.data.team + "\"",
					"href=\"/reports/weekly?week=2026-W14&amp;team=" + this.data.team + "\"",
					"/reports/weekly/export?week=2026-W13&amp;team=" + this.data.team + "&amp;format=csv")
			.doesNotContain("<b>bold</b>")
			.doesNotContain("/reports/weekly/decide");
		// the sparklines draw the 8 weeks up to the report's
		assertThat(html).contains(" in the last 8 weeks\"").doesNotContain("in the last 24 hours");
		assertThat(PageCharts.of(html, "sparkline")).isNotEmpty()
			.allSatisfy((line) -> assertThat(line.get("values")).hasSize(8));
		assertThat(PageCharts.of(html, "bars")).singleElement()
			.satisfies((trend) -> assertThat(trend.get("titles")).hasSize(8));
		assertThat(this.mvc.get()
			.uri("/reports/weekly?week=2026-W13&team=" + this.data.team)
			.with(user("rita").roles("RESPONDER"))).bodyText().contains("/reports/weekly/decide?incident=");
		// nor can a viewer open the form the page does not link for them
		assertThat(this.mvc.get().uri("/reports/weekly/decide?incident=1").with(user("vera").roles("VIEWER")))
			.hasStatus(403);
	}

	/**
	 * A servlet container reads a {@code +} in a query as a space, so the links must
	 * encode it: a team called "C++" got the report of team "C " (a 400).
	 */
	@Test
	void linksOfTheReportKeepATeamWithPlusSigns() throws IOException {
		String team = "C++ & R+D #" + this.data.id;
		this.jdbc.sql("INSERT INTO service (name, team) VALUES (?, ?)").params("plus-" + this.data.id, team).update();
		String query = "?week=2026-W13&team=" + UriUtils.encode(team, StandardCharsets.UTF_8);
		String html = this.mvc.get()
			.uri(URI.create("/reports/weekly" + query))
			.with(user("vera").roles("VIEWER"))
			.exchange()
			.getResponse()
			.getContentAsString();
		Matcher href = Pattern.compile("href=\"(/reports/weekly[^\"]*)\"").matcher(html);
		List<String> teams = new ArrayList<>();
		while (href.find()) {
			String link = HtmlUtils.htmlUnescape(href.group(1));
			if (link.contains("team=")) {
				teams.add(formDecodedTeam(link));
			}
		}
		// the weeks before and after, the permalink and three exports
		assertThat(teams).hasSize(6).containsOnly(team);
		MvcTestResult decided = this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.param("incident", Long.toString(this.data.i5))
			.param("decision", "none")
			.param("week", "2026-W13")
			.param("team", team)
			.exchange();
		assertThat(decided).hasStatus3xxRedirection();
		assertThat(formDecodedTeam(decided.getResponse().getRedirectedUrl())).isEqualTo(team);
	}

	/** The team of a link's query as a servlet container reads it. */
	private static String formDecodedTeam(String link) {
		Matcher team = Pattern.compile("[?&]team=([^&]*)").matcher(link);
		assertThat(team.find()).as(link).isTrue();
		return URLDecoder.decode(team.group(1), StandardCharsets.UTF_8);
	}

	@Test
	void pageDefaultsToTheLastCompleteWeekAndExplainsBadParameters() {
		assertThat(this.mvc.get().uri("/reports/weekly").with(user("vera").roles("VIEWER"))).hasStatusOk()
			.bodyText()
			.contains("2026-W44", "2026-10-26 – 2026-11-01", "href=\"/reports/weekly?week=2026-W44\"");
		assertThat(this.mvc.get().uri("/reports/weekly?week=2026-W99").with(user("vera").roles("VIEWER")))
			.hasStatus(400)
			.bodyText()
			.contains("&quot;2026-W99&quot; is not an ISO week", "Show last week (2026-W44)");
		assertThat(this.mvc.get().uri("/reports/weekly?week=1969-W52").with(user("vera").roles("VIEWER")))
			.hasStatus(400)
			.bodyText()
			.contains("Week 1969-W52 is before 1970-W01, the first week the review covers.")
			.doesNotContain("is not an ISO week");
		// nor does the first week link the one before
		assertThat(this.mvc.get().uri("/reports/weekly?week=1970-W01").with(user("vera").roles("VIEWER"))).hasStatusOk()
			.bodyText()
			.contains("href=\"/reports/weekly?week=1970-W01\"")
			.doesNotContain("week=1969-W52");
		assertThat(this.mvc.get().uri("/reports/weekly?service=<x>").with(user("vera").roles("VIEWER"))).hasStatus(400)
			.bodyText()
			.contains("There is no service &quot;&lt;x&gt;&quot;");
	}

	@Test
	void pageExportsWithTheSession() throws IOException {
		MvcTestResult csv = this.mvc.get()
			.uri("/reports/weekly/export?week=2026-W13&format=csv&team=" + this.data.team)
			.with(user("vera").roles("VIEWER"))
			.exchange();
		assertThat(csv).hasStatusOk().hasContentTypeCompatibleWith("text/csv");
		assertThat(parse(csv.getResponse().getContentAsString())).hasSize(5);
		assertThat(this.mvc.get()
			.uri("/reports/weekly/export?week=2026-W13&format=md&team=" + this.data.team)
			.with(user("vera").roles("VIEWER"))).hasStatusOk().bodyText().contains("## Tech debt");
		assertThat(this.mvc.get().uri("/reports/weekly/export?week=bad").with(user("vera").roles("VIEWER")))
			.hasStatus(400);
	}

	@Test
	void pageExportDefaultsToJsonLikeTheApi() {
		MvcTestResult page = this.mvc.get()
			.uri("/reports/weekly/export?week=2026-W13&team=" + this.data.team)
			.with(user("vera").roles("VIEWER"))
			.exchange();
		assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		MvcTestResult api = this.mvc.get().uri(api("")).with(TestTokens.as(READER)).exchange();
		assertThat(page.getResponse().getContentAsByteArray()).isEqualTo(api.getResponse().getContentAsByteArray());
	}

	/**
	 * A script (curl's {@code Accept: *}{@code /*}) gets the API's problem; a browser
	 * that followed a link gets the error page (its page is checked on a real server in
	 * {@code ErrorPagesServerTests}).
	 */
	@Test
	void pageExportAnswersProblemsNamingTheBadParameterLikeTheApi() {
		for (String[] bad : new String[][] { { "week=2026-W99&format=csv", "week" }, { "week=bad", "week" },
				{ "week=2030-W01", "week" }, { "week=2026-W13&format=pdf", "format" },
				{ "service=no-such-service", "service" },
				{ "team=" + this.data.team + "&service=" + this.data.a, "team" } }) {
			MvcTestResult browser = this.mvc.get()
				.uri("/reports/weekly/export?" + bad[0])
				.accept(MediaType.TEXT_HTML)
				.with(user("vera").roles("VIEWER"))
				.exchange();
			assertThat(browser).as(bad[0]).hasStatus(400);
			assertThat(browser.getResponse().getErrorMessage()).as(bad[0]).isNotBlank();
			MvcTestResult page = this.mvc.get()
				.uri("/reports/weekly/export?" + bad[0])
				.accept(MediaType.ALL)
				.with(user("vera").roles("VIEWER"))
				.exchange();
			assertThat(page).as(bad[0])
				.hasStatus(400)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.errors[0].field")
				.isEqualTo(bad[1]);
			MvcTestResult api = this.mvc.get()
				.uri("/api/v1/reports/weekly?" + bad[0])
				.with(TestTokens.as(READER))
				.exchange();
			assertThat(errors(page)).as(bad[0]).isEqualTo(errors(api));
		}
	}

	@Test
	void pagesMarkdownExportLinksWithThePublicUrlLikeTheApis() throws IOException {
		MvcTestResult page = this.mvc.get()
			.uri("/reports/weekly/export?week=2026-W13&format=md&team=" + this.data.team)
			.with(user("vera").roles("VIEWER"))
			.exchange();
		String md = page.getResponse().getContentAsString();
		assertThat(md)
			.contains("[#" + this.data.i2 + "](https://panicboard.example/board/incidents/" + this.data.i2 + ")")
			.doesNotContain("](/");
		assertThat(md).isEqualTo(apiMarkdown());
	}

	@Test
	void respondersDecideFromTheReportAndTheIncidentTimelineShowsIt() {
		assertThat(this.mvc.get()
			.uri("/reports/weekly/decide?incident=" + this.data.i3 + "&week=2026-W13&team=" + this.data.team)
			.with(user("rita").roles("RESPONDER"))).hasStatusOk().bodyText().contains("name=\"owner\"");
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("vera").roles("VIEWER"))
			.with(csrf())
			.param("incident", Long.toString(this.data.i3))
			.param("decision", "wont_fix")
			.param("reason", "x")).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.param("incident", Long.toString(this.data.i3))
			.param("decision", "wont_fix")
			.param("reason", "x")).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.param("incident", Long.toString(this.data.i3))
			.param("decision", "wont_fix")
			.param("reason", "")).hasStatus(400).bodyText().contains("reason: must not be blank");
		assertThat(this.mvc.post()
			.uri("/reports/weekly/decisions")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.param("incident", Long.toString(this.data.i3))
			.param("decision", "wont_fix")
			.param("reason", "<i>staging only</i>")
			.param("week", "2026-W13")
			.param("team", this.data.team)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/reports/weekly?week=2026-W13&team=" + this.data.team);
		assertThat(this.mvc.get().uri("/incidents/" + this.data.i3).with(user("vera").roles("VIEWER"))).hasStatusOk()
			.bodyText()
			.contains("Marked as won&#39;t fix", "&lt;i&gt;staging only&lt;/i&gt;", "rita");
		assertThat(this.mvc.get().uri("/incidents/" + this.data.i4).with(user("vera").roles("VIEWER"))).hasStatusOk()
			.bodyText()
			.contains("Marked as tech debt, owner bob, due 2026-03-27", "href=\"https://tickets.example/T-1\"");
	}

	private static JsonNode errors(MvcTestResult result) {
		return JSON.readTree(result.getResponse().getContentAsByteArray()).get("errors");
	}

	private static List<CSVRecord> parse(String csv) throws IOException {
		try (CSVParser parser = CSVParser.parse(new StringReader(csv),
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			return parser.getRecords();
		}
	}

	private static CSVRecord row(List<CSVRecord> rows, long id) {
		return rows.stream().filter((r) -> r.get("id").equals(Long.toString(id))).findFirst().orElseThrow();
	}

	/**
	 * The rows of the table whose header starts with a text, each split on unescaped
	 * pipes.
	 */
	private static List<List<String>> table(String md, String header) {
		List<List<String>> rows = new ArrayList<>();
		boolean in = false;
		for (String line : md.split("\n", -1)) {
			if (line.startsWith(header)) {
				in = true;
			}
			else if (in && !line.startsWith("|")) {
				break;
			}
			if (in && !line.startsWith("|---")) {
				rows.add(cells(line));
			}
		}
		return rows;
	}

	private static List<String> cells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		for (int i = 1; i < line.length(); i++) {
			char ch = line.charAt(i);
			if (ch == '\\' && i + 1 < line.length()) {
				cell.append(ch).append(line.charAt(++i));
			}
			else if (ch == '|') {
				cells.add(cell.toString().trim());
				cell.setLength(0);
			}
			else {
				cell.append(ch);
			}
		}
		return cells;
	}

	private static String unescape(String cell) {
		return cell.replaceFirst("^\\[#\\d+\\]\\([^)]*\\) ", "").replaceAll("\\\\(.)", "$1");
	}

	/** The API's Markdown export of the test week. */
	private String apiMarkdown() throws IOException {
		return this.mvc.get()
			.uri(api("&format=md"))
			.with(TestTokens.as(READER))
			.exchange()
			.getResponse()
			.getContentAsString();
	}

}
