package io.panicboard.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.ServiceCatalog;
import io.panicboard.ingest.StreamTails.PendingTail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * What one run of the job hands to the writer; the storing itself is covered by
 * {@code LogsControllerTests}.
 */
class StreamTailJobTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	private static final byte[] CRASH_START = "panic: x\n\ngoroutine 1 [running]:\n".getBytes(StandardCharsets.UTF_8);

	private final StreamTails tails = mock(StreamTails.class);

	private final BatchedWriter writer = mock(BatchedWriter.class);

	private final ServiceCatalog catalog = mock(ServiceCatalog.class);

	private final List<List<TailUpdate>> writes = new ArrayList<>();

	private final StreamTailJob job;

	@SuppressWarnings("unchecked")
	StreamTailJobTests() {
		given(this.catalog.find(any())).willReturn(Optional.empty());
		given(this.writer.write(anyList(), anyList())).willAnswer((invocation) -> {
			this.writes.add(List.copyOf(invocation.<List<TailUpdate>>getArgument(1)));
			return new IngestOutcome(0, 0, 0, List.of());
		});
		ObjectProvider<Clock> clock = mock(ObjectProvider.class);
		given(clock.getIfAvailable(any())).willReturn(Clock.systemUTC());
		this.job = new StreamTailJob(this.tails, this.writer, this.catalog, new TraceAnalyzer(),
				new Binder(new MapConfigurationPropertySource()).bindOrCreate("panicboard.ingest",
						IngestProperties.class),
				clock);
	}

	@Test
	void drainsEveryExpiredPageInOneRunAndWritesEachPageAtOnce() {
		List<PendingTail> first = tails(0, 100);
		List<PendingTail> second = tails(100, 100);
		List<PendingTail> third = tails(200, 50);
		given(this.tails.updatedBefore(any(), isNull(), eq(100))).willReturn(first);
		given(this.tails.updatedBefore(any(), eq(first.get(99)), eq(100))).willReturn(second);
		given(this.tails.updatedBefore(any(), eq(second.get(99)), eq(100))).willReturn(third);
		assertThat(this.job.flush(NOW)).isEqualTo(250);
		assertThat(this.writes).extracting(List::size).containsExactly(100, 100, 50);
		assertThat(this.writes.get(2).get(49).key().instance()).isEqualTo("pod-249");
		assertThat(this.writes.get(0).get(0).claimedItems().get(0).findings()).hasSize(1);
	}

	@Test
	void aTailTheDatabaseRefusesDoesNotHoldBackTheOthers() {
		given(this.tails.updatedBefore(any(), isNull(), anyInt())).willReturn(tails(0, 3));
		willThrow(new DataIntegrityViolationException("refused")).given(this.writer)
			.write(anyList(), argThat((List<TailUpdate> updates) -> updates.stream()
				.anyMatch((update) -> update.key().instance().equals("pod-1"))));
		assertThat(this.job.flush(NOW)).isEqualTo(3);
		assertThat(this.writes).extracting((updates) -> updates.get(0).key().instance())
			.containsExactly("pod-0", "pod-2");
	}

	@Test
	void stopsWhenTheDatabaseIsUnavailable() {
		given(this.tails.updatedBefore(any(), isNull(), anyInt())).willReturn(tails(0, 100));
		willThrow(new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE)).given(this.writer)
			.write(anyList(), anyList());
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> this.job.flush(NOW));
	}

	private static List<PendingTail> tails(int from, int count) {
		return IntStream.range(from, from + count)
			.mapToObj((i) -> new PendingTail(new StreamKey("orders", "production", "pod-" + i, "stderr"), null,
					CRASH_START, UUID.randomUUID(), NOW.minusSeconds(60)))
			.toList();
	}

}
