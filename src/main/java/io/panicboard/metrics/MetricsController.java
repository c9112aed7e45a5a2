package io.panicboard.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or in OpenMetrics
 * when the scraper's {@code Accept} header asks for it; {@code name[]} parameters limit
 * the output to those metric names, like the simpleclient's exposition servlet. When
 * {@code panicboard.metrics.bearer-token} or {@code username} is set, a request without
 * those credentials gets 401 with {@code WWW-Authenticate}.
 */
@RestController
class MetricsController {

	private final CollectorRegistry registry;

	private final MetricsAccess access;

	MetricsController(CollectorRegistry registry, MetricsProperties properties) {
		this.registry = registry;
		this.access = new MetricsAccess(properties);
	}

	@GetMapping("/metrics")
	void metrics(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!this.access.allows(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.access.challenge());
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		String contentType = TextFormat.chooseContentType(request.getHeader(HttpHeaders.ACCEPT));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(contentType);
		try (Writer writer = new BufferedWriter(
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024)) {
			TextFormat.writeFormat(contentType, writer, samples(request.getParameterValues("name[]")));
		}
	}

	private Enumeration<MetricFamilySamples> samples(String[] names) {
		if (names == null || names.length == 0) {
			return this.registry.metricFamilySamples();
		}
		return this.registry.filteredMetricFamilySamples(new HashSet<>(Arrays.asList(names)));
	}

}
