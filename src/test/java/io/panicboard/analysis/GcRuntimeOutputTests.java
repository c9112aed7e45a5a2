package io.panicboard.analysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard error of real Go 1.19, 1.21, 1.22 and 1.23 programs run with
 * {@code GODEBUG=gctrace=1}, {@code scavtrace=1} and {@code gcpacertrace=1} (files under
 * {@code src/test/resources/memory/go-runtime}, see its README).
 */
class GcRuntimeOutputTests {

	private static final Pattern GC = Pattern.compile("gc (\\d+) @(\\d+\\.\\d{3})s (\\d+)%: "
			+ "([\\d.]+)\\+([\\d.]+)\\+([\\d.]+) ms clock, ([\\d.]+)\\+([\\d.]+)/([\\d.]+)/([\\d.]+)\\+([\\d.]+) ms cpu, "
			+ "(\\d+)->(\\d+)->(\\d+) MB, (\\d+) MB goal, (\\d+) MB stacks, (\\d+) MB globals, (\\d+) P( \\(forced\\))?");

	private static final Pattern SCAV_1_19 = Pattern
		.compile("scav (\\d+) KiB work, (\\d+) KiB total, (\\d+)% util( \\(forced\\))?");

	private static final Pattern SCAV_1_21 = Pattern.compile(
			"scav (\\d+) KiB work \\(bg\\), (\\d+) KiB work \\(eager\\), (\\d+) KiB now, (\\d+)% util( \\(forced\\))?");

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	static List<String> files() {
		List<String> files = new ArrayList<>();
		for (String version : new String[] { "go1.19", "go1.21", "go1.22", "go1.23" }) {
			for (String program : new String[] { "churn", "forced", "goroutines", "memlimit" }) {
				files.add(version + "/" + program + ".stderr");
				files.add(version + "/" + program + "-scav.stderr");
			}
			files.add(version + "/churn-pacer.stderr");
			files.add(version + "/memlimit-pacer.stderr");
			files.add(version + "/serve.stderr");
		}
		files.add("go1.19/idle.stderr");
		files.add("go1.23/idle.stderr");
		files.add("go1.19/idle-gogc-off.stderr");
		files.add("go1.23/idle-gogc-off.stderr");
		return files;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	void parsesEveryGcLineIntoItsFields(String file) {
		String text = text(file);
		List<Finding> findings = this.analyzer.analyze(text);
		List<GcCycle> cycles = findings.stream().map(Finding::gc).filter((gc) -> gc != null).toList();
		List<String> lines = text.lines().toList();
		List<Matcher> expected = lines.stream().map(GC::matcher).filter(Matcher::matches).toList();
		assertThat(findings).allSatisfy((finding) -> assertThat(finding.crash()).isFalse());
		assertThat(cycles).hasSize(expected.size());
		for (int i = 0; i < cycles.size(); i++) {
			GcCycle cycle = cycles.get(i);
			Matcher m = expected.get(i);
			assertThat(cycle.number()).isEqualTo(Long.parseLong(m.group(1)));
			assertThat(cycle.atSeconds()).isEqualTo(Double.parseDouble(m.group(2)));
			assertThat(cycle.cpuPercent()).isEqualTo(Integer.parseInt(m.group(3)));
			assertThat(cycle.clockSweepTerminationMs()).isEqualTo(Double.parseDouble(m.group(4)));
			assertThat(cycle.clockMarkMs()).isEqualTo(Double.parseDouble(m.group(5)));
			assertThat(cycle.clockMarkTerminationMs()).isEqualTo(Double.parseDouble(m.group(6)));
			assertThat(cycle.cpuSweepTerminationMs()).isEqualTo(Double.parseDouble(m.group(7)));
			assertThat(cycle.cpuAssistMs()).isEqualTo(Double.parseDouble(m.group(8)));
			assertThat(cycle.cpuBackgroundMs()).isEqualTo(Double.parseDouble(m.group(9)));
			assertThat(cycle.cpuIdleMs()).isEqualTo(Double.parseDouble(m.group(10)));
			assertThat(cycle.cpuMarkTerminationMs()).isEqualTo(Double.parseDouble(m.group(11)));
			assertThat(cycle.heapBeforeMb()).isEqualTo(Long.parseLong(m.group(12)));
			assertThat(cycle.heapAfterMb()).isEqualTo(Long.parseLong(m.group(13)));
			assertThat(cycle.heapLiveMb()).isEqualTo(Long.parseLong(m.group(14)));
			assertThat(cycle.goalMb()).isEqualTo(Long.parseLong(m.group(15)));
			assertThat(cycle.stacksMb()).isEqualTo(Long.parseLong(m.group(16)));
			assertThat(cycle.globalsMb()).isEqualTo(Long.parseLong(m.group(17)));
			assertThat(cycle.procs()).isEqualTo(Integer.parseInt(m.group(18)));
			assertThat(cycle.forced()).isEqualTo(m.group(19) != null);
		}
		List<Scavenge> scavenges = findings.stream().map(Finding::scavenge).filter((s) -> s != null).toList();
		List<String> scav = lines.stream().filter((line) -> line.startsWith("scav ")).toList();
		assertThat(scavenges).hasSize(scav.size());
		for (int i = 0; i < scav.size(); i++) {
			assertScavenge(scavenges.get(i), scav.get(i), file.startsWith("go1.19/"));
		}
		assertThat(findings).hasSize(cycles.size() + scav.size());
		assertThat(findings).allSatisfy((finding) -> assertThat(finding.kind()).isEqualTo(Kind.GCTRACE));
	}

	@Test
	void findsEveryLineOfAllFilesInOneStreamPastTheReadWindow() {
		StringBuilder all = new StringBuilder();
		for (String file : files()) {
			all.append(text(file));
		}
		assertThat(all.length()).isGreaterThan(1 << 20);
		List<String> lines = all.toString().lines().toList();
		List<Finding> findings = new ArrayList<>();
		this.analyzer.analyze(new ByteArrayInputStream(all.toString().getBytes(StandardCharsets.UTF_8)), findings::add);
		assertThat(findings.stream().filter((f) -> f.gc() != null).map((f) -> lines.get((int) f.line() - 1)))
			.containsExactlyElementsOf(lines.stream().filter((line) -> GC.matcher(line).matches()).toList());
		assertThat(findings.stream().filter((f) -> f.scavenge() != null).map((f) -> lines.get((int) f.line() - 1)))
			.containsExactlyElementsOf(lines.stream().filter((line) -> line.startsWith("scav ")).toList());
	}

	private static void assertScavenge(Scavenge scavenge, String line, boolean go119) {
		Matcher m = (go119 ? SCAV_1_19 : SCAV_1_21).matcher(line);
		assertThat(m.matches()).as(line).isTrue();
		if (go119) {
			assertThat(scavenge).isEqualTo(new Scavenge(Long.parseLong(m.group(1)), null, null,
					Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)), m.group(4) != null, false, null, null));
		}
		else {
			assertThat(scavenge).isEqualTo(new Scavenge(null, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
					Long.parseLong(m.group(3)), Integer.parseInt(m.group(4)), m.group(5) != null, false, null, null));
		}
	}

	private static String text(String file) {
		try (InputStream in = GcRuntimeOutputTests.class.getResourceAsStream("/memory/go-runtime/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
