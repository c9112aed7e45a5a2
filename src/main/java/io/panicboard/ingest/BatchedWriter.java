package io.panicboard.ingest;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.incident.NewOccurrence;
import io.panicboard.incident.OccurrenceRecorder;
import io.panicboard.incident.RecordedOccurrence;
import io.panicboard.memory.GcCycleRecorder;
import io.panicboard.memory.NewGcCycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Commits ingested events in batches (group commit). Request threads put their items on a
 * bounded queue and wait; writer threads (a second one joins while half a batch or more
 * is waiting) take whatever is queued (up to {@link IngestProperties#maxBatchItems()}),
 * store it in one transaction and only then complete each request with its
 * {@link IngestOutcome}. Inside the transaction:
 * <ol>
 * <li>log stream tails are claimed and replaced (see {@link TailUpdate});</li>
 * <li>event ids go into {@code ingested_event} with {@code ON CONFLICT DO NOTHING}; the
 * rows the database returns are the accepted events, every other copy is a duplicate,
 * whether it came in the same batch, an earlier one or through another replica;</li>
 * <li>the crash and race findings of accepted events go to the
 * {@link OccurrenceRecorder}, the gctrace lines to the {@link GcCycleRecorder}, both in
 * the same transaction.</li>
 * </ol>
 * A batch that loses a race (a deadlock, or an incident merged while it was grouping into
 * it) is repeated, up to three times. A full queue, a database failure or a batch that
 * does not commit within {@link IngestProperties#writeTimeout()} answers 503 with
 * {@code Retry-After}; once a batch found the database unavailable, new requests are
 * answered 503 at once until it is back (see {@link DatabaseCircuit}). A batch that fails
 * for another reason — among them data PostgreSQL refuses, such as a key too large for
 * its index — is retried request by request, so that one bad request does not fail the
 * others; the bad one fails alone (500) and the circuit stays closed. On shutdown the
 * writer takes no new requests and commits everything queued before it stops.
 */
@Component
class BatchedWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(BatchedWriter.class);

	private static final long POLL_MILLIS = 100;

	private static final int MAX_ATTEMPTS = 3;

	/**
	 * SQLSTATE classes of a statement that fails for its data, whenever it is repeated.
	 */
	private static final Set<String> DATA_ERROR_CLASSES = Set.of("22", "54");

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final OccurrenceRecorder occurrences;

	private final GcCycleRecorder gcCycles;

	private final IngestProperties properties;

	private final Clock clock;

	private final IngestMetrics metrics;

	private final DatabaseCircuit circuit;

	private final BlockingQueue<Pending> queue;

	private final List<Thread> writers = new CopyOnWriteArrayList<>();

	/** Items (events, log streams) waiting in the queue. */
	private final AtomicInteger queuedItems = new AtomicInteger();

	/** Queued items from which writers beyond the first take batches too. */
	private final int helpThreshold;

	private volatile boolean accepting;

	private volatile boolean running;

	BatchedWriter(PlatformTransactionManager transactionManager, JdbcClient jdbc, OccurrenceRecorder occurrences,
			GcCycleRecorder gcCycles, IngestProperties properties, ObjectProvider<Clock> clock, IngestMetrics metrics,
			DatabaseCircuit circuit) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.occurrences = occurrences;
		this.gcCycles = gcCycles;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.metrics = metrics;
		this.circuit = circuit;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.helpThreshold = Math.max(1, properties.maxBatchItems() / 2);
		metrics.watchQueue(this.queue::size);
	}

	/**
	 * Stores events and waits until they are committed.
	 * @param items the events
	 * @return what was stored
	 * @throws ErrorResponseException 503 when the queue is full, the database fails or
	 * the commit takes too long
	 */
	IngestOutcome write(List<IngestItem> items) {
		return write(items, List.of());
	}

	/**
	 * Stores the findings of log streams with their tail changes and waits until they are
	 * committed.
	 * @param items findings to store unconditionally
	 * @param tails tail changes, each with the findings that depend on its claim
	 * @return what was stored
	 */
	IngestOutcome write(List<IngestItem> items, List<TailUpdate> tails) {
		this.circuit.check();
		Pending pending = new Pending(List.copyOf(items), List.copyOf(tails), new CompletableFuture<>());
		int queued = this.queuedItems.addAndGet(pending.size());
		if (!this.accepting || !this.queue.offer(pending)) {
			this.queuedItems.addAndGet(-pending.size());
			throw IngestProblems.unavailable("queue-full", "Write queue full",
					"panicboard is taking in more than it can store right now; nothing of this request was stored. "
							+ "Retry later.",
					this.properties.retryAfter(), null);
		}
		if (queued >= this.helpThreshold) {
			for (int i = 1; i < this.writers.size(); i++) {
				LockSupport.unpark(this.writers.get(i));
			}
		}
		try {
			return pending.result().get(this.properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw notConfirmed(ex);
		}
		catch (TimeoutException ex) {
			throw notConfirmed(ex);
		}
		catch (ExecutionException ex) {
			throw failure(ex.getCause());
		}
	}

	/**
	 * Requests waiting for the writer.
	 * @return the queue length
	 */
	int queued() {
		return this.queue.size();
	}

	private RuntimeException notConfirmed(Exception ex) {
		return notConfirmed("The write was not confirmed in time and may or may not be stored; retry with the same "
				+ "eventId to store it exactly once.", ex);
	}

	private RuntimeException notConfirmed(String detail, Throwable cause) {
		return IngestProblems.unavailable("write-timeout", "Write not confirmed", detail, this.properties.retryAfter(),
				cause);
	}

	private RuntimeException failure(Throwable cause) {
		if (cause instanceof CommitNotConfirmed) {
			return notConfirmed("The database failed while committing the write, which may or may not be stored; "
					+ "retry with the same eventId to store it exactly once.", cause);
		}
		if (databaseUnavailable(cause)) {
			return IngestProblems.unavailable("database-unavailable", "Database unavailable",
					"The database is not available; nothing of this request was stored. Retry later.",
					this.properties.retryAfter(), cause);
		}
		return (cause instanceof RuntimeException runtime) ? runtime : new IllegalStateException(cause);
	}

	/**
	 * Whether a failure means the database cannot be used right now, rather than a fault
	 * of the statement or the data. PostgreSQL's data exceptions (SQLSTATE class 22) and
	 * program limits (class 54, e.g. a key too large for its index) are faults of the
	 * data, although Spring translates class 54 into a resource failure.
	 * @param ex the failure
	 * @return {@code true} when a retry may succeed
	 */
	static boolean databaseUnavailable(Throwable ex) {
		if (dataError(ex)) {
			return false;
		}
		if (ex instanceof TransactionException) {
			return true;
		}
		return ex instanceof DataAccessException && !(ex instanceof DataIntegrityViolationException)
				&& !(ex instanceof BadSqlGrammarException) && !(ex instanceof InvalidDataAccessApiUsageException);
	}

	private static boolean dataError(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String state = (cause instanceof SQLException sql) ? sql.getSQLState() : null;
			if (state != null && state.length() >= 2 && DATA_ERROR_CLASSES.contains(state.substring(0, 2))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void start() {
		this.accepting = true;
		this.running = true;
		for (int i = 0; i < this.properties.writerThreads(); i++) {
			boolean first = (i == 0);
			Thread thread = new Thread(() -> drain(first), "ingest-writer-" + i);
			thread.setDaemon(true);
			this.writers.add(thread);
			thread.start();
		}
	}

	/**
	 * Stops taking requests, commits what is queued and waits for the writer threads.
	 */
	@Override
	public void stop() {
		this.accepting = false;
		this.running = false;
		for (Thread writer : this.writers) {
			try {
				writer.join(this.properties.writeTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		this.writers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server: requests in flight still get their answers.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	/**
	 * Commits batches until stopped. The first writer takes whatever is queued; the
	 * others only while at least half a full batch is waiting, i.e. when one writer
	 * cannot keep up. A second writer overlaps with the first (see
	 * {@code IncidentGrouper}), but with only a few requests queued it would split them
	 * into two smaller transactions, each with its fixed cost.
	 */
	private void drain(boolean first) {
		while (this.running || !this.queue.isEmpty()) {
			if (!first && this.running && this.queuedItems.get() < this.helpThreshold) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
				continue;
			}
			try {
				List<Pending> batch = nextBatch();
				if (!batch.isEmpty()) {
					commit(batch);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Ingest writer failed", ex);
			}
		}
	}

	private List<Pending> nextBatch() throws InterruptedException {
		List<Pending> batch = new ArrayList<>();
		Pending first = this.queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
		if (first == null) {
			return batch;
		}
		this.queuedItems.addAndGet(-first.size());
		batch.add(first);
		int items = first.size();
		long lingerNanos = this.properties.batchLinger().toNanos();
		long deadline = System.nanoTime() + lingerNanos;
		while (items < this.properties.maxBatchItems()) {
			Pending next = this.queue.peek();
			if (next != null && items + next.size() > this.properties.maxBatchItems()) {
				break;
			}
			long wait = deadline - System.nanoTime();
			next = (wait > 0) ? this.queue.poll(wait, TimeUnit.NANOSECONDS) : this.queue.poll();
			if (next == null) {
				break;
			}
			this.queuedItems.addAndGet(-next.size());
			batch.add(next);
			items += next.size();
		}
		return batch;
	}

	private void commit(List<Pending> batch) {
		try {
			Stored stored = store(batch, 1);
			// counted only once committed: a metric never shows what was not stored
			this.metrics.stored(stored.occurrences(), stored.recorded());
			batch.forEach((pending) -> pending.result().complete(stored.outcomes().get(pending)));
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1 && !databaseUnavailable(ex)) {
				logger.warn("Batch of " + batch.size() + " requests failed, retrying them one by one", ex);
				batch.forEach((pending) -> commit(List.of(pending)));
			}
			else {
				this.circuit.failed(ex);
				batch.forEach((pending) -> pending.result().completeExceptionally(ex));
			}
		}
	}

	/**
	 * Stores a batch in one transaction, repeating it when it lost a race that leaves
	 * nothing behind: a deadlock, or a merge of an incident it was grouping into.
	 */
	private Stored store(List<Pending> batch, int attempt) {
		AtomicBoolean committing = new AtomicBoolean();
		try {
			return this.transactions.execute((status) -> {
				Stored stored = store(batch);
				// anything still pending goes out now: what fails after this is the
				// commit
				status.flush();
				committing.set(true);
				return stored;
			});
		}
		catch (RuntimeException ex) {
			if (committing.get()) {
				throw new CommitNotConfirmed(ex);
			}
			if (!(ex instanceof ConcurrencyFailureException) || attempt >= MAX_ATTEMPTS) {
				throw ex;
			}
			logger.debug("Batch lost a race (attempt " + attempt + "), repeating it", ex);
			return store(batch, attempt + 1);
		}
	}

	private Stored store(List<Pending> batch) {
		Instant now = this.clock.instant();
		Set<TailUpdate> lostClaims = applyTails(batch, now);
		Map<Pending, List<IngestItem>> itemsByRequest = new LinkedHashMap<>();
		for (Pending pending : batch) {
			List<IngestItem> items = new ArrayList<>(pending.items());
			pending.tails()
				.stream()
				.filter((tail) -> !lostClaims.contains(tail))
				.forEach((tail) -> items.addAll(tail.claimedItems()));
			itemsByRequest.put(pending, items);
		}
		Set<EventKey> inserted = insertEventIds(itemsByRequest.values(), now);
		Set<EventKey> taken = new HashSet<>();
		Map<Pending, Counts> counts = new LinkedHashMap<>();
		List<NewOccurrence> newOccurrences = new ArrayList<>();
		List<Pending> occurrenceOwners = new ArrayList<>();
		List<NewGcCycle> newCycles = new ArrayList<>();
		for (Map.Entry<Pending, List<IngestItem>> entry : itemsByRequest.entrySet()) {
			Counts count = new Counts();
			counts.put(entry.getKey(), count);
			for (IngestItem item : entry.getValue()) {
				if (item.eventId() != null) {
					EventKey key = new EventKey(item.service(), item.eventId());
					if (!inserted.contains(key) || !taken.add(key)) {
						count.duplicates++;
						continue;
					}
				}
				count.accepted++;
				count.findings += item.findings().size();
				for (Finding finding : item.findings()) {
					if (finding.crash() || finding.type() == FindingType.RACE) {
						newOccurrences.add(new NewOccurrence(item.service(), item.environment(), item.version(),
								item.instance(), item.eventId(), item.occurredAt(), now, finding));
						occurrenceOwners.add(entry.getKey());
					}
					else if (finding.gc() != null) {
						newCycles.add(
								new NewGcCycle(item.service(), item.environment(), item.instance(), now, finding.gc()));
					}
				}
			}
		}
		List<RecordedOccurrence> recorded = List.of();
		if (!newOccurrences.isEmpty()) {
			recorded = this.occurrences.record(newOccurrences);
			for (int i = 0; i < recorded.size(); i++) {
				counts.get(occurrenceOwners.get(i)).occurrences.add(recorded.get(i));
			}
		}
		if (!newCycles.isEmpty()) {
			this.gcCycles.record(newCycles);
		}
		Map<Pending, IngestOutcome> outcomes = new LinkedHashMap<>();
		counts.forEach((pending, count) -> outcomes.put(pending,
				new IngestOutcome(count.accepted, count.duplicates, count.findings, count.occurrences)));
		return new Stored(outcomes, newOccurrences, recorded);
	}

	/**
	 * Claims and replaces the stream tails of the batch, in key order.
	 * @return the updates whose claim failed: their tail was consumed by someone else
	 */
	private Set<TailUpdate> applyTails(List<Pending> batch, Instant now) {
		List<TailUpdate> updates = batch.stream()
			.flatMap((pending) -> pending.tails().stream())
			.sorted(Comparator.comparing(TailUpdate::key, StreamKey.ORDER))
			.toList();
		Set<TailUpdate> lost = Collections.newSetFromMap(new IdentityHashMap<>());
		for (TailUpdate update : updates) {
			StreamKey key = update.key();
			if (update.claimed() != null) {
				int deleted = this.jdbc
					.sql("DELETE FROM stream_tail WHERE service = ? AND environment = ? AND instance = ? "
							+ "AND stream = ? AND generation = ?")
					.params(key.service(), key.environment(), key.instance(), key.stream(), update.claimed())
					.update();
				if (deleted == 0) {
					lost.add(update);
				}
			}
			if (update.newTail() != null) {
				this.jdbc.sql("""
						INSERT INTO stream_tail (service, environment, instance, stream, version, text, generation,
						                         updated_at)
						VALUES (?, ?, ?, ?, ?, ?, gen_random_uuid(), ?)
						ON CONFLICT (service, environment, instance, stream) DO UPDATE
						SET version = EXCLUDED.version, text = EXCLUDED.text, generation = EXCLUDED.generation,
						    updated_at = EXCLUDED.updated_at""")
					.params(key.service(), key.environment(), key.instance(), key.stream(), update.version(),
							update.newTail(), Timestamp.from(now))
					.update();
			}
		}
		return lost;
	}

	private Set<EventKey> insertEventIds(Iterable<List<IngestItem>> requests, Instant now) {
		Set<EventKey> keys = new HashSet<>();
		for (List<IngestItem> items : requests) {
			for (IngestItem item : items) {
				if (item.eventId() != null) {
					keys.add(new EventKey(item.service(), item.eventId()));
				}
			}
		}
		if (keys.isEmpty()) {
			return Set.of();
		}
		String[] services = new String[keys.size()];
		String[] eventIds = new String[keys.size()];
		int i = 0;
		for (EventKey key : keys) {
			services[i] = key.service();
			eventIds[i] = key.eventId();
			i++;
		}
		// sorted, so that two transactions wait for each other's keys in one order
		return new HashSet<>(this.jdbc.sql("""
				INSERT INTO ingested_event (service, event_id, received_at)
				SELECT s, e, ? FROM unnest(?::text[], ?::text[]) AS t (s, e) ORDER BY s, e
				ON CONFLICT DO NOTHING
				RETURNING service, event_id""")
			.params(Timestamp.from(now), services, eventIds)
			.query((rs, row) -> new EventKey(rs.getString(1), rs.getString(2)))
			.list());
	}

	private record Pending(List<IngestItem> items, List<TailUpdate> tails, CompletableFuture<IngestOutcome> result) {

		int size() {
			return Math.max(1, this.items.size() + this.tails.size());
		}

		// identity, not the record's value equality: two requests may carry equal items
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

	private record EventKey(String service, String eventId) {
	}

	/**
	 * A failure of the commit itself, the connection lost after the commit was sent for
	 * one: the batch may or may not be stored. Never repeated; it opens the circuit like
	 * any unavailable database.
	 */
	private static final class CommitNotConfirmed extends TransactionSystemException {

		CommitNotConfirmed(RuntimeException cause) {
			super("Commit not confirmed: " + cause.getMessage(), cause);
		}

	}

	private record Stored(Map<Pending, IngestOutcome> outcomes, List<NewOccurrence> occurrences,
			List<RecordedOccurrence> recorded) {
	}

	private static final class Counts {

		int accepted;

		int duplicates;

		int findings;

		final List<RecordedOccurrence> occurrences = new ArrayList<>();

	}

}
