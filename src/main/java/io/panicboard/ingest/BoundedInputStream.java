package io.panicboard.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails as soon as they exceed a limit, so a body
 * without a {@code Content-Length} (chunked, or compressed) is bounded while it streams.
 */
final class BoundedInputStream extends FilterInputStream {

	private final long maxBytes;

	private long count;

	BoundedInputStream(InputStream in, long maxBytes) {
		super(in);
		this.maxBytes = maxBytes;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		count(skipped);
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void count(long n) throws LimitExceededException {
		this.count += n;
		if (this.count > this.maxBytes) {
			throw new LimitExceededException(this.maxBytes);
		}
	}

	/**
	 * The stream held more than the limit.
	 */
	static final class LimitExceededException extends IOException {

		LimitExceededException(long maxBytes) {
			super("more than " + maxBytes + " bytes");
		}

	}

}
