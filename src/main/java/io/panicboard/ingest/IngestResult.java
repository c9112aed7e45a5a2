package io.panicboard.ingest;

/**
 * What became of an ingestion request: the {@code result} and {@code reason} labels of
 * {@code panicboard_ingest_requests_total}, derived from the answer's status.
 */
enum IngestResult {

	/** Answered 2xx: something new was stored (or, for analyze, analysed). */
	ACCEPTED("accepted", ""),

	/** Answered 2xx, but every event of it had been stored before. */
	DUPLICATE("duplicate", ""),

	/** 413: a body, event or batch over its limit. */
	TOO_LARGE("rejected", "too_large"),

	/** Any other 4xx: malformed JSON, invalid fields, unsupported media type. */
	INVALID("rejected", "invalid"),

	/** 401 or 403: no valid token, or a token that may not send for the service. */
	UNAUTHORIZED("rejected", "unauthorized"),

	/** 429: over the token's rate limit. */
	RATE_LIMITED("rejected", "rate_limited"),

	/** 503: write queue full, database unavailable or commit not confirmed in time. */
	UNAVAILABLE("rejected", "unavailable"),

	/** Any other 5xx: a failure on the server. */
	ERROR("rejected", "error");

	private final String result;

	private final String reason;

	IngestResult(String result, String reason) {
		this.result = result;
		this.reason = reason;
	}

	String result() {
		return this.result;
	}

	String reason() {
		return this.reason;
	}

	/**
	 * The result of an answered request.
	 * @param status the response status
	 * @param allDuplicates whether the endpoint reported that nothing new was stored
	 * @return the result
	 */
	static IngestResult of(int status, boolean allDuplicates) {
		if (status < 400) {
			return allDuplicates ? DUPLICATE : ACCEPTED;
		}
		return switch (status) {
			case 413 -> TOO_LARGE;
			case 401, 403 -> UNAUTHORIZED;
			case 429 -> RATE_LIMITED;
			case 503 -> UNAVAILABLE;
			default -> (status < 500) ? INVALID : ERROR;
		};
	}

}
