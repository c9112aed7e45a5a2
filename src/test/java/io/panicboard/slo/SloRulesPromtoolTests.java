package io.panicboard.slo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One synthetic scenario evaluated twice: panicboard's own burn-rate conditions, minute
 * by minute, and {@code promtool test rules} running the generated Prometheus rules over
 * the metrics panicboard would export at each minute. The test cases expect, at every
 * minute, exactly the alerts panicboard's evaluation fires, so promtool passes only if
 * both fire at the same points.
 */
class SloRulesPromtoolTests {

	private static final String PROMTOOL = System.getProperty("promtool.binary", "/usr/bin/promtool");

	private static final Instant START = Instant.parse("2026-11-12T00:00:00Z");

	/** Eight hours: long enough for the 6 h windows to forget the crashes. */
	private static final int MINUTES = 8 * 60;

	@TempDir
	Path dir;

	@Test
	void prometheusFiresWherePanicboardFires() throws Exception {
		assumePromtool("promtool test rules");
		Slo slo = SloMathTests.crashBudget(10).withId(1, START, START, "test");
		// crashes per minute: one alone at 20 (the guard holds), three at 60, two at 200
		long[] crashes = new long[MINUTES + 1];
		crashes[20] = 1;
		crashes[60] = 3;
		crashes[200] = 2;
		assertThat(firingMinutes(slo, crashes, List.of(""))).as("the scenario fires at some minutes and not at others")
			.isBetween(10, MINUTES - 10);
	}

	@Test
	void prometheusFiresWherePanicboardFiresWhenABurnRateEqualsA28DayFactor() throws Exception {
		assumePromtool("promtool test rules");
		// 20 crashes per 28 days: two crashes in 3 days burn at 2 × 672 h / (20 × 72 h)
		// = 28/30, exactly the 3 d factor (10 % of the budget in 3 days); equal is not
		// above, so neither panicboard nor Prometheus opens the ticket
		Slo slo = new Slo(null, "crashes", null, "shop", "production", Indicator.CRASH_BUDGET, List.of("nil_map_write"),
				20, null, null, null, null, SloWindow.rolling(28), BudgetingMethod.OCCURRENCES, null, null, null)
			.withId(1, START, START, "test");
		long[] crashes = new long[MINUTES + 1];
		crashes[20] = 2;
		SloStatus status = SloEvaluator.status(slo, START.plusSeconds(60 * 100),
				slo.window().budgetRange(START.plusSeconds(60 * 100)), counted(slo, crashes, 100), 2);
		assertThat(status.burnRates().get(BurnWindow.D3)).isEqualTo(28.0 / 30);
		assertThat(status.conditions().get(3).firing()).isFalse();
		assertThat(firingMinutes(slo, crashes, List.of(""))).as("the 1 h and 6 h pages fire after the crashes")
			.isBetween(10, MINUTES - 10);
	}

	@Test
	void prometheusFiresOnceWhereTwoReplicasExportTheSameSlo() throws Exception {
		assumePromtool("promtool test rules");
		// every replica exports the SLO's gauges, labelled by Prometheus with its
		// instance
		Slo slo = SloMathTests.crashBudget(10).withId(1, START, START, "test");
		long[] crashes = new long[MINUTES + 1];
		crashes[60] = 3;
		assertThat(firingMinutes(slo, crashes, List.of("replica-1:8080", "replica-2:8080")))
			.as("one alert per condition, with panicboard's labels, not one per replica")
			.isBetween(10, MINUTES - 10);
	}

	/**
	 * Prometheus computing the burn rates itself, the way Sloth and Pyrra do, from the
	 * counters panicboard exports ({@code panicboard_crashes_ingested_total} and the
	 * {@code panicboard_gc_pause_seconds} histogram) scraped every minute at the whole
	 * minute, each sample holding what was received before it: Prometheus 2's
	 * {@code increase(…[1h])} at a whole minute reads 61 samples spanning the hour
	 * exactly, so it needs no extrapolation and counts the minutes {@code [t − 1h, t)},
	 * the minutes panicboard's rollups count. The two then agree on every burn rate (see
	 * docs/slos.md for where they do not).
	 */
	@Test
	void prometheusComputesPanicboardsBurnRatesFromItsCounters() throws Exception {
		assumePromtool("promtool test rules");
		String version = promtool("--version");
		assumeTrue(version.contains("version 2."),
				() -> "promtool test rules of increase() skipped: Prometheus 3 reads a range without its first "
						+ "instant and extrapolates 59 minutes of samples to the hour; "
						+ version.lines().findFirst().orElse(""));
		int minutes = 3 * 60;
		long[] crashes = new long[minutes + 1];
		long[] others = new long[minutes + 1];
		long[] cycles = new long[minutes + 1];
		long[] slow = new long[minutes + 1];
		crashes[20] = 1;
		crashes[60] = 3;
		crashes[61] = 2;
		crashes[150] = 4;
		for (int m = 0; m <= minutes; m++) {
			others[m] = m % 7;
			cycles[m] = 40 + m % 5;
			slow[m] = (m >= 90 && m < 100) ? 6 : m % 3;
		}
		Slo crashBudget = SloMathTests.crashBudget(10);
		Slo gcPause = new Slo(null, "gc", null, "shop", "production", Indicator.GC_PAUSE, List.of(), null, 0.01, null,
				null, 0.99, SloWindow.rolling(30), BudgetingMethod.OCCURRENCES, null, null, null);
		String shop = "service=\"shop\",environment=\"production\"";
		List<Map<String, Object>> inputSeries = List.of(
				counter("panicboard_crashes_ingested_total{" + shop + ",kind=\"nil_map_write\"}", crashes),
				counter("panicboard_crashes_ingested_total{" + shop + ",kind=\"other\"}", others),
				counter("panicboard_gc_pause_seconds_count{" + shop + "}", cycles),
				counter("panicboard_gc_pause_seconds_bucket{" + shop + ",le=\"0.01\"}", minus(cycles, slow)));
		double crashShare = 10 * 3600.0 / (30 * 86400.0);
		String crashRate = "sum(increase(panicboard_crashes_ingested_total{" + shop
				+ ",kind=~\"nil_map_write\"}[%s])) / (10 * %d / 2592000)";
		String gcRate = "(sum(increase(panicboard_gc_pause_seconds_count{" + shop + "}[1h])) - sum(increase("
				+ "panicboard_gc_pause_seconds_bucket{" + shop + ",le=\"0.01\"}[1h]))) / (0.01 * sum(increase("
				+ "panicboard_gc_pause_seconds_count{" + shop + "}[1h])))";
		List<Map<String, Object>> cases = new ArrayList<>();
		for (int minute : new int[] { 5, 21, 25, 30, 61, 62, 66, 80, 95, 121, 151, 180 }) {
			Events crashHour = new Events(sum(crashes, minute, 60), 0);
			Events crashFive = new Events(sum(crashes, minute, 5), 0);
			Events gcHour = new Events(sum(slow, minute, 60), sum(cycles, minute, 60));
			double panicboardHour = ErrorBudget.burnRate(crashBudget, crashHour, 3600, 30 * 86400);
			double panicboardFive = ErrorBudget.burnRate(crashBudget, crashFive, 300, 30 * 86400);
			double panicboardGc = ErrorBudget.burnRate(gcPause, gcHour, 3600, 30 * 86400);
			// what the PromQL computes from exact deltas, in the same floating-point
			// steps
			assertThat(crashHour.bad() / (10 * 3600 / 2592000.0)).isCloseTo(panicboardHour, within(1e-9));
			assertThat(crashHour.bad() / crashShare).isCloseTo(panicboardHour, within(1e-9));
			double promGc = (gcHour.total() - (gcHour.total() - gcHour.bad())) / (0.01 * gcHour.total());
			assertThat(promGc).isCloseTo(panicboardGc, within(1e-9));
			cases.add(exprCase(minute, crashRate.formatted("1h", 3600), crashHour.bad() / (10 * 3600 / 2592000.0)));
			cases.add(exprCase(minute, crashRate.formatted("5m", 300), crashFive.bad() / (10 * 300 / 2592000.0)));
			cases.add(exprCase(minute, gcRate, promGc));
			assertThat(panicboardFive).isCloseTo(crashFive.bad() / (10 * 300 / 2592000.0), within(1e-9));
		}
		Map<String, Object> test = new LinkedHashMap<>();
		test.put("rule_files", List.of());
		test.put("evaluation_interval", "1m");
		test.put("tests", List.of(Map.of("interval", "1m", "input_series", inputSeries, "promql_expr_test", cases)));
		Path tests = this.dir.resolve("slo-counter-tests.yml");
		Files.writeString(tests, SloYaml.write(test));
		assertThat(promtool(tests)).contains("SUCCESS");
	}

	/** A counter scraped at every minute: what was received before it. */
	private static Map<String, Object> counter(String series, long[] perMinute) {
		StringBuilder values = new StringBuilder();
		long total = 0;
		for (int m = 0; m < perMinute.length; m++) {
			values.append(total).append(' ');
			total += perMinute[m];
		}
		return Map.of("series", series, "values", values.toString().strip());
	}

	private static long[] minus(long[] a, long[] b) {
		long[] difference = new long[a.length];
		for (int i = 0; i < a.length; i++) {
			difference[i] = a[i] - b[i];
		}
		return difference;
	}

	private static Map<String, Object> exprCase(int minute, String expr, double value) {
		return Map.of("expr", expr, "eval_time", minute + "m", "exp_samples",
				List.of(Map.of("labels", "{}", "value", value)));
	}

	/**
	 * Runs {@code promtool test rules} on the SLO's rules over the gauges panicboard
	 * exports minute by minute for the crashes, from each of the replicas (an empty name:
	 * series without {@code job} and {@code instance}), expecting at every minute exactly
	 * the alerts of panicboard's own evaluation.
	 * @return the minutes at which panicboard fires
	 */
	private int firingMinutes(Slo slo, long[] crashes, List<String> replicas) throws Exception {
		Map<String, StringBuilder> series = new LinkedHashMap<>();
		List<Map<String, Object>> cases = new ArrayList<>();
		int firingMinutes = 0;
		for (int minute = 0; minute <= MINUTES; minute++) {
			Instant at = START.plusSeconds(60L * minute);
			SloStatus status = SloEvaluator.status(slo, at, slo.window().budgetRange(at), counted(slo, crashes, minute),
					2);
			for (String replica : replicas) {
				String target = replica.isEmpty() ? "" : ",job=\"panicboard\",instance=\"" + replica + "\"";
				for (BurnWindow window : BurnWindow.values()) {
					String labels = "{slo=\"" + slo.name() + "\",window=\"" + window.id() + "\"" + target + "}";
					append(series, "panicboard_slo_burn_rate" + labels,
							Double.toString(status.burnRates().get(window)));
					append(series, "panicboard_slo_bad_events" + labels,
							Long.toString(status.windowEvents().get(window).bad()));
				}
			}
			List<Map<String, Object>> expected = new ArrayList<>();
			for (BurnRateSignal signal : SloSignals.signals(status, 2)) {
				if (signal.firing()) {
					Map<String, Object> labels = new LinkedHashMap<>(signal.labels());
					labels.put("window", signal.longWindow());
					expected.add(Map.of("exp_labels", labels, "exp_annotations", annotations(slo, signal)));
				}
			}
			firingMinutes += expected.isEmpty() ? 0 : 1;
			cases.add(Map.of("eval_time", minute + "m", "alertname", SloRules.ALERT, "exp_alerts", expected));
		}
		Path rules = this.dir.resolve("slo-rules.yml");
		Files.writeString(rules, SloRules.yaml(SloRules.groups(List.of(slo), 2, START)));
		List<Map<String, Object>> inputSeries = series.entrySet()
			.stream()
			.map((e) -> Map.<String, Object>of("series", e.getKey(), "values", e.getValue().toString().strip()))
			.toList();
		Map<String, Object> test = new LinkedHashMap<>();
		test.put("rule_files", List.of(rules.getFileName().toString()));
		test.put("evaluation_interval", "1m");
		test.put("tests", List.of(Map.of("interval", "1m", "input_series", inputSeries, "alert_rule_test", cases)));
		Path tests = this.dir.resolve("slo-tests.yml");
		Files.writeString(tests, SloYaml.write(test));
		String output = promtool(tests);
		assertThat(output).contains("SUCCESS");
		return firingMinutes;
	}

	/** The budget's events, then each burn-rate window's, at a minute of the scenario. */
	private static List<Events> counted(Slo slo, long[] crashes, int minute) {
		List<Events> counted = new ArrayList<>();
		counted.add(new Events(sum(crashes, minute, (int) slo.window().length(START).toMinutes()), 0));
		for (BurnWindow window : BurnWindow.values()) {
			counted.add(new Events(sum(crashes, minute, (int) window.length().toMinutes()), 0));
		}
		return counted;
	}

	private static void assumePromtool(String what) {
		assumeTrue(Files.isExecutable(Path.of(PROMTOOL)), () -> what + " skipped: " + PROMTOOL
				+ " is not installed; install Debian's prometheus package, as .ci/run does");
	}

	private static Map<String, String> annotations(Slo slo, BurnRateSignal signal) {
		Map<String, Object> rule = SloRules.groups(List.of(slo), 2, START)
			.get(0)
			.rules()
			.stream()
			.filter((r) -> r.alert() != null && r.labels().get("long_window").equals(signal.longWindow()))
			.findFirst()
			.orElseThrow()
			.toMap();
		@SuppressWarnings("unchecked")
		Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
		return annotations;
	}

	/** Crashes in the minutes {@code [minute − length, minute)}. */
	private static long sum(long[] crashes, int minute, int length) {
		long sum = 0;
		for (int m = Math.max(0, minute - length); m < minute; m++) {
			sum += crashes[m];
		}
		return sum;
	}

	private static void append(Map<String, StringBuilder> series, String name, String value) {
		series.computeIfAbsent(name, (k) -> new StringBuilder()).append(value).append(' ');
	}

	@Test
	void theRulesOfSeveralSlosPassPromtoolsChecksAndLint() throws Exception {
		assumePromtool("promtool check rules");
		Slo crashes = SloMathTests.crashBudget(10).withId(1, START, START, "test");
		Slo other = new Slo(null, "crashes-of-payments", null, "payments", "production", Indicator.CRASH_BUDGET,
				List.of("nil_map_write"), 10, null, null, null, null, SloWindow.rolling(28),
				BudgetingMethod.OCCURRENCES, null, null, null)
			.withId(2, START, START, "test");
		// a second SLO of the same service and environment: its alerts differ only by slo
		Slo sameService = new Slo(null, "shop-crash-free", null, "shop", "production", Indicator.CRASH_FREE_TIME,
				List.of("nil_map_write"), null, null, null, null, 0.999, SloWindow.rolling(30),
				BudgetingMethod.TIMESLICES, null, null, null)
			.withId(3, START, START, "test");
		Path rules = this.dir.resolve("slo-rules.yml");
		String yaml = SloRules.yaml(SloRules.groups(List.of(crashes, other, sameService), 2, START));
		Files.writeString(rules, yaml);
		assertThat(yaml).doesNotContain("0000000");
		assertThat(yaml).contains("> 13.44\n").contains("> 0.9333333333333333\n");
		promtool("check", "rules", "--lint=all", "--lint-fatal", rules.getFileName().toString());
	}

	private String promtool(Path tests) throws IOException, InterruptedException {
		return promtool("test", "rules", tests.getFileName().toString());
	}

	private String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(PROMTOOL));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output.lines().limit(60).collect(Collectors.joining("\n"))).isZero();
		return output;
	}

}
