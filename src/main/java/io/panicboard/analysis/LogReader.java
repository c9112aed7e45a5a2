package io.panicboard.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a byte stream through a fixed window: skips ordinary log lines at memory speed
 * ({@link #skipToAnchorLine()}) and hands out the lines of a record one by one
 * ({@link #nextLine()}), decoded as UTF-8 with malformed bytes replaced. Keeps a little
 * of what it passed so a record can look back at the lines just before its anchor, and
 * can be rewound to a mark inside the window.
 */
final class LogReader {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final int LOOKBACK_BYTES = 16 * 1024;

	private final InputStream in;

	private final int maxLineBytes;

	private byte[] buf;

	private int limit;

	/** Absolute stream offset of {@code buf[0]}. */
	private long base;

	/** Start of the current line (slow mode) or where fast scanning resumes. */
	private int pos;

	/** Newlines in [0, countedUpTo) are included in {@link #lineNo}. */
	private int countedUpTo;

	/** 1-based number of the line containing {@code countedUpTo}. */
	private long lineNo = 1;

	/** Absolute offset below which the window may be dropped. */
	private long protectedFrom = Long.MAX_VALUE;

	private boolean eof;

	private boolean lastLineCut;

	private boolean endedMidLine;

	/** The window grows from its first size to this as a stream keeps filling it. */
	private static final int MAX_WINDOW = 1 << 20;

	private static final int FIRST_WINDOW = 64 * 1024;

	LogReader(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
		this.buf = new byte[FIRST_WINDOW];
	}

	/**
	 * Reads bytes already in memory in place: no copy, and the window is never compacted
	 * or refilled.
	 */
	LogReader(byte[] bytes, int maxLineBytes) {
		this.in = InputStream.nullInputStream();
		this.maxLineBytes = maxLineBytes;
		this.buf = bytes;
		this.limit = bytes.length;
		this.eof = true;
	}

	/**
	 * Moves to the start of the next line holding an anchor.
	 * @return {@code false} at the end of the input
	 */
	boolean skipToAnchorLine() {
		while (true) {
			int scanEnd = this.eof ? this.limit : this.limit - Anchors.LOOKAHEAD;
			if (scanEnd > this.pos) {
				int hit = Anchors.find(this.buf, this.pos, scanEnd, this.limit);
				if (hit >= 0) {
					int lineStart = lineStartOf(hit);
					moveTo(Math.max(lineStart, 0));
					return true;
				}
				// keep a margin: an anchor may straddle scanEnd
				moveTo(Math.max(this.pos, scanEnd - Anchors.LOOKAHEAD));
			}
			if (this.eof) {
				moveTo(this.limit);
				return false;
			}
			fill();
		}
	}

	/**
	 * Returns the line at the current position and moves past it.
	 * @return the decoded line without its line break, or {@code null} at the end
	 */
	String nextLine() {
		int end = findLineEnd();
		if (end == NONE) {
			return null;
		}
		this.lastLineCut = (end == CUT);
		if (this.lastLineCut) {
			String line = decode(this.pos, this.pos + this.maxLineBytes);
			this.pos += this.maxLineBytes;
			skipRestOfLine();
			return line;
		}
		int contentEnd = (end > this.pos && this.buf[end - 1] == '\r') ? end - 1 : end;
		String line = decode(this.pos, contentEnd);
		if (end < this.limit) {
			this.pos = end + 1;
			this.lineNo++;
		}
		else {
			this.pos = end;
			this.endedMidLine = true;
		}
		this.countedUpTo = this.pos;
		return line;
	}

	/**
	 * Whether the input's last line had no line feed: output cut in the middle of a line.
	 */
	boolean endedMidLine() {
		return this.endedMidLine;
	}

	/** Whether the last line returned was cut at the line limit. */
	boolean lastLineCut() {
		return this.lastLineCut;
	}

	/** The 1-based number of the line at the current position. */
	long lineNumber() {
		return this.lineNo;
	}

	/** A position to come back to with {@link #reset(long[])}. */
	long[] mark() {
		return new long[] { this.base + this.pos, this.lineNo };
	}

	void reset(long[] mark) {
		int index = (int) (mark[0] - this.base);
		if (index < 0) {
			throw new IllegalStateException("mark dropped from the window");
		}
		this.pos = index;
		this.countedUpTo = index;
		this.lineNo = mark[1];
	}

	/** Keeps the window from dropping bytes at or after this mark. */
	void protect(long[] mark) {
		this.protectedFrom = (mark != null) ? mark[0] : Long.MAX_VALUE;
	}

	/**
	 * The lines just before a mark, oldest first, as far as the window still holds them.
	 * @param max how many lines at most
	 * @param before a mark at the start of a line
	 * @return the lines, without line breaks
	 */
	Deque<String> previousLines(int max, long[] before) {
		Deque<String> lines = new ArrayDeque<>();
		long index = before[0] - this.base;
		if (index <= 0 || index > this.limit) {
			return lines;
		}
		int end = (int) index - 1;
		while (lines.size() < max && end >= 0 && this.buf[end] == '\n') {
			int start = end;
			while (start > 0 && this.buf[start - 1] != '\n' && end - start < this.maxLineBytes) {
				start--;
			}
			if (start > 0 && this.buf[start - 1] != '\n') {
				break;
			}
			int contentEnd = (end > start && this.buf[end - 1] == '\r') ? end - 1 : end;
			lines.addFirst(decode(start, contentEnd));
			end = start - 1;
		}
		return lines;
	}

	/**
	 * Decodes a line; malformed UTF-8 becomes U+FFFD, and so does NUL, which no text
	 * column of PostgreSQL can hold. A UTF-8 byte order mark at the start of the line is
	 * dropped: editors write one at the start of a file, and ingestion joins a body that
	 * starts with one to the kept tail of a stream, so it lands at the start of a line.
	 * Terminal escape sequences (colours) are removed.
	 */
	private String decode(int from, int to) {
		int start = (to - from >= 3 && this.buf[from] == (byte) 0xEF && this.buf[from + 1] == (byte) 0xBB
				&& this.buf[from + 2] == (byte) 0xBF) ? from + 3 : from;
		String line = new String(this.buf, start, to - start, StandardCharsets.UTF_8);
		return TerminalCodes.strip((line.indexOf('\0') >= 0) ? line.replace('\0', '\uFFFD') : line);
	}

	private int lineStartOf(int index) {
		int i = index;
		while (i > 0 && this.buf[i - 1] != '\n') {
			i--;
		}
		return i;
	}

	private void moveTo(int index) {
		if (index > this.countedUpTo) {
			this.lineNo += countNewlines(this.buf, this.countedUpTo, index);
			this.countedUpTo = index;
		}
		this.pos = index;
	}

	private static final int NONE = -1;

	private static final int CUT = -2;

	/**
	 * The index of the line feed ending the current line; the limit for a last line
	 * without one; {@link #CUT} when the line is longer than the line limit;
	 * {@link #NONE} at the end.
	 */
	private int findLineEnd() {
		int from = this.pos;
		while (true) {
			int stop = Math.min(this.limit, this.pos + this.maxLineBytes + 1);
			for (int i = from; i < stop; i++) {
				if (this.buf[i] == '\n') {
					return i;
				}
			}
			if (stop - this.pos > this.maxLineBytes) {
				return CUT;
			}
			if (this.eof) {
				return (this.pos < this.limit) ? this.limit : NONE;
			}
			int scanned = stop - this.pos;
			fill();
			from = this.pos + scanned;
		}
	}

	private void skipRestOfLine() {
		while (true) {
			for (int i = this.pos; i < this.limit; i++) {
				if (this.buf[i] == '\n') {
					this.pos = i + 1;
					this.countedUpTo = this.pos;
					this.lineNo++;
					return;
				}
			}
			this.pos = this.limit;
			this.countedUpTo = this.limit;
			if (this.eof) {
				return;
			}
			fill();
		}
	}

	private void fill() {
		int keep = Math.max(0, Math.min(this.pos, this.countedUpTo) - LOOKBACK_BYTES);
		if (this.protectedFrom - this.base < keep) {
			keep = (int) Math.max(0, this.protectedFrom - this.base);
		}
		if (keep > 0) {
			this.lineNo += countNewlines(this.buf, this.countedUpTo, Math.max(this.countedUpTo, keep));
			this.countedUpTo = Math.max(this.countedUpTo, keep) - keep;
			System.arraycopy(this.buf, keep, this.buf, 0, this.limit - keep);
			this.limit -= keep;
			this.pos -= keep;
			this.base += keep;
		}
		// grow while a stream keeps the window full, up to the largest window; beyond it
		// only a line longer than what is left needs more
		int wanted = Math.max(this.maxLineBytes * 4 + LOOKBACK_BYTES, MAX_WINDOW);
		if (this.limit == this.buf.length || (this.buf.length < wanted && this.limit > this.buf.length / 2)) {
			this.buf = java.util.Arrays.copyOf(this.buf, this.buf.length * 2);
		}
		try {
			int n = this.in.read(this.buf, this.limit, this.buf.length - this.limit);
			if (n < 0) {
				this.eof = true;
			}
			else {
				this.limit += n;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Counts line feeds in {@code buf[from, to)}, eight bytes at a time. */
	static int countNewlines(byte[] buf, int from, int to) {
		int count = 0;
		int i = from;
		for (; i + 8 <= to; i += 8) {
			long x = (long) LONGS.get(buf, i) ^ 0x0A0A0A0A0A0A0A0AL;
			long t = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
			count += Long.bitCount(~(t | x | 0x7F7F7F7F7F7F7F7FL));
		}
		for (; i < to; i++) {
			if (buf[i] == '\n') {
				count++;
			}
		}
		return count;
	}

}
