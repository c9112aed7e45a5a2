package io.panicboard.analysis.benchmark;

import java.io.ByteArrayInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.TraceAnalyzer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link TraceAnalyzer} on the dense and sparse inputs of
 * {@link BenchmarkInputs}, next to the floor of counting the line feeds of the same bytes
 * in memory. One operation is one full pass over an input; the auxiliary counters
 * {@code megabytes} and {@code findings} turn into MB/s (10^6 bytes per second) and
 * findings per second. See {@code docs/benchmarks.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TraceAnalyzerBenchmark {

	private static final TraceAnalyzer ANALYZER = new TraceAnalyzer();

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** The dense input: the corpus concatenated and repeated. */
	@State(Scope.Benchmark)
	public static class Dense {

		byte[] bytes;

		@Setup(Level.Trial)
		public void build() {
			List<BenchmarkInputs.Sample> corpus = BenchmarkInputs.corpus();
			this.bytes = BenchmarkInputs.dense(corpus);
			long lines = countPlain(this.bytes);
			Map<FindingType, Long> findings = findingsByType(this.bytes);
			System.out.printf(
					"%n[dense] %,d bytes (%.1f MB, %.1f MiB), %,d lines, %d corpus files x %d; "
							+ "findings per pass: %,d %s%n",
					this.bytes.length, this.bytes.length / 1e6, this.bytes.length / 1048576.0, lines, corpus.size(),
					repeats(corpus, this.bytes.length), total(findings), findings);
		}

		private static long repeats(List<BenchmarkInputs.Sample> corpus, int length) {
			long once = 0;
			for (BenchmarkInputs.Sample sample : corpus) {
				once += sample.bytes().length;
			}
			return length / once;
		}

	}

	/** The sparse input: ordinary log lines with a trace about every MiB. */
	@State(Scope.Benchmark)
	public static class Sparse {

		byte[] bytes;

		@Setup(Level.Trial)
		public void build() {
			BenchmarkInputs.Sparse sparse = BenchmarkInputs.sparse(BenchmarkInputs.corpus());
			this.bytes = sparse.bytes();
			long lines = countPlain(this.bytes);
			Map<FindingType, Long> findings = findingsByType(this.bytes);
			long expected = 0;
			for (BenchmarkInputs.Sample sample : sparse.inserted()) {
				expected += ANALYZER.analyze(sample.bytes()).size();
			}
			System.out.printf(
					"%n[sparse] %,d bytes (%.1f MB, %.1f MiB), %,d lines, %d traces inserted "
							+ "(%,d findings when analyzed one by one); findings per pass: %,d %s%n",
					this.bytes.length, this.bytes.length / 1e6, this.bytes.length / 1048576.0, lines,
					sparse.inserted().size(), expected, total(findings), findings);
		}

	}

	/** Bytes analyzed, reported by JMH as a rate: MB/s. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Volume {

		public double megabytes;

		@Setup(Level.Iteration)
		public void reset() {
			this.megabytes = 0;
		}

	}

	/** Findings reported, reported by JMH as a rate: findings/s. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Found {

		public long findings;

		@Setup(Level.Iteration)
		public void reset() {
			this.findings = 0;
		}

	}

	@Benchmark
	public long analyzeDense(Dense input, Volume volume, Found found) {
		return analyze(input.bytes, volume, found);
	}

	@Benchmark
	public long analyzeSparse(Sparse input, Volume volume, Found found) {
		return analyze(input.bytes, volume, found);
	}

	/** The floor: a plain byte-by-byte loop counting line feeds. */
	@Benchmark
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 5, time = 2)
	public long countNewlinesDense(Dense input, Volume volume) {
		volume.megabytes += input.bytes.length / 1e6;
		return countPlain(input.bytes);
	}

	/** The floor: a plain byte-by-byte loop counting line feeds. */
	@Benchmark
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 5, time = 2)
	public long countNewlinesSparse(Sparse input, Volume volume) {
		volume.megabytes += input.bytes.length / 1e6;
		return countPlain(input.bytes);
	}

	/** Line feeds counted eight bytes at a time (SWAR), as the engine's reader does. */
	@Benchmark
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 5, time = 2)
	public long countNewlinesSwarDense(Dense input, Volume volume) {
		volume.megabytes += input.bytes.length / 1e6;
		return countSwar(input.bytes);
	}

	/** Line feeds counted eight bytes at a time (SWAR), as the engine's reader does. */
	@Benchmark
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 5, time = 2)
	public long countNewlinesSwarSparse(Sparse input, Volume volume) {
		volume.megabytes += input.bytes.length / 1e6;
		return countSwar(input.bytes);
	}

	private static long analyze(byte[] bytes, Volume volume, Found found) {
		Counter counter = new Counter();
		ANALYZER.analyze(new ByteArrayInputStream(bytes), counter);
		volume.megabytes += bytes.length / 1e6;
		found.findings += counter.count;
		return counter.count;
	}

	static long countPlain(byte[] bytes) {
		long count = 0;
		for (byte b : bytes) {
			if (b == '\n') {
				count++;
			}
		}
		return count;
	}

	static long countSwar(byte[] bytes) {
		long count = 0;
		int i = 0;
		for (; i + 8 <= bytes.length; i += 8) {
			long x = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
			long t = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
			count += Long.bitCount(~(t | x | 0x7F7F7F7F7F7F7F7FL));
		}
		for (; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				count++;
			}
		}
		return count;
	}

	static Map<FindingType, Long> findingsByType(byte[] bytes) {
		Map<FindingType, Long> byType = new EnumMap<>(FindingType.class);
		ANALYZER.analyze(new ByteArrayInputStream(bytes), (finding) -> byType.merge(finding.type(), 1L, Long::sum));
		return byType;
	}

	static long total(Map<FindingType, Long> byType) {
		return byType.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Counts the findings it receives. */
	static final class Counter implements Consumer<Finding> {

		long count;

		@Override
		public void accept(Finding finding) {
			this.count++;
		}

	}

}
