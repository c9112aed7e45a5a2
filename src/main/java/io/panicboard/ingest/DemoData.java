package io.panicboard.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.DeployRecorder;
import io.panicboard.incident.IncidentBackfill;
import io.panicboard.incident.NewDeploy;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.incident.RecordedOccurrence;
import io.panicboard.ingest.DemoPlan.Action;
import io.panicboard.ingest.DemoPlan.Crash;
import io.panicboard.ingest.DemoPlan.PodRun;
import io.panicboard.ingest.DemoPlan.Release;
import io.panicboard.ingest.DemoPlan.Service;
import io.panicboard.memory.GcCycleRecorder;
import io.panicboard.memory.NewGcCycle;
import io.panicboard.slo.SloBackfill;
import io.panicboard.system.TimePartitions;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the {@link DemoPlan} into an empty database through the same write path as
 * ingestion: every trace is analysed by the engine and stored by the
 * {@link OccurrenceRecorder} (incidents, hourly rollups, versions, instances, first-seen
 * and regression timeline entries), deploys by the {@link DeployRecorder}, gctrace lines
 * by the {@link GcCycleRecorder}, and responders' actions by the
 * {@link IncidentBackfill}, each at its time in the past. The scheduled rollups recompute
 * only their last minutes, so the GC minutes and the SLO minutes and hours of the 14 days
 * are rolled up here.
 * <p>
 * Replicas starting together seed once: each takes a transaction-scoped PostgreSQL
 * advisory lock and checks that the database is still empty under it. The 14 days reach
 * further back than the partitions the maintenance jobs create (the current ones and
 * those ahead), so the missing monthly {@code occurrence} and daily {@code gc_cycle}
 * partitions are created first, under the same names; the jobs drop them after their
 * retention like any other.
 */
@Component
class DemoData {

	/** The advisory lock of demo seeding (an arbitrary constant: "pbdemo" in ASCII). */
	static final long LOCK = 0x706264656d6fL;

	private static final int BATCH = 500;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final TraceAnalyzer analyzer;

	private final OccurrenceRecorder occurrences;

	private final DeployRecorder deploys;

	private final GcCycleRecorder gcCycles;

	private final IncidentBackfill backfill;

	private final SloBackfill sloBackfill;

	private final Clock clock;

	private final DemoTraces traces = new DemoTraces();

	DemoData(PlatformTransactionManager transactionManager, JdbcTemplate jdbc, TraceAnalyzer analyzer,
			OccurrenceRecorder occurrences, DeployRecorder deploys, GcCycleRecorder gcCycles, IncidentBackfill backfill,
			SloBackfill sloBackfill, Clock clock) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.analyzer = analyzer;
		this.occurrences = occurrences;
		this.deploys = deploys;
		this.gcCycles = gcCycles;
		this.backfill = backfill;
		this.sloBackfill = sloBackfill;
		this.clock = clock;
	}

	/**
	 * Seeds the demo data unless the database already holds incidents or occurrences.
	 * @return what was done
	 */
	Seeding seedIfEmpty() {
		long started = System.nanoTime();
		Instant now = this.clock.instant();
		// Partitions first, in a short transaction of their own: creating a partition
		// locks its parent table until commit.
		Boolean empty = this.transactions.execute((status) -> {
			lock();
			if (!this.backfill.empty()) {
				return false;
			}
			createPartitions(DemoPlan.start(now), now);
			return true;
		});
		if (!Boolean.TRUE.equals(empty)) {
			return Seeding.skipped();
		}
		Seeding seeding = this.transactions.execute((status) -> {
			lock();
			return this.backfill.empty() ? seed(DemoPlan.of(now)) : Seeding.skipped();
		});
		return (seeding != null) ? seeding.took(Duration.ofNanos(System.nanoTime() - started)) : Seeding.skipped();
	}

	private void lock() {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LOCK);
	}

	private void createPartitions(Instant from, Instant now) {
		int days = (int) Duration.between(from, now).toDays() + 1;
		Period months = Period.between(from.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1),
				now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1));
		new TimePartitions(this.jdbc, "occurrence", TimePartitions.Period.MONTH).createAhead(from,
				(int) months.toTotalMonths());
		new TimePartitions(this.jdbc, "gc_cycle", TimePartitions.Period.DAY).createAhead(from, days);
	}

	private Seeding seed(DemoPlan plan) {
		Map<String, TraceAnalyzer> analyzers = new HashMap<>();
		for (Service service : plan.services()) {
			this.backfill.describeService(service.name(), service.team(), service.sourceLinkTemplate(),
					List.of(service.module()));
			analyzers.put(service.name(), this.analyzer.withInAppRules(new InAppRules(List.of(service.module()))));
		}
		for (Release release : plan.deploys()) {
			this.deploys.record(new NewDeploy(release.service(), release.environment(), release.version(), release.at(),
					release.url()));
		}
		Random random = new Random(plan.start().toEpochMilli());
		Map<String, Long> incidents = new HashMap<>();
		List<NewOccurrence> pending = new ArrayList<>();
		List<Crash> pendingCrashes = new ArrayList<>();
		List<Action> actions = plan.actions();
		int nextAction = 0;
		for (Crash crash : plan.crashes()) {
			while (nextAction < actions.size() && !actions.get(nextAction).at().isAfter(crash.at())) {
				record(pending, pendingCrashes, incidents);
				act(actions.get(nextAction++), incidents);
			}
			Instant received = crash.at().plusMillis(300 + random.nextInt(2700));
			String text = this.traces.occurrence(crash.trace(), crash.at(), crash.version(), random);
			pending.add(new NewOccurrence(crash.service(), crash.environment(), crash.version(), crash.instance(), null,
					crash.at(), received, finding(analyzers.get(crash.service()), crash.trace(), text)));
			pendingCrashes.add(crash);
			if (pending.size() == BATCH) {
				record(pending, pendingCrashes, incidents);
			}
		}
		record(pending, pendingCrashes, incidents);
		while (nextAction < actions.size()) {
			act(actions.get(nextAction++), incidents);
		}
		int cycles = 0;
		for (PodRun run : plan.gcRuns()) {
			cycles += recordGc(run, random);
		}
		// the scheduled rollups recompute only their last minutes: the pages' per-minute
		// rows of the two weeks before are rolled up here, the GC minutes first since the
		// SLOs' instance minutes read them
		Instant now = this.clock.instant();
		this.gcCycles.rollUpReceivedBetween(plan.start(), now);
		this.sloBackfill.rollUpReceivedBetween(plan.start(), now);
		return new Seeding(true, plan.services().size(), incidents.size(), plan.crashes().size(), plan.deploys().size(),
				cycles, Duration.ZERO);
	}

	private Finding finding(TraceAnalyzer analyzer, String trace, String text) {
		List<Finding> found = analyzer.analyze(text)
			.stream()
			.filter((finding) -> finding.crash() || finding.type() == FindingType.RACE)
			.toList();
		if (found.size() != 1 || found.get(0).kind() != DemoPlan.TRACES.get(trace)) {
			throw new IllegalStateException("Demo trace " + trace + " is not one " + DemoPlan.TRACES.get(trace));
		}
		return found.get(0);
	}

	private void record(List<NewOccurrence> pending, List<Crash> crashes, Map<String, Long> incidents) {
		if (pending.isEmpty()) {
			return;
		}
		List<RecordedOccurrence> recorded = this.occurrences.record(pending);
		for (int i = 0; i < recorded.size(); i++) {
			Crash crash = crashes.get(i);
			incidents.put(key(crash.environment(), crash.trace()), recorded.get(i).incidentId());
		}
		pending.clear();
		crashes.clear();
	}

	private void act(Action action, Map<String, Long> incidents) {
		Long id = incidents.get(key(action.environment(), action.trace()));
		if (id == null) {
			throw new IllegalStateException("Demo action before the first crash of " + action.trace());
		}
		switch (action.type()) {
			case ACKNOWLEDGE -> this.backfill.acknowledge(id, action.actor(), action.at());
			case ASSIGN -> this.backfill.assign(id, action.actor(), action.value(), action.at());
			case NOTE -> this.backfill.note(id, action.actor(), action.value(), action.at());
			case RESOLVE -> this.backfill.resolve(id, action.actor(), action.value(), action.at());
			case MUTE -> this.backfill.mute(id, action.actor(), action.until(), action.at());
		}
	}

	private int recordGc(PodRun run, Random random) {
		List<DemoGcLines.Line> lines = DemoGcLines.of(run, random);
		StringBuilder text = new StringBuilder();
		lines.forEach((line) -> text.append(line.text()).append('\n'));
		List<Finding> found = this.analyzer.analyze(text.toString())
			.stream()
			.filter((finding) -> finding.gc() != null)
			.toList();
		if (found.size() != lines.size()) {
			throw new IllegalStateException("Demo gctrace lines of " + run.instance() + " do not all parse");
		}
		List<NewGcCycle> cycles = new ArrayList<>(found.size());
		for (int i = 0; i < found.size(); i++) {
			cycles.add(new NewGcCycle(run.service(), run.environment(), run.instance(), lines.get(i).at(),
					found.get(i).gc()));
		}
		this.gcCycles.record(cycles);
		return cycles.size();
	}

	private static String key(String environment, String trace) {
		return environment + " " + trace;
	}

	/**
	 * What a seeding run did.
	 *
	 * @param seeded whether it seeded (otherwise the database was not empty)
	 * @param services services described
	 * @param incidents incidents opened
	 * @param occurrences occurrences recorded
	 * @param deploys deploy markers recorded
	 * @param gcCycles gc cycles recorded
	 * @param took how long it took
	 */
	record Seeding(boolean seeded, int services, int incidents, int occurrences, int deploys, int gcCycles,
			Duration took) {

		static Seeding skipped() {
			return new Seeding(false, 0, 0, 0, 0, 0, Duration.ZERO);
		}

		Seeding took(Duration duration) {
			return new Seeding(this.seeded, this.services, this.incidents, this.occurrences, this.deploys,
					this.gcCycles, duration);
		}

	}

}
