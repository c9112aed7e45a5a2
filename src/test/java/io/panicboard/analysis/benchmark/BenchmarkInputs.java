package io.panicboard.analysis.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two inputs of the analyzer benchmarks, built in memory from the corpus under
 * {@code src/test/resources/corpus} and a fixed random seed, so every run sees the same
 * bytes.
 * <ul>
 * <li><b>dense</b>: every corpus file, in the order of {@code labels.jsonl}, concatenated
 * and repeated until at least {@link #DENSE_BYTES} bytes.</li>
 * <li><b>sparse</b>: at least {@link #SPARSE_BYTES} bytes of ordinary application log
 * lines (plain, logfmt and JSON, 80 to 200 bytes each) with one crash or race trace from
 * the corpus inserted about every MiB.</li>
 * </ul>
 */
final class BenchmarkInputs {

	/** Minimum size of the dense input: 50 MiB. */
	static final int DENSE_BYTES = 50 << 20;

	/** Minimum size of the sparse input: 200 MiB. */
	static final int SPARSE_BYTES = 200 << 20;

	/** Average distance between two traces in the sparse input. */
	static final int SPARSE_TRACE_EVERY = 1 << 20;

	static final long SEED = 20261120L;

	private BenchmarkInputs() {
	}

	/** A corpus file and its labelled kind. */
	record Sample(String file, String kind, byte[] bytes) {

	}

	static List<Sample> corpus() {
		JsonMapper json = JsonMapper.builder().build();
		List<Sample> samples = new ArrayList<>();
		String labels = new String(resource("labels.jsonl"), StandardCharsets.UTF_8);
		for (String line : labels.split("\n")) {
			if (!line.isBlank()) {
				JsonNode label = json.readTree(line);
				String file = label.get("file").asString();
				samples.add(new Sample(file, label.get("kind").asString(), withFinalNewline(resource(file))));
			}
		}
		return samples;
	}

	static byte[] dense(List<Sample> corpus) {
		int total = 0;
		for (Sample sample : corpus) {
			total += sample.bytes().length;
		}
		int rounds = (DENSE_BYTES + total - 1) / total;
		byte[] out = new byte[rounds * total];
		int at = 0;
		for (int round = 0; round < rounds; round++) {
			for (Sample sample : corpus) {
				System.arraycopy(sample.bytes(), 0, out, at, sample.bytes().length);
				at += sample.bytes().length;
			}
		}
		return out;
	}

	/**
	 * The sparse input and the traces inserted into it.
	 *
	 * @param bytes the input
	 * @param inserted the corpus files inserted, in order
	 */
	record Sparse(byte[] bytes, List<Sample> inserted) {

	}

	static Sparse sparse(List<Sample> corpus) {
		List<Sample> traces = corpus.stream().filter((sample) -> !sample.kind().equals("gctrace")).toList();
		Random random = new Random(SEED);
		LogLines lines = new LogLines(random);
		byte[] out = new byte[SPARSE_BYTES + (4 << 20)];
		List<Sample> inserted = new ArrayList<>();
		int at = 0;
		int nextTrace = gap(random);
		while (at < SPARSE_BYTES) {
			if (at >= nextTrace) {
				Sample trace = traces.get(random.nextInt(traces.size()));
				System.arraycopy(trace.bytes(), 0, out, at, trace.bytes().length);
				at += trace.bytes().length;
				inserted.add(trace);
				nextTrace = at + gap(random);
			}
			byte[] line = lines.next();
			System.arraycopy(line, 0, out, at, line.length);
			at += line.length;
		}
		return new Sparse(Arrays.copyOf(out, at), inserted);
	}

	/** About one MiB: between 7/8 and 9/8 of it. */
	private static int gap(Random random) {
		return SPARSE_TRACE_EVERY - SPARSE_TRACE_EVERY / 8 + random.nextInt(SPARSE_TRACE_EVERY / 4);
	}

	private static byte[] withFinalNewline(byte[] bytes) {
		if (bytes.length == 0 || bytes[bytes.length - 1] == '\n') {
			return bytes;
		}
		byte[] copy = Arrays.copyOf(bytes, bytes.length + 1);
		copy[bytes.length] = '\n';
		return copy;
	}

	private static byte[] resource(String name) {
		try (InputStream in = BenchmarkInputs.class.getResourceAsStream("/corpus/" + name)) {
			if (in == null) {
				throw new IllegalStateException("missing corpus resource: " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
