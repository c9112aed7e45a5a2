package io.panicboard.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;

/**
 * Opens request bodies of the ingestion endpoints: bounded while they stream (a larger
 * {@code Content-Length} is refused before anything is read), with
 * {@code Content-Encoding: gzip} undone and the limit counted after decompression.
 */
final class RequestBodies {

	private static final int GZIP_BUFFER_BYTES = 64 * 1024;

	private RequestBodies() {
	}

	static InputStream open(HttpServletRequest request, long maxBytes, String what) throws IOException {
		if (request.getContentLengthLong() > maxBytes) {
			throw IngestProblems.tooLarge(what, maxBytes, "bytes");
		}
		InputStream raw = new BoundedInputStream(request.getInputStream(), maxBytes);
		String encoding = request.getHeader("Content-Encoding");
		if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
			return raw;
		}
		if (encoding.trim().equalsIgnoreCase("gzip") || encoding.trim().equalsIgnoreCase("x-gzip")) {
			return new BoundedInputStream(GzipBody.open(raw), maxBytes);
		}
		throw IngestProblems.unsupportedContentEncoding(encoding.trim());
	}

	/**
	 * The problem for a failure while reading or parsing a body.
	 * @param ex the failure
	 * @param maxBytes the body limit
	 * @param what the body, for the message
	 * @return 413 when the limit was passed, else 400
	 */
	static RuntimeException readFailure(Throwable ex, long maxBytes, String what) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BoundedInputStream.LimitExceededException) {
				return IngestProblems.tooLarge(what, maxBytes, "bytes");
			}
			if (cause instanceof InvalidGzipException gzip) {
				return IngestProblems.unreadableBody(gzip.getMessage(), gzip);
			}
			if (cause instanceof IOException io) {
				return IngestProblems.unreadableBody(io);
			}
		}
		if (ex instanceof JacksonException json) {
			return IngestProblems.malformedJson("The body is not valid JSON: " + json.getOriginalMessage()
					+ locationOf(json) + ". Nothing of the request was stored.");
		}
		return (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
	}

	/**
	 * A gzip body whose format errors say what is wrong: the JDK's {@code EOFException}
	 * of a cut-off header has no message at all.
	 */
	private static final class GzipBody extends GZIPInputStream {

		private GzipBody(InputStream raw) throws IOException {
			super(raw, GZIP_BUFFER_BYTES);
		}

		static GzipBody open(InputStream raw) throws IOException {
			try {
				return new GzipBody(raw);
			}
			catch (EOFException ex) {
				throw new InvalidGzipException("it ends before its header is complete", ex);
			}
			catch (ZipException ex) {
				throw new InvalidGzipException(ex.getMessage(), ex);
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try {
				return super.read(buffer, offset, length);
			}
			catch (EOFException ex) {
				throw new InvalidGzipException("it ends before its compressed data is complete", ex);
			}
			catch (ZipException ex) {
				throw new InvalidGzipException(ex.getMessage(), ex);
			}
		}

	}

	/** A body sent as gzip that is not valid gzip. */
	static final class InvalidGzipException extends IOException {

		private static final long serialVersionUID = 1L;

		InvalidGzipException(String reason, Throwable cause) {
			super("The body is not valid gzip: " + ((reason != null) ? reason : cause.getClass().getSimpleName())
					+ ". Send the complete gzip data, or the body uncompressed without Content-Encoding: gzip.", cause);
		}

	}

	private static String locationOf(JacksonException ex) {
		return (ex.getLocation() != null)
				? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : "";
	}

}
