package io.panicboard.analysis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of the scanner: finds the few byte sequences that can start or close a
 * record without decoding lines.
 * <p>
 * Each anchor is registered by a five-byte run inside it, as the run's three trigrams, in
 * a 64 Ki-bit table indexed by a multiplicative hash of the trigram. The scanner reads
 * one trigram at every third position, so a run is seen at one of its three positions
 * whatever the alignment. A table hit is confirmed by comparing the whole anchor and its
 * grammar (for example a digit after {@code goroutine }). Ordinary log lines cost one
 * unaligned load, a multiply and a table probe per three bytes, and no allocation.
 */
final class Anchors {

	enum Type {

		PANIC("panic", 0), FATAL_ERROR("fatal error", 0), GOROUTINE("goroutine ", 0), DATA_RACE("DATA RACE", 2),
		GC(" ms clock, ", 6), SCAV(" KiB work", 1), SCVG("scvg", 0), FOUND_RACES("data race(s)", 7),
		RACE_IN_TEST("race detected during execution of test", 22);

		final byte[] bytes;

		final int runOffset;

		Type(String text, int runOffset) {
			this.bytes = text.getBytes(StandardCharsets.US_ASCII);
			this.runOffset = runOffset;
		}

	}

	/** Bytes past a scanned range that confirming an anchor may read. */
	static final int LOOKAHEAD = 64;

	private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final Type[] TYPES = Type.values();

	private static final long[] TABLE = new long[1024];

	/** Registered trigrams: {@code trigram | type << 24 | delta << 32}. */
	private static long[] entries = new long[0];

	static {
		for (Type type : TYPES) {
			byte[] b = type.bytes;
			int k = type.runOffset;
			for (int j = 0; j < 3; j++) {
				if (k + j + 2 < b.length) {
					register(trigram(b[k + j], b[k + j + 1], b[k + j + 2]), type, k + j);
				}
			}
		}
		// "scvg" is followed by a digit or a colon: "scvg0: inuse: ..." / "scvg: 2 MB
		// released"
		byte[] scvg = Type.SCVG.bytes;
		register(trigram(scvg[2], scvg[3], (byte) ':'), Type.SCVG, 2);
		for (char d = '0'; d <= '9'; d++) {
			register(trigram(scvg[2], scvg[3], (byte) d), Type.SCVG, 2);
		}
	}

	private Anchors() {
	}

	private static int trigram(byte a, byte b, byte c) {
		return (a & 0xFF) | ((b & 0xFF) << 8) | ((c & 0xFF) << 16);
	}

	private static int slot(int trigram) {
		return (trigram * 0x9E3779B1) >>> 16;
	}

	private static void register(int trigram, Type type, int delta) {
		int slot = slot(trigram);
		TABLE[slot >>> 6] |= 1L << slot;
		long[] grown = java.util.Arrays.copyOf(entries, entries.length + 1);
		grown[grown.length - 1] = trigram | ((long) type.ordinal() << 24) | ((long) delta << 32);
		entries = grown;
	}

	/**
	 * Finds the first confirmed anchor that starts in {@code buf[from, to)}.
	 * @param buf the bytes
	 * @param from the first position to look at
	 * @param to the end of the positions to look at; confirming may read up to
	 * {@link #LOOKAHEAD} bytes past it, within {@code hardLimit}
	 * @param hardLimit the end of the valid bytes
	 * @return the position of the confirmed anchor's first byte, or -1
	 */
	static int find(byte[] buf, int from, int to, int hardLimit) {
		int i = from;
		int fastEnd = Math.min(to, hardLimit - 4);
		for (; i < fastEnd; i += 3) {
			int trigram = (int) INTS.get(buf, i) & 0xFFFFFF;
			int slot = slot(trigram);
			if ((TABLE[slot >>> 6] & (1L << slot)) != 0) {
				int hit = confirm(buf, i, trigram, from, hardLimit);
				if (hit >= 0) {
					return hit;
				}
			}
		}
		for (; i < to; i += 3) {
			byte b1 = (i + 1 < hardLimit) ? buf[i + 1] : 0;
			byte b2 = (i + 2 < hardLimit) ? buf[i + 2] : 0;
			int trigram = trigram(buf[i], b1, b2);
			int slot = slot(trigram);
			if ((TABLE[slot >>> 6] & (1L << slot)) != 0) {
				int hit = confirm(buf, i, trigram, from, hardLimit);
				if (hit >= 0) {
					return hit;
				}
			}
		}
		return -1;
	}

	private static int confirm(byte[] buf, int i, int trigram, int from, int limit) {
		int best = -1;
		for (long entry : entries) {
			if ((int) (entry & 0xFFFFFF) != trigram) {
				continue;
			}
			Type type = TYPES[(int) (entry >>> 24) & 0xFF];
			int start = i - (int) (entry >>> 32);
			if (start >= from && (best < 0 || start < best) && matches(buf, start, limit, type)) {
				best = start;
			}
		}
		return best;
	}

	/**
	 * Finds the first anchor in a decoded line.
	 * @param line the line
	 * @return the anchor's type and column, or {@code null}
	 */
	static Located find(String line) {
		int n = line.length();
		for (int i = 0; i < n; i++) {
			char c = line.charAt(i);
			for (Type type : TYPES) {
				if (type.bytes[0] == c && matches(line, i, type)) {
					boolean warning = type == Type.DATA_RACE && line.startsWith("WARNING: ", i - 9);
					return new Located(type, warning ? i - 9 : i);
				}
			}
		}
		return null;
	}

	record Located(Type type, int column) {
	}

	private static boolean matches(String line, int start, Type type) {
		byte[] text = type.bytes;
		if (start + text.length > line.length()) {
			return false;
		}
		for (int j = 0; j < text.length; j++) {
			if (line.charAt(start + j) != text[j]) {
				return false;
			}
		}
		// the grammar checks read at most a few dozen characters
		int end = Math.min(line.length(), start + text.length + LOOKAHEAD);
		byte[] window = new byte[end - start + ((start > 0) ? 1 : 0)];
		int offset = (start > 0) ? 1 : 0;
		for (int j = 0; j < window.length; j++) {
			char c = line.charAt(start - offset + j);
			window[j] = (byte) ((c < 0x80) ? c : 0x80);
		}
		return matches(window, offset, window.length, type);
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
			case GC -> end < limit && buf[end] >= '0' && buf[end] <= '9';
			case SCAV -> end < limit && (buf[end] == ',' || buf[end] == ' ');
			case SCVG ->
				wordStart(buf, start) && end < limit && (buf[end] == ':' || (buf[end] >= '0' && buf[end] <= '9'));
			case DATA_RACE, FOUND_RACES, RACE_IN_TEST -> true;
		};
	}

	private static boolean wordStart(byte[] buf, int start) {
		if (start == 0) {
			return true;
		}
		byte before = buf[start - 1];
		return !(Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '-')
				|| afterColourCode(buf, start);
	}

	/**
	 * Whether a terminal colour code ({@code ESC [ 1;31 m}) ends just before a position.
	 */
	private static boolean afterColourCode(byte[] buf, int at) {
		int i = at - 1;
		if (buf[i] != 'm') {
			return false;
		}
		i--;
		while (i > 0 && at - i < 32 && ((buf[i] >= '0' && buf[i] <= '9') || buf[i] == ';')) {
			i--;
		}
		return i > 0 && buf[i] == '[' && buf[i - 1] == 0x1B;
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

}
