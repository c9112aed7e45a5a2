package io.panicboard.analysis;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of the scanner: finds the few byte sequences that can start or close a
 * record without decoding lines.
 * <p>
 * Each anchor is registered by a rare three-byte run inside it, as its two bigrams. The
 * scanner looks up one bigram at every second position in a 64 Ki-bit table, so a run is
 * seen at either of its two positions whatever the alignment; a hit is confirmed by
 * comparing the whole anchor and its grammar (for example a digit after
 * {@code goroutine }). Ordinary log lines cost a table lookup per two bytes and no
 * allocation.
 */
final class Anchors {

	enum Type {

		PANIC("panic", 2), FATAL_ERROR("fatal error", 7), GOROUTINE("goroutine ", 4), DATA_RACE("DATA RACE", 3),
		GC("gc ", 0), SCAV("scav ", 1), SCVG("scvg", 0), FOUND_RACES("data race(s)", 8),
		RACE_IN_TEST("race detected during execution of test", 12);

		final byte[] bytes;

		final int runOffset;

		Type(String text, int runOffset) {
			this.bytes = text.getBytes(StandardCharsets.US_ASCII);
			this.runOffset = runOffset;
		}

	}

	private static final Type[] TYPES = Type.values();

	/** One bit per bigram (first byte in the low 8 bits). */
	private static final long[] BIGRAMS = new long[1024];

	/** For each bigram that is set, a bit mask of the anchor types and their deltas. */
	private static final int[][] CANDIDATES = new int[65536][];

	static {
		for (Type type : TYPES) {
			int k = type.runOffset;
			register(type, type.bytes[k], type.bytes[k + 1], k);
			register(type, type.bytes[k + 1], type.bytes[k + 2], k + 1);
		}
	}

	private Anchors() {
	}

	private static void register(Type type, byte first, byte second, int delta) {
		int bigram = (first & 0xFF) | ((second & 0xFF) << 8);
		BIGRAMS[bigram >>> 6] |= 1L << bigram;
		int[] existing = CANDIDATES[bigram];
		int[] grown = (existing == null) ? new int[1] : java.util.Arrays.copyOf(existing, existing.length + 1);
		grown[grown.length - 1] = (type.ordinal() << 8) | delta;
		CANDIDATES[bigram] = grown;
	}

	/**
	 * Finds the first confirmed anchor in {@code buf[from, to)}.
	 * @param buf the bytes
	 * @param from the first position to look at
	 * @param to the end of the bytes to look at; the confirmation may read up to
	 * {@link #LOOKAHEAD} bytes past it, within {@code hardLimit}
	 * @param hardLimit the end of the valid bytes
	 * @return the position of the confirmed anchor's first byte, or -1
	 */
	static int find(byte[] buf, int from, int to, int hardLimit) {
		int i = from;
		int end = to - 1;
		while (i < end) {
			int bigram = (buf[i] & 0xFF) | ((buf[i + 1] & 0xFF) << 8);
			if ((BIGRAMS[bigram >>> 6] & (1L << bigram)) != 0) {
				int hit = confirm(buf, i, bigram, from, hardLimit);
				if (hit >= 0) {
					return hit;
				}
			}
			i += 2;
		}
		return -1;
	}

	/** Bytes past a scanned range that confirming an anchor may read. */
	static final int LOOKAHEAD = 64;

	private static int confirm(byte[] buf, int i, int bigram, int from, int limit) {
		int best = -1;
		for (int candidate : CANDIDATES[bigram]) {
			Type type = TYPES[candidate >>> 8];
			int start = i - (candidate & 0xFF);
			if (start >= from && (best < 0 || start < best) && matches(buf, start, limit, type)) {
				best = start;
			}
		}
		return best;
	}

	static Type typeAt(byte[] buf, int start, int limit) {
		for (Type type : TYPES) {
			if (matches(buf, start, limit, type)) {
				return type;
			}
		}
		return null;
	}

	private static boolean matches(byte[] buf, int start, int limit, Type type) {
		byte[] text = type.bytes;
		int end = start + text.length;
		if (end > limit) {
			return false;
		}
		for (int j = 0; j < text.length; j++) {
			if (buf[start + j] != text[j]) {
				return false;
			}
		}
		return switch (type) {
			case PANIC -> end < limit && (buf[end] == ':' || buf[end] == ' ' || buf[end] == '(');
			case FATAL_ERROR -> end < limit && buf[end] == ':';
			case GOROUTINE -> goroutineHeader(buf, end, limit);
			case GC -> wordStart(buf, start) && digitsThen(buf, end, limit, (byte) ' ', (byte) '@');
			case SCAV -> wordStart(buf, start) && digitsThen(buf, end, limit, (byte) ' ', (byte) 'K');
			case SCVG -> wordStart(buf, start);
			case DATA_RACE, FOUND_RACES, RACE_IN_TEST -> true;
		};
	}

	private static boolean wordStart(byte[] buf, int start) {
		if (start == 0) {
			return true;
		}
		byte before = buf[start - 1];
		return !(Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '-');
	}

	private static boolean goroutineHeader(byte[] buf, int at, int limit) {
		int i = at;
		while (i < limit && i - at < 20 && buf[i] >= '0' && buf[i] <= '9') {
			i++;
		}
		if (i == at) {
			return false;
		}
		// "goroutine 1 [running]:", "goroutine 1 gp=0x.. m=..", or a split header
		// ("goroutine 1" followed by another writer's bytes)
		return i >= limit || buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '{' || buf[i] == '\\';
	}

	private static boolean digitsThen(byte[] buf, int at, int limit, byte separator, byte next) {
		int i = at;
		while (i < limit && i - at < 20 && buf[i] >= '0' && buf[i] <= '9') {
			i++;
		}
		return i > at && i + 1 < limit && buf[i] == separator && buf[i + 1] == next;
	}

}
