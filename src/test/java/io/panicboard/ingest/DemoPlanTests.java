package io.panicboard.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.GcCycle;
import io.panicboard.analysis.Kind;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.ingest.DemoPlan.Action;
import io.panicboard.ingest.DemoPlan.ActionType;
import io.panicboard.ingest.DemoPlan.Crash;
import io.panicboard.ingest.DemoPlan.PodRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPlanTests {

	private static final Instant NOW = Instant.parse("2026-11-21T22:07:00Z");

	private final DemoPlan plan = DemoPlan.of(NOW);

	@Test
	void coversFourServicesInProductionAndStagingOverTheLastFourteenDays() {
		assertThat(this.plan.services()).extracting(DemoPlan.Service::name)
			.containsExactly("orders", "payments", "search", "gateway");
		assertThat(this.plan.crashes()).extracting(Crash::environment)
			.containsOnly(DemoPlan.PRODUCTION, DemoPlan.STAGING);
		assertThat(this.plan.crashes()).allSatisfy((crash) -> {
			assertThat(crash.at()).isBetween(NOW.minus(Duration.ofDays(14)), NOW);
			assertThat(crash.instance()).startsWith(crash.service() + "-");
		});
		assertThat(this.plan.crashes()).hasSizeBetween(1_500, 4_000);
		assertThat(this.plan.deploys()).hasSizeGreaterThanOrEqualTo(12)
			.allSatisfy((deploy) -> assertThat(deploy.at()).isBetween(NOW.minus(Duration.ofDays(14)), NOW));
		Set<Kind> kinds = this.plan.crashes()
			.stream()
			.map((crash) -> DemoPlan.TRACES.get(crash.trace()))
			.collect(Collectors.toSet());
		assertThat(kinds).containsAll(DemoPlan.TRACES.values());
	}

	@Test
	void isTheSameForTheSameNow() {
		assertThat(DemoPlan.of(NOW).crashes()).isEqualTo(this.plan.crashes());
		assertThat(DemoPlan.of(NOW).gcRuns()).isEqualTo(this.plan.gcRuns());
	}

	@Test
	void everyActionFollowsTheFirstCrashOfItsIncident() {
		for (Action action : this.plan.actions()) {
			assertThat(this.plan.crashes()).anyMatch((crash) -> crash.trace().equals(action.trace())
					&& crash.environment().equals(action.environment()) && crash.at().isBefore(action.at()));
		}
		assertThat(this.plan.actions()).extracting(Action::type).containsAll(List.of(ActionType.values()));
	}

	@Test
	void resolvedIncidentsStayQuietExceptTheRegression() {
		for (Action resolve : this.plan.actions().stream().filter((a) -> a.type() == ActionType.RESOLVE).toList()) {
			List<Crash> after = this.plan.crashes()
				.stream()
				.filter((crash) -> crash.trace().equals(resolve.trace()) && crash.at().isAfter(resolve.at()))
				.toList();
			if (resolve.trace().equals("orders/concurrent-map-writes")) {
				assertThat(after).isNotEmpty().allSatisfy((crash) -> assertThat(crash.version()).isEqualTo("v2.4.0"));
			}
			else {
				assertThat(after).as(resolve.trace()).isEmpty();
			}
		}
	}

	@Test
	void thePaymentsDeploySpikesAndTheRollbackEndsIt() {
		List<Crash> refunds = this.plan.crashes()
			.stream()
			.filter((crash) -> crash.trace().equals("payments/nil-map-write"))
			.toList();
		assertThat(refunds).hasSizeGreaterThan(400)
			.allSatisfy((crash) -> assertThat(crash.version()).isEqualTo("v1.42.0"));
		Duration spread = Duration.between(refunds.get(0).at(), refunds.get(refunds.size() - 1).at());
		assertThat(spread).isLessThan(Duration.ofHours(1));
	}

	@Test
	void leakingSearchPodsDieOutOfMemoryWhereTheirHeapPeaks() {
		List<Crash> ooms = this.plan.crashes()
			.stream()
			.filter((crash) -> crash.trace().equals("search/out-of-memory"))
			.toList();
		assertThat(ooms).hasSizeBetween(8, 20);
		TraceAnalyzer analyzer = new TraceAnalyzer();
		Random random = new Random(3);
		Set<String> leaking = new HashSet<>();
		for (PodRun run : this.plan.gcRuns()) {
			List<DemoGcLines.Line> lines = DemoGcLines.of(run, random);
			List<GcCycle> cycles = analyzer
				.analyze(String.join("\n", lines.stream().map(DemoGcLines.Line::text).toList()))
				.stream()
				.map(Finding::gc)
				.toList();
			assertThat(cycles).hasSize(lines.size());
			long peakGoal = cycles.stream().mapToLong(GcCycle::goalMb).max().orElse(0);
			if (run.profile().leakMbPerHour() > 0 && run.end().isBefore(NOW)) {
				leaking.add(run.instance());
				assertThat(peakGoal).isGreaterThan(1_700);
				assertThat(ooms).anyMatch((oom) -> oom.instance().equals(run.instance()) && oom.at().equals(run.end()));
			}
			else if (run.profile().leakMbPerHour() == 0) {
				assertThat(peakGoal).isLessThan(2L * run.profile().liveMb() * 13 / 10);
			}
		}
		assertThat(leaking).hasSize(2);
	}

}
