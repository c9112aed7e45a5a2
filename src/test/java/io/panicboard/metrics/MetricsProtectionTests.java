package io.panicboard.metrics;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@ProtectedMetricsTest
class MetricsProtectionTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void refusesAScrapeWithoutTheToken() {
		assertThat(this.mvc.get().uri("/metrics")).hasStatus(401)
			.headers()
			.hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"panicboard-metrics\"");
		assertThat(this.mvc.get().uri("/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer wrong")).hasStatus(401);
	}

	@Test
	void servesAScrapeWithTheToken() {
		assertThat(this.mvc.get()
			.uri("/metrics")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ProtectedMetricsTest.SCRAPE_TOKEN)).hasStatusOk()
			.bodyText()
			.contains("panicboard_ingest_requests_total");
	}

	@Test
	void keepsTheHealthProbesOpen() {
		assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk();
	}

}
