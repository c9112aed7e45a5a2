package io.panicboard.incident;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.incident.DashboardTestConfiguration.DashboardData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.panicboard.incident.DashboardTestConfiguration.NOW;
import static io.panicboard.incident.DashboardTestConfiguration.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The overview and the incident list show times in {@code panicboard.pages.zone}, as the
 * incident page does.
 */
@SpringBootTest(properties = "panicboard.pages.zone=Europe/Berlin")
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, DashboardTestConfiguration.class })
class PagesZoneTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DashboardData data;

	@Test
	void overviewAndListShowTheirTimesInThePagesZone() {
		String service = unique("zoned");
		Instant crash = NOW.minus(Duration.ofMinutes(90));
		long id = this.data.incident(service, crash);
		String berlin = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BERLIN).format(crash)
				+ " Europe/Berlin";
		String utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(crash) + " UTC";
		String overview = body("/");
		int tile = overview.indexOf(">" + service + "</a>");
		assertThat(tile).isPositive();
		assertThat(overview.substring(tile, overview.indexOf("</article>", tile))).contains("title=\"" + berlin + "\"");
		assertThat(overview).doesNotContain(utc);
		String list = body("/incidents?service=" + service);
		assertThat(list).contains("href=\"/incidents/" + id + "\"", "title=\"" + berlin + "\"").doesNotContain(utc);
	}

	private String body(String url) {
		MvcTestResult result = this.mvc.get().uri(url).with(user("vera").roles("VIEWER")).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
