package io.panicboard.ingest;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.Kind;
import io.panicboard.analysis.TraceAnalyzer;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTracesTests {

	private static final Instant AT = Instant.parse("2026-11-17T09:30:12Z");

	private final DemoTraces traces = new DemoTraces();

	@Test
	void shipsExactlyTheTracesThePlanNames() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/**/*.txt");
		List<String> names = Arrays.stream(resources).map(DemoTracesTests::name).toList();
		assertThat(names).containsExactlyInAnyOrderElementsOf(DemoPlan.TRACES.keySet());
	}

	@Test
	void everyShippedTraceIsClassifiedAsItsIntendedKind() {
		for (Map.Entry<String, Kind> trace : DemoPlan.TRACES.entrySet()) {
			Finding finding = only(analyzer(trace.getKey()).analyze(this.traces.text(trace.getKey())));
			assertThat(finding.kind()).as(trace.getKey()).isEqualTo(trace.getValue());
			assertThat(finding.topInAppFrame()).as(trace.getKey()).isNotNull();
			assertThat(finding.topInAppFrame().function()).as(trace.getKey())
				.startsWith(trace.getKey().startsWith("payments/user-panic") ? "main." : "github.com/acme/");
		}
	}

	@Test
	void variedOccurrencesKeepTheirKindAndFingerprint() {
		Random random = new Random(7);
		for (Map.Entry<String, Kind> trace : DemoPlan.TRACES.entrySet()) {
			TraceAnalyzer analyzer = analyzer(trace.getKey());
			Finding original = only(analyzer.analyze(this.traces.text(trace.getKey())));
			for (String version : List.of("v1.0.0", "v2.4.0", "v0.19.0")) {
				String text = this.traces.occurrence(trace.getKey(), AT, version, random);
				Finding varied = only(analyzer.analyze(text));
				assertThat(varied.kind()).as(trace.getKey()).isEqualTo(trace.getValue());
				assertThat(varied.fingerprint().hash()).as(trace.getKey()).isEqualTo(original.fingerprint().hash());
			}
		}
	}

	@Test
	void variesGoroutineIdsLogTimesPortsAndLinesButNotMain() {
		String text = this.traces.occurrence("gateway/nil-map-write", AT, "v3.8.1", new Random(1));
		assertThat(text).startsWith("2026/11/17 09:30:12 http: panic serving 10.42.0.18:")
			.doesNotContain("goroutine 91244 [running]")
			.doesNotContain("10.42.0.18:43896")
			.contains("/usr/lib/go-1.19/src/net/http/server.go:1850 +0xbf\n")
			.contains("/usr/lib/go-1.19/src/net/http/server.go:3102 +0x4db\n");
		String concurrent = this.traces.occurrence("orders/concurrent-map-writes", AT, "v2.4.0", new Random(1));
		assertThat(concurrent).doesNotContain("goroutine 2153 [running]")
			.contains("in goroutine 1\n")
			.containsPattern("/src/orders/internal/store/store\\.go:(5[5-9]|6[01])\n");
		String lines = this.traces.occurrence("orders/concurrent-map-writes", AT, "v2.4.0", new Random(2));
		assertThat(lines.replaceAll("goroutine \\d+", "")).isEqualTo(concurrent.replaceAll("goroutine \\d+", ""));
	}

	private static TraceAnalyzer analyzer(String trace) {
		String service = trace.substring(0, trace.indexOf('/'));
		return new TraceAnalyzer().withInAppRules(new InAppRules(List.of("github.com/acme/" + service)));
	}

	private static Finding only(List<Finding> findings) {
		List<Finding> incidents = findings.stream()
			.filter((finding) -> finding.crash() || finding.type() == FindingType.RACE)
			.toList();
		assertThat(incidents).hasSize(1);
		return incidents.get(0);
	}

	private static String name(Resource resource) {
		try {
			String path = resource.getURL().getPath();
			String name = path.substring(path.lastIndexOf("/demo/") + "/demo/".length());
			return name.substring(0, name.length() - ".txt".length());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
