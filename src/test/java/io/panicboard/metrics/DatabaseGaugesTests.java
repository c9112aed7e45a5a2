package io.panicboard.metrics;

import java.util.List;
import java.util.Map;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseGaugesTests {

	private static final List<String> ORDERS = List.of("orders", "production");

	@Test
	void resolvedIncidentsDropToZeroButASilentServiceHasNoMemorySeries() {
		DatabaseGauges gauges = new DatabaseGauges();
		gauges.update(new DatabaseGauges.Readings(Map.of(List.of("orders", "critical", "nil_map_write"), 2.0),
				Map.of(ORDERS, 512.0), Map.of(ORDERS, 1024.0), Map.of(ORDERS, 40.0)));
		assertThat(samples(gauges, DatabaseGauges.HEAP_LIVE)).containsExactly("[orders, production]=512.0");

		gauges.update(new DatabaseGauges.Readings(Map.of(), Map.of(), Map.of(), Map.of()));

		assertThat(samples(gauges, DatabaseGauges.OPEN_INCIDENTS))
			.containsExactly("[orders, critical, nil_map_write]=0.0");
		assertThat(samples(gauges, DatabaseGauges.HEAP_LIVE)).isEmpty();
		assertThat(samples(gauges, DatabaseGauges.HEAP_GOAL)).isEmpty();
		assertThat(samples(gauges, DatabaseGauges.GOROUTINES)).isEmpty();
	}

	private static List<String> samples(DatabaseGauges gauges, String name) {
		return gauges.collect()
			.stream()
			.filter((family) -> family.name.equals(name))
			.map((MetricFamilySamples family) -> family.samples)
			.flatMap(List::stream)
			.map((Sample sample) -> sample.labelValues + "=" + sample.value)
			.toList();
	}

}
