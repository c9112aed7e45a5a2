package io.panicboard.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint groups one bug however a build, a run or a Go version prints it, and
 * keeps different bugs apart.
 */
class FingerprintTests {

	private static final String HASH = "[0-9a-f]{32}";

	private final TraceAnalyzer analyzer = new TraceAnalyzer();

	@Test
	void explainsTheGroupingByKindAndCallSite() {
		Finding crash = crash(new GoTrace().render());
		assertThat(crash.kind()).isEqualTo(Kind.NIL_MAP_WRITE);
		assertThat(crash.fingerprint().hash()).matches(HASH);
		assertThat(crash.fingerprint().components()).containsExactly("kind:nil_map_write",
				"frame:github.com/acme/x/store.(*Index).Add", "frame:github.com/acme/x/api.(*Server).record",
				"frame:github.com/acme/x/api.(*Server).handle");
	}

	@Test
	void groupsCrashesThatDifferOnlyInRunToRunDetails() {
		Map<String, String> variants = new LinkedHashMap<>();
		variants.put("baseline", new GoTrace().render());
		variants.put("shifted lines", new GoTrace().lineShift(17).render());
		variants.put("lines moved up", new GoTrace().lineShift(-30).render());
		variants.put("other goroutine id", new GoTrace().goroutineId(48213).render());
		variants.put("other addresses and offsets", new GoTrace().seed(99).render());
		variants.put("aggregate arguments", new GoTrace().args(GoTrace.Args.AGGREGATE).seed(5).render());
		variants.put("elided arguments", new GoTrace().args(GoTrace.Args.ELIDED).render());
		variants.put("other goroutines", new GoTrace().otherGoroutines(6).seed(3).render());
		variants.put("other goroutines in another order", new GoTrace().otherGoroutines(6).seed(4).render());
		variants.put("many other goroutines", new GoTrace().otherGoroutines(40).render());
		assertOneFingerprint(variants);
	}

	@Test
	void groupsCrashesBuiltFromDifferentPaths() {
		Map<String, String> variants = new LinkedHashMap<>();
		for (GoTrace.Paths paths : GoTrace.Paths.values()) {
			variants.put(paths.name(), new GoTrace().paths(paths).otherGoroutines(3).render());
		}
		assertOneFingerprint(variants);
	}

	@Test
	void groupsCrashesPrintedByDifferentGoVersions() {
		Map<String, String> variants = new LinkedHashMap<>();
		for (GoTrace.Version version : GoTrace.Version.values()) {
			for (boolean system : new boolean[] { false, true }) {
				variants.put(version + (system ? " system" : ""),
						new GoTrace().version(version).system(system).otherGoroutines(2).render());
			}
		}
		variants.put("go1.22 trimpath elided args",
				new GoTrace().version(GoTrace.Version.GO122)
					.paths(GoTrace.Paths.TRIMPATH)
					.args(GoTrace.Args.ELIDED)
					.render());
		variants.put("go1.19 module cache system",
				new GoTrace().version(GoTrace.Version.GO119)
					.paths(GoTrace.Paths.MODULE_CACHE)
					.system(true)
					.lineShift(3)
					.goroutineId(1234)
					.render());
		assertOneFingerprint(variants);
	}

	@Test
	void versionSpecificLinesAreParsedAsSuch() {
		Finding go122 = crash(new GoTrace().version(GoTrace.Version.GO122).system(true).render());
		assertThat(go122.crashingGoroutine().id()).isEqualTo(7);
		assertThat(go122.crashingGoroutine().createdByGoroutine()).isEqualTo(1L);
		assertThat(go122.crashingGoroutine().frames()).extracting(Frame::function)
			.contains("github.com/acme/x/api.(*Server).Serve.gowrap1", "runtime.goexit");
		Finding go119 = crash(new GoTrace().version(GoTrace.Version.GO119).render());
		assertThat(go119.crashingGoroutine().createdByGoroutine()).isNull();
		assertThat(go119.crashingGoroutine().createdBy().function()).isEqualTo("github.com/acme/x/api.(*Server).Serve");
	}

	@Test
	void separatesDifferentCallSites() {
		Finding add = crash(new GoTrace().render());
		Finding remove = crash(new GoTrace().top("github.com/acme/x/store.(*Index).Remove").render());
		Finding otherPackage = crash(new GoTrace().top("github.com/acme/x/cache.(*Index).Add").render());
		Finding function = crash(new GoTrace().top("github.com/acme/x/store.Add").render());
		assertThat(List.of(add, remove, otherPackage, function)).extracting((f) -> f.fingerprint().hash())
			.doesNotHaveDuplicates();
		assertThat(remove.fingerprint().components()).contains("frame:github.com/acme/x/store.(*Index).Remove");
	}

	@Test
	void separatesDifferentKindsAtTheSameCallSite() {
		Finding nilMap = crash(new GoTrace().render());
		Finding writes = crash(new GoTrace().header("fatal error: concurrent map writes").render());
		Finding readWrite = crash(new GoTrace().header("fatal error: concurrent map read and map write").render());
		Finding nilPointer = crash(
				new GoTrace().header("panic: runtime error: invalid memory address or nil pointer dereference")
					.render());
		Finding index = crash(
				new GoTrace().header("panic: runtime error: index out of range [5] with length 3").render());
		List<Finding> all = List.of(nilMap, writes, readWrite, nilPointer, index);
		assertThat(all).extracting(Finding::kind)
			.containsExactly(Kind.NIL_MAP_WRITE, Kind.CONCURRENT_MAP_WRITES, Kind.CONCURRENT_MAP_READ_WRITE,
					Kind.NIL_POINTER_DEREFERENCE, Kind.INDEX_OUT_OF_RANGE);
		assertThat(all).extracting((f) -> f.fingerprint().hash()).doesNotHaveDuplicates();
		assertThat(all).extracting((f) -> f.fingerprint().components().subList(1, 4))
			.containsOnly(nilMap.fingerprint().components().subList(1, 4));
	}

	@Test
	void indexOutOfRangeWithOtherIndicesIsOneBug() {
		Finding five = crash(
				new GoTrace().header("panic: runtime error: index out of range [5] with length 3").render());
		Finding nine = crash(
				new GoTrace().header("panic: runtime error: index out of range [9] with length 8").seed(8).render());
		assertThat(five.fingerprint()).isEqualTo(nine.fingerprint());
	}

	@Test
	void groupsTheCorpusNilMapSamplesOfEveryVersionAndTracebackLevel() {
		List<String> files = List.of("generated/nilmap-basic.txt", "generated/nilmap-basic-go1.21.txt",
				"generated/nilmap-basic-go1.22.txt", "generated/nilmap-basic-go1.23.txt",
				"generated/nilmap-basic-traceback-system.txt", "generated/nilmap-basic-traceback-system-go1.21.txt",
				"generated/nilmap-basic-traceback-system-go1.22.txt",
				"generated/nilmap-basic-traceback-system-go1.23.txt");
		List<Finding> crashes = corpusCrashes(files);
		assertThat(crashes).extracting(Finding::fingerprint).containsOnly(crashes.get(0).fingerprint());
		assertThat(crashes.get(0).fingerprint().components()).containsExactly("kind:nil_map_write", "frame:main.main");
		// the system level shows runtime frames and more goroutines, which must not
		// matter
		assertThat(crashes.get(4).goroutineCount()).isGreaterThan(crashes.get(0).goroutineCount());
		assertThat(crashes.get(4).crashingGoroutine().frames()).extracting(Frame::function)
			.contains("runtime.mapassign_faststr");
	}

	@Test
	void groupsTheCorpusConcurrentMapSamplesOfEveryVersion() {
		for (String base : List.of("concurrent-map-writes", "concurrent-map-read-write",
				"concurrent-map-iteration-write")) {
			List<String> files = new ArrayList<>();
			for (String suffix : List.of("", "-go1.21", "-go1.22", "-go1.23")) {
				files.add("generated/" + base + suffix + ".txt");
			}
			List<Finding> crashes = corpusCrashes(files);
			assertThat(crashes).as(base).extracting(Finding::fingerprint).containsOnly(crashes.get(0).fingerprint());
		}
		List<Finding> writes = corpusCrashes(
				List.of("generated/concurrent-map-writes.txt", "generated/concurrent-map-writes-traceback-all.txt"));
		assertThat(writes.get(1).fingerprint()).isEqualTo(writes.get(0).fingerprint());
		assertThat(writes.get(0).fingerprint().components()).containsExactly("kind:concurrent_map_writes",
				"frame:main.touch", "frame:main.main.func1");
		List<Finding> clones = corpusCrashes(List.of("generated/concurrent-map-clone-go1.21.txt",
				"generated/concurrent-map-clone-go1.22.txt", "generated/concurrent-map-clone-go1.23.txt"));
		assertThat(clones).extracting(Finding::fingerprint).containsOnly(clones.get(0).fingerprint());
	}

	@Test
	void separatesCorpusSamplesOfDifferentBugs() {
		List<Finding> crashes = corpusCrashes(
				List.of("generated/concurrent-map-writes.txt", "generated/concurrent-map-writes-int.txt",
						"generated/concurrent-map-read-write.txt", "generated/concurrent-map-read-write-ok.txt",
						"generated/nilmap-basic.txt", "generated/nil-pointer.txt"));
		assertThat(crashes).extracting((f) -> f.fingerprint().hash()).doesNotHaveDuplicates();
	}

	@Test
	void groupsARaceWhoseAccessesArePrintedInTheOtherOrder() {
		String original = text("generated/race-struct-field.txt");
		String write = section(original, "Write at ");
		String read = section(original, "Previous read at ");
		String swapped = original.replace(write + read, read + write);
		assertThat(swapped).isNotEqualTo(original);
		String relabelled = original.replace(write + read,
				read.replace("Previous read at", "Read at") + write.replace("Write at", "Previous write at"));
		Finding race = race(original);
		assertThat(race.fingerprint().hash()).matches(HASH);
		assertThat(race.fingerprint().components()).containsExactly("kind:data_race",
				"access:read:main.(*Conn).IsClosed|main.main", "access:write:main.(*Conn).Close|main.main.func1");
		assertThat(race(swapped).fingerprint()).isEqualTo(race.fingerprint());
		assertThat(race(relabelled).fingerprint()).isEqualTo(race.fingerprint());
		assertThat(race(relabelled).race().accesses()).extracting(RaceAccess::operation)
			.containsExactly("read", "write");
	}

	@Test
	void groupsARaceAcrossRunsButNotAcrossDifferentRaces() {
		String original = text("generated/race-struct-field.txt");
		String otherRun = original.replace("0x00c0000ae000", "0x00c00001c0a8")
			.replace("goroutine 7", "goroutine 23")
			.replace("Goroutine 7", "Goroutine 23")
			.replace("main.go:13 +0x75", "main.go:19 +0x44")
			.replace("/home/gopher/crashlab/", "/build/");
		assertThat(race(otherRun).fingerprint()).isEqualTo(race(original).fingerprint());
		String otherWriter = original.replace("main.(*Conn).Close()", "main.(*Conn).Reset()");
		assertThat(race(otherWriter).fingerprint()).isNotEqualTo(race(original).fingerprint());
		assertThat(race(text("generated/race-int.txt")).fingerprint())
			.isNotEqualTo(race(text("generated/race-map-writes.txt")).fingerprint());
	}

	@Test
	void groupsAProgramBuiltFromTheModuleCacheWithItsSourceBuild() {
		String template = """
				panic: assignment to entry in nil map

				goroutine 1 [running]:
				github.com/lib/cache.(*LRU).Put(...)
					%1$s/github.com/lib/cache@v0.4.0/lru.go:40
				main.store(...)
					%2$s/main.go:21
				main.main()
					%2$s/main.go:30 +0x56
				""";
		Finding fromSource = crash(template.formatted("/root/go/pkg/mod", "/home/dev/src/acme/x/cmd/x"));
		Finding installed = crash(
				template.formatted("/root/go/pkg/mod", "/root/go/pkg/mod/github.com/acme/x@v1.2.3/cmd/x"));
		assertThat(installed.topInAppFrame().function()).isEqualTo("main.store");
		assertThat(installed.fingerprint()).isEqualTo(fromSource.fingerprint());
		assertThat(installed.fingerprint().components()).containsExactly("kind:nil_map_write", "frame:main.store",
				"frame:main.main");
	}

	private static void assertOneFingerprint(Map<String, String> variants) {
		TraceAnalyzer analyzer = new TraceAnalyzer();
		Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
		variants.forEach((name, trace) -> {
			List<Finding> findings = analyzer.analyze(trace);
			assertThat(findings).as(name).hasSize(1);
			fingerprints.put(name, findings.get(0).fingerprint());
		});
		Fingerprint first = fingerprints.values().iterator().next();
		assertThat(fingerprints).allSatisfy((name, fingerprint) -> assertThat(fingerprint).as(name).isEqualTo(first));
	}

	private Finding crash(String trace) {
		List<Finding> findings = this.analyzer.analyze(trace);
		assertThat(findings).as(trace).hasSize(1);
		assertThat(findings.get(0).crash()).isTrue();
		return findings.get(0);
	}

	private Finding race(String trace) {
		List<Finding> races = this.analyzer.analyze(trace)
			.stream()
			.filter((f) -> f.type() == FindingType.RACE)
			.toList();
		assertThat(races).hasSize(1);
		return races.get(0);
	}

	private List<Finding> corpusCrashes(List<String> files) {
		List<Finding> crashes = new ArrayList<>();
		for (String file : files) {
			List<Finding> found = this.analyzer.analyze(Corpus.bytes(file)).stream().filter(Finding::crash).toList();
			assertThat(found).as(file).isNotEmpty();
			crashes.add(found.get(0));
		}
		return crashes;
	}

	private static String text(String file) {
		return new String(Corpus.bytes(file), StandardCharsets.UTF_8);
	}

	/** The access section that starts with the given words, up to its blank line. */
	private static String section(String report, String start) {
		int from = report.indexOf(start);
		int to = report.indexOf("\n\n", from) + 2;
		return report.substring(from, to);
	}

}
