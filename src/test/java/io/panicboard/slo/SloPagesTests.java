package io.panicboard.slo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class SloPagesTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private SloStore store;

	@Autowired
	private SloSnapshot snapshot;

	private String name;

	@BeforeEach
	void name() {
		this.name = "page-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void responderCreatesAnSloThroughTheFormAndSeesItsPage() {
		MvcTestResult created = this.mvc.post()
			.uri("/slos")
			.param("name", this.name)
			.param("service", this.name)
			.param("environment", "production")
			.param("indicator", "crash_budget")
			.param("maxCrashes", "5")
			.param("window", "7d")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		Slo slo = this.store.findByName(this.name).orElseThrow();
		assertThat(slo.maxCrashes()).isEqualTo(5);
		assertThat(slo.updatedBy()).isEqualTo("rita");
		assertThat(created).redirectedUrl().isEqualTo("/slos/" + slo.id());
		String detail = html(this.mvc.get().uri("/slos/" + slo.id()).with(user("vera").roles("VIEWER")).exchange());
		assertThat(detail).contains(this.name, "slo-gauge", "100 %", "Burn rate (1 h), last 3 days",
				"Budget consumed over the window", "apiVersion: openslo/v1");
		String list = html(this.mvc.get().uri("/slos").with(user("vera").roles("VIEWER")).exchange());
		assertThat(list).contains(this.name, "slo-healthy");
		// a viewer is shown neither the links to the forms nor the forms
		assertThat(list).doesNotContain("/slos/new");
		assertThat(this.mvc.get().uri("/slos/new").with(user("vera").roles("VIEWER"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/slos/" + slo.id() + "/edit").with(user("vera").roles("VIEWER"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/slos/" + slo.id() + "/edit").with(user("rita").roles("RESPONDER")))
			.hasStatusOk();
	}

	@Test
	void gcPauseChoicesAreInMillisecondsAndPostPlainSeconds() {
		String form = html(this.mvc.get().uri("/slos/new").with(user("rita").roles("RESPONDER")).exchange());
		assertThat(form)
			.contains("<option value=\"0.00005\">0.05 ms</option>", "<option value=\"0.00025\">0.25 ms</option>",
					"<option value=\"0.01\" selected=\"selected\">10 ms</option>",
					"<option value=\"1\">1000 ms</option>")
			.doesNotContainPattern("\\dE-\\d");
		MvcTestResult created = this.mvc.post()
			.uri("/slos")
			.param("name", this.name)
			.param("service", this.name)
			.param("environment", "production")
			.param("indicator", "gc_pause")
			.param("threshold", "0.00005")
			.param("target", "0.99")
			.param("window", "30d")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		Slo slo = this.store.findByName(this.name).orElseThrow();
		assertThat(slo.pauseThresholdSeconds()).isEqualTo(0.00005);
		assertThat(html(
				this.mvc.get().uri("/slos/" + slo.id() + "/edit").with(user("rita").roles("RESPONDER")).exchange()))
			.contains("<option value=\"0.00005\" selected=\"selected\">0.05 ms</option>");
	}

	@Test
	void invalidFormShowsTheFieldsAndKeepsTheInput() {
		MvcTestResult result = this.mvc.post()
			.uri("/slos")
			.param("name", this.name)
			.param("service", "")
			.param("indicator", "crash_free_time")
			.param("target", "1.5")
			.param("window", "30d")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(html(result)).contains("spec.service", "spec.objectives[0].target", "value=\"" + this.name + "\"");
		assertThat(this.store.findByName(this.name)).isEmpty();
	}

	@Test
	void editAndDelete() {
		Slo slo = this.store.create(SloMathTests.ratio(0.99).withId(0, null, null, null), java.time.Instant.now(),
				"test");
		slo = this.store
			.update(slo.id(),
					new Slo(null, this.name, null, "shop", "production", Indicator.CRASH_FREE_TIME,
							SloDocuments.MEMORY_SAFETY, null, null, null, null, 0.99, SloWindow.rolling(30),
							BudgetingMethod.TIMESLICES, null, null, null),
					java.time.Instant.now(), "test")
			.orElseThrow();
		assertThat(html(
				this.mvc.get().uri("/slos/" + slo.id() + "/edit").with(user("rita").roles("RESPONDER")).exchange()))
			.contains("value=\"" + this.name + "\"", "value=\"0.99\"");
		assertThat(this.mvc.post()
			.uri("/slos/" + slo.id() + "/delete")
			.with(user("rita").roles("RESPONDER"))
			.with(csrf())
			.exchange()).hasStatus3xxRedirection();
		assertThat(this.store.find(slo.id())).isEmpty();
		assertThat(this.mvc.get().uri("/slos/" + slo.id()).with(user("rita").roles("RESPONDER")).exchange())
			.hasStatus(404);
	}

	@Test
	void overviewTilesShowTheirServicesSloState() {
		// a service with an incident, so the overview has its tile, and an exhausted SLO
		String service = this.name;
		this.store.create(new Slo(null, this.name, null, service, "production", Indicator.CRASH_BUDGET,
				java.util.List.of("nil_map_write"), 1, null, null, null, null, SloWindow.rolling(7),
				BudgetingMethod.OCCURRENCES, null, null, null), java.time.Instant.now(), "test");
		this.mvc.post()
			.uri("/api/v1/events")
			.with(io.panicboard.TestTokens.as(new io.panicboard.security.ApiPrincipal(0, "slo-pages-ingest",
					io.panicboard.security.TokenScope.ADMIN, null)))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"service\":\"" + service + "\",\"environment\":\"production\",\"text\":"
					+ "\"panic: assignment to entry in nil map\\n\\ngoroutine 1 [running]:\\nmain.main()\\n"
					+ "\\t/src/app/main.go:8 +0x65\\n\"}")
			.exchange();
		this.snapshot.refresh();
		String overview = html(this.mvc.get().uri("/").with(user("vera").roles("VIEWER")).exchange());
		assertThat(overview).contains("tile-slo", "SLO healthy<");
	}

	private static String html(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
