package io.panicboard.incident;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.panicboard.incident.IncidentListController.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message keys the dashboard pages build at run time (which the template check of
 * {@code MessagesTests} cannot see) exist.
 */
class DashboardMessagesTests {

	@Test
	void everyKeyBuiltAtRunTimeExists() throws IOException {
		Properties messages = new Properties();
		try (Reader in = new InputStreamReader(
				Files.newInputStream(Path.of("src/main/resources/messages/messages.properties")),
				StandardCharsets.UTF_8)) {
			messages.load(in);
		}
		Options options = new Options(List.of(), List.of());
		List<String> keys = new ArrayList<>(List.of("time.justNow", "time.minutesAgo", "time.hoursAgo", "time.daysAgo",
				"incidents.notice.kind", "incidents.notice.status", "incidents.notice.severity",
				"incidents.notice.range", "incidents.notice.sort", "incidents.notice.text", "incidents.notice.service",
				"incidents.notice.environment", "overview.chart.otherKinds", "overview.chart.deploys"));
		options.statuses().forEach((s) -> keys.add("incidents.status." + s));
		options.severities().forEach((s) -> keys.add("incidents.severity." + s));
		options.ranges().forEach((r) -> keys.add("incidents.range." + r));
		options.sorts().forEach((s) -> keys.add("incidents.sort." + s));
		for (ServiceTile.Trend trend : ServiceTile.Trend.values()) {
			keys.add(trend.key());
		}
		assertThat(keys).allSatisfy((key) -> assertThat(messages).containsKey(key));
	}

}
