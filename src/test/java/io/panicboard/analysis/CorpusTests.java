package io.panicboard.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every labelled sample of the corpus is a test case: kind, top user frame and its
 * location, goroutine count, map relation, race and gc counts, and the first gctrace
 * line's fields.
 */
class CorpusTests {

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	@Test
	void corpusIsPresentAndComplete() {
		assertThat(Corpus.labels()).hasSize(136);
	}

	@TestFactory
	Stream<DynamicTest> everyLabelledSample() {
		return Corpus.labels()
			.stream()
			.map((label) -> DynamicTest.dynamicTest(label.get("file").asString(),
					() -> check(label, this.analyzer.analyze(Corpus.bytes(label.get("file").asString())))));
	}

	/**
	 * Container logs often carry terminal colour codes around (and inside) every line:
	 * the findings are those of the plain sample, with no escape code in their text.
	 */
	@TestFactory
	Stream<DynamicTest> everyLabelledSampleWithColouredLines() {
		return Corpus.labels().stream().map((label) -> label.get("file").asString()).map((file) -> {
			byte[] plain = Corpus.bytes(file);
			return DynamicTest.dynamicTest(file,
					() -> assertThat(this.analyzer.analyze(coloured(plain))).isEqualTo(this.analyzer.analyze(plain)));
		});
	}

	private static byte[] coloured(byte[] plain) {
		String[] lines = new String(plain, StandardCharsets.UTF_8).split("\n", -1);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String end = line.endsWith("\r") ? "\r" : "";
			String content = line.substring(0, line.length() - end.length());
			if (i < lines.length - 1 || !content.isEmpty()) {
				out.append("\u001b[1;31m").append(content).append("\u001b[0m");
			}
			out.append(end);
			if (i < lines.length - 1) {
				out.append('\n');
			}
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	static void check(JsonNode label, List<Finding> findings) {
		String kind = label.get("kind").asString();
		SoftAssertions softly = new SoftAssertions();
		List<Finding> crashes = findings.stream().filter(Finding::crash).toList();
		List<Finding> races = findings.stream().filter((f) -> f.type() == FindingType.RACE).toList();
		List<Finding> gcs = findings.stream().filter((f) -> f.type() == FindingType.GC).toList();
		Finding primary;
		if (kind.equals("gctrace")) {
			primary = null;
			softly.assertThat(crashes).as("crashes").isEmpty();
		}
		else if (kind.equals("data_race")) {
			softly.assertThat(crashes).as("crashes").isEmpty();
			primary = races.isEmpty() ? null : races.get(0);
		}
		else {
			primary = crashes.isEmpty() ? null : crashes.get(0);
		}
		if (!kind.equals("gctrace")) {
			softly.assertThat(primary).as("a %s finding", kind).isNotNull();
		}
		if (primary != null) {
			softly.assertThat(primary.kind().id()).as("kind").isEqualTo(kind);
			boolean mapRelated = kind.equals("data_race") ? races.stream().anyMatch(Finding::mapRelated)
					: primary.mapRelated();
			softly.assertThat(mapRelated).as("is_map_related").isEqualTo(label.get("is_map_related").asBoolean());
			if (label.get("truncated") == null || label.get("truncated").isNull()) {
				softly.assertThat(primary.truncation().incomplete())
					.as("complete output is not flagged incomplete")
					.isFalse();
			}
			Frame culprit = primary.culpritFrame();
			JsonNode top = label.get("top_user_frame");
			softly.assertThat((culprit != null) ? culprit.function() : null)
				.as("top_user_frame")
				.isEqualTo(top.isNull() ? null : top.asString());
			JsonNode location = label.get("top_user_frame_file_line");
			softly.assertThat((culprit != null) ? culprit.location() : null)
				.as("top_user_frame_file_line")
				.isEqualTo(location.isNull() ? null : location.asString());
		}
		int goroutines = crashes.stream().mapToInt(Finding::goroutineCount).sum();
		softly.assertThat(goroutines).as("goroutines").isEqualTo(label.get("goroutines").asInt());
		JsonNode raceReports = label.get("race_reports");
		if (raceReports != null && !raceReports.isNull()) {
			softly.assertThat(races).as("race_reports").hasSize(raceReports.asInt());
		}
		JsonNode foundLine = label.get("found_races_line");
		if (foundLine != null && !foundLine.isNull()) {
			softly.assertThat(races)
				.as("found_races_line")
				.allSatisfy((race) -> assertThat(race.race().foundRaces()).isEqualTo(foundLine.asInt()));
		}
		checkGc(softly, label, gcs);
		checkSecondaryKinds(softly, label, findings, primary);
		softly.assertAll();
	}

	private static void checkGc(SoftAssertions softly, JsonNode label, List<Finding> gcs) {
		JsonNode gcLines = label.get("gc_lines");
		if (gcLines != null && !gcLines.isNull()) {
			softly.assertThat(gcs.stream().filter((f) -> f.gc() != null).count())
				.as("gc_lines")
				.isEqualTo(gcLines.asLong());
		}
		JsonNode scavLines = label.get("scav_lines");
		if (scavLines != null && !scavLines.isNull()) {
			softly.assertThat(gcs.stream().filter((f) -> f.scavenge() != null).count())
				.as("scav_lines")
				.isEqualTo(scavLines.asLong());
		}
		JsonNode first = label.get("gc_first");
		if (first == null || first.isNull()) {
			return;
		}
		GcCycle gc = gcs.stream().filter((f) -> f.gc() != null).findFirst().map(Finding::gc).orElse(null);
		softly.assertThat(gc).as("first gc line").isNotNull();
		if (gc == null) {
			return;
		}
		softly.assertThat(gc.number()).as("gc_number").isEqualTo(first.get("gc_number").asLong());
		softly.assertThat(gc.atSeconds())
			.as("seconds_since_start")
			.isEqualTo(first.get("seconds_since_start").asDouble());
		softly.assertThat(gc.cpuPercent()).as("cpu_percent").isEqualTo(first.get("cpu_percent").asInt());
		JsonNode clock = first.get("clock_ms");
		softly.assertThat(gc.clockSweepTerminationMs()).isEqualTo(clock.get("stw_sweep_termination").asDouble());
		softly.assertThat(gc.clockMarkMs()).isEqualTo(clock.get("concurrent_mark_scan").asDouble());
		softly.assertThat(gc.clockMarkTerminationMs()).isEqualTo(clock.get("stw_mark_termination").asDouble());
		softly.assertThat(gc.heapBeforeMb()).as("heap_before_mb").isEqualTo(first.get("heap_before_mb").asLong());
		softly.assertThat(gc.heapAfterMb()).as("heap_after_mb").isEqualTo(first.get("heap_after_mb").asLong());
		softly.assertThat(gc.heapLiveMb()).as("heap_live_mb").isEqualTo(first.get("heap_live_mb").asLong());
		softly.assertThat(gc.goalMb()).as("goal_mb").isEqualTo(first.get("goal_mb").asLong());
		softly.assertThat(gc.stacksMb()).as("stacks_mb").isEqualTo(nullableLong(first.get("stacks_mb")));
		softly.assertThat(gc.globalsMb()).as("globals_mb").isEqualTo(nullableLong(first.get("globals_mb")));
		softly.assertThat(gc.procs()).as("procs").isEqualTo(first.get("procs").asInt());
		softly.assertThat(gc.forced()).as("forced").isEqualTo(first.get("forced").asBoolean());
	}

	private static Long nullableLong(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asLong();
	}

	private static void checkSecondaryKinds(SoftAssertions softly, JsonNode label, List<Finding> findings,
			Finding primary) {
		Set<String> expected = new TreeSet<>();
		JsonNode secondary = label.get("secondary_kinds");
		if (secondary != null && !secondary.isNull()) {
			secondary.forEach((k) -> expected.add(k.asString()));
		}
		Set<String> actual = new TreeSet<>();
		for (Finding finding : findings) {
			if (!finding.kind().id().equals(label.get("kind").asString())) {
				actual.add(finding.kind().id());
			}
		}
		softly.assertThat(actual).as("secondary_kinds").isEqualTo(expected);
	}

	static List<String> describe(List<Finding> findings) {
		List<String> out = new ArrayList<>();
		for (Finding f : findings) {
			out.add(f.type() + " " + f.kind() + " line " + f.line() + " " + f.message());
		}
		return out;
	}

}
