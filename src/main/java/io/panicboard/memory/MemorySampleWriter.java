package io.panicboard.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.panicboard.memory.PauseRing.Derived;
import io.panicboard.memory.PauseRing.Pause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static java.time.ZoneOffset.UTC;

/**
 * Stores a memory sample and the pauses since the instance's previous sample, and moves
 * the instance's expvar row of {@code latest_memory} forward to it. A transaction-scoped
 * advisory lock per instance serializes concurrent samples of one instance, so the second
 * reads the first's row and no pause is derived twice; a sample that takes the lock after
 * one received later is stored without pauses. The stored pauses are observed in
 * {@code panicboard_gc_pause_seconds} once the transaction commits, except those of an
 * instance that also sends gctrace lines, whose cycles the lines' pauses were observed
 * for: a pause that ended before, or at most {@link #GCTRACE_COVERS} after, the
 * instance's newest gctrace line was received is left out of the histogram (it is stored
 * all the same).
 */
@Repository
class MemorySampleWriter implements MemorySampleRecorder {

	private static final Log logger = LogFactory.getLog(MemorySampleWriter.class);

	/** Pauses ending further back than this before receipt are not stored. */
	static final Duration MAX_PAUSE_AGE = Duration.ofDays(1);

	/**
	 * Pauses ending further ahead than this after receipt (clock skew) are not stored.
	 */
	static final Duration MAX_PAUSE_SKEW = Duration.ofHours(1);

	/**
	 * How long after an instance's newest gctrace line was received its expvar pauses are
	 * left out of {@code panicboard_gc_pause_seconds}: both sources report the same
	 * cycles, and the lines' were observed. The runtime forces a GC cycle 2 minutes after
	 * the last, so an instance that sends gctrace lines has sent one within this before
	 * each of its pauses ended; not with {@code GOGC=off}, where only the memory limit
	 * starts cycles and an idle process runs none.
	 */
	static final Duration GCTRACE_COVERS = Duration.ofMinutes(3);

	private final JdbcTemplate jdbc;

	private final GcPauseMetrics metrics;

	MemorySampleWriter(JdbcTemplate jdbc, GcPauseMetrics metrics) {
		this.jdbc = jdbc;
		this.metrics = metrics;
	}

	@Override
	@Transactional
	public RecordedMemorySample record(NewMemorySample sample) {
		this.jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('memory_sample'), hashtext(?))", Object.class,
				sample.service() + '/' + sample.environment() + '/' + sample.instance());
		Previous previous = previous(sample);
		// a sample stored after one received later (held up before the lock) is older
		// than
		// its previous sample: the later one derived its cycles
		Derived derived = (previous != null && previous.receivedAt().isAfter(sample.receivedAt()))
				? new Derived(List.of(), 0, false)
				: PauseRing.derive((previous != null) ? previous.numGc() : null,
						(previous != null) ? previous.lastPauseEnd() : null, sample.numGc(), sample.pauseNs(),
						sample.pauseEnd());
		insertSample(sample);
		List<Object[]> rows = new ArrayList<>(derived.pauses().size());
		List<Double> observed = new ArrayList<>(derived.pauses().size());
		Instant oldest = sample.receivedAt().minus(MAX_PAUSE_AGE);
		Instant newest = sample.receivedAt().plus(MAX_PAUSE_SKEW);
		Instant gctrace = derived.pauses().isEmpty() ? null : newestGctraceLine(sample);
		for (Pause pause : derived.pauses()) {
			Instant endedAt = Instant.ofEpochSecond(0, pause.endedAtUnixNanos());
			if (!endedAt.isBefore(oldest) && !endedAt.isAfter(newest)) {
				rows.add(new Object[] { sample.service(), sample.environment(), sample.instance(), pause.number(),
						endedAt.atOffset(UTC), pause.nanos() / 1e9, sample.receivedAt().atOffset(UTC) });
				if (gctrace == null || endedAt.isAfter(gctrace.plus(GCTRACE_COVERS))) {
					observed.add(pause.nanos() / 1e9);
				}
			}
		}
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate("""
					INSERT INTO gc_pause (service, environment, instance, number, ended_at, pause_seconds, received_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
		}
		if (!observed.isEmpty()) {
			this.metrics.observeAfterCommit(sample.service(), sample.environment(),
					observed.stream().mapToDouble(Double::doubleValue).toArray());
		}
		long lost = derived.lost() + (derived.pauses().size() - rows.size());
		if (lost > 0 && logger.isDebugEnabled()) {
			logger.debug(sample.service() + "/" + sample.instance() + ": " + lost + " GC pauses not recoverable");
		}
		return new RecordedMemorySample(rows.size(), lost, derived.restarted());
	}

	/**
	 * When the instance's newest gctrace line was received, or {@code null} when it has
	 * sent none (its row of {@code latest_memory} is kept 30 days).
	 */
	private Instant newestGctraceLine(NewMemorySample sample) {
		List<OffsetDateTime> received = this.jdbc.queryForList("""
				SELECT received_at FROM latest_memory
				WHERE service = ? AND environment = ? AND instance = ? AND source = 'gctrace'""", OffsetDateTime.class,
				sample.service(), sample.environment(), sample.instance());
		return received.isEmpty() ? null : received.get(0).toInstant();
	}

	private Previous previous(NewMemorySample sample) {
		List<Previous> previous = this.jdbc.query("""
				SELECT received_at, num_gc, last_pause_end_ns FROM memory_sample
				WHERE service = ? AND environment = ? AND instance = ?
				ORDER BY received_at DESC LIMIT 1""",
				(rs, n) -> new Previous(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2),
						rs.getObject(3, Long.class)),
				sample.service(), sample.environment(), sample.instance());
		return previous.isEmpty() ? null : previous.get(0);
	}

	/**
	 * The instance's previous sample.
	 *
	 * @param receivedAt when it was received
	 * @param numGc its {@code NumGC}
	 * @param lastPauseEnd the end of its newest pause, {@code null} when unknown
	 */
	private record Previous(Instant receivedAt, long numGc, Long lastPauseEnd) {
	}

	private void insertSample(NewMemorySample sample) {
		this.jdbc.update(
				"""
						INSERT INTO memory_sample (service, environment, instance, received_at, heap_alloc_bytes,
							heap_inuse_bytes, heap_sys_bytes, next_gc_bytes, num_gc, pause_total_ns, gc_cpu_fraction, goroutines,
							last_pause_end_ns)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				sample.service(), sample.environment(), sample.instance(), sample.receivedAt().atOffset(UTC),
				sample.heapAlloc(), sample.heapInuse(), sample.heapSys(), sample.nextGc(), sample.numGc(),
				sample.pauseTotalNs(), sample.gcCpuFraction(), sample.goroutines(),
				PauseRing.lastEnd(sample.numGc(), sample.pauseEnd()));
		this.jdbc.update("""
				INSERT INTO latest_memory AS m (service, environment, instance, source, received_at, number, live_bytes,
					goal_bytes, goroutines)
				VALUES (?, ?, ?, 'expvar', ?, ?, ?, ?, ?)
				ON CONFLICT (service, environment, instance, source) DO UPDATE SET received_at = excluded.received_at,
					number = excluded.number, live_bytes = excluded.live_bytes, goal_bytes = excluded.goal_bytes,
					goroutines = excluded.goroutines
				WHERE (excluded.received_at, excluded.number) > (m.received_at, m.number)""", sample.service(),
				sample.environment(), sample.instance(), sample.receivedAt().atOffset(UTC), sample.numGc(),
				(double) sample.heapAlloc(), (double) sample.nextGc(), sample.goroutines());
	}

}
