package io.panicboard.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream through and remembers its last bytes and where its last lines start, so
 * that the text from a given line to the end can be taken once the stream was read,
 * without ever holding the whole stream. Lines are counted by line feeds, like the
 * analysis engine counts them.
 */
final class TailRecorder extends FilterInputStream {

	/** Line starts remembered at most; a tail of more lines is not kept. */
	private static final int MAX_LINES = 16 * 1024;

	private final byte[] ring;

	private final long[] lineStarts = new long[MAX_LINES];

	/** Bytes read so far. */
	private long position;

	/** Line feeds read so far; line {@code newlines + 1} is the current one. */
	private long newlines;

	private int lastByte = -1;

	TailRecorder(InputStream in, int capacity) {
		super(in);
		this.ring = new byte[capacity];
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			record(b);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		for (int i = 0; i < n; i++) {
			record(b[off + i]);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[(int) Math.min(n, 8192)];
		long skipped = 0;
		while (skipped < n) {
			int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
			if (r < 0) {
				break;
			}
			skipped += r;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void record(int b) {
		this.ring[(int) (this.position % this.ring.length)] = (byte) b;
		this.position++;
		this.lastByte = b & 0xff;
		if (this.lastByte == '\n') {
			this.newlines++;
			// line newlines + 1 starts here
			this.lineStarts[(int) (this.newlines % MAX_LINES)] = this.position;
		}
	}

	/**
	 * The number of lines read: a last line without a line feed counts.
	 * @return the lines
	 */
	long lines() {
		return (this.position == 0 || endsWithLineFeed()) ? this.newlines : this.newlines + 1;
	}

	boolean endsWithLineFeed() {
		return this.lastByte == '\n';
	}

	long size() {
		return this.position;
	}

	/**
	 * The bytes from the start of a line to the end of the stream.
	 * @param line the 1-based line
	 * @return the bytes, or {@code null} when they are no longer remembered
	 */
	byte[] from(long line) {
		if (line < 1 || line > this.newlines + 1 || this.newlines + 1 - line >= MAX_LINES) {
			return null;
		}
		long start = (line == 1) ? 0 : this.lineStarts[(int) ((line - 1) % MAX_LINES)];
		long length = this.position - start;
		if (length > this.ring.length) {
			return null;
		}
		byte[] tail = new byte[(int) length];
		for (int i = 0; i < length; i++) {
			tail[i] = this.ring[(int) ((start + i) % this.ring.length)];
		}
		return tail;
	}

}
