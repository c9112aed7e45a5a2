package io.panicboard.analysis.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Ordinary application log lines of 80 to 200 bytes: a third plain text
 * ({@code 2026-11-20T10:00:00.123Z INFO [worker] logger - message}), a third logfmt
 * ({@code time=... level=info msg="..."}) and a third JSON. The messages are the usual
 * service chatter (requests, connections, retries, caches, errors) and contain the common
 * letters and words a crash scanner has to look past, but no crash, race or gctrace line.
 * The extra fields of one line are distinct.
 */
final class LogLines {

	private static final String[] LEVELS = { "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR" };

	private static final String[] SERVICES = { "checkout", "inventory", "payments", "orders", "notifications", "search",
			"auth", "gateway", "billing", "shipping" };

	private static final String[] LOGGERS = { "c.p.orders.OrderService", "c.p.http.AccessLog", "db.pool",
			"kafka.consumer", "cache.redis", "grpc.server", "scheduler.jobs", "auth.tokens", "storage.s3",
			"main.worker" };

	private static final String[] THREADS = { "http-nio-8080-exec-", "worker-", "scheduler-", "kafka-consumer-",
			"grpc-default-executor-" };

	private static final String[] MESSAGES = { "request completed", "request started",
			"connection established to upstream", "connection refused, retrying in 2s",
			"error reading response body: context deadline exceeded", "started background worker",
			"cache miss for key, loading from database", "cache entry expired and was evicted",
			"retrying upstream request after timeout", "token validated for user session",
			"rotating log file after reaching size limit", "partition rebalance completed",
			"consumer group joined, assigned partitions", "health check passed",
			"health check failed: connection reset", "slow query detected, consider adding an index",
			"payment authorization declined by issuer", "order created and queued for fulfillment",
			"inventory reservation released after expiry", "notification delivered to provider",
			"rate limit exceeded for client, returning 429", "configuration reloaded from environment",
			"goroutine pool resized to match load", "shutting down idle connections",
			"TLS handshake error from remote address: EOF", "validation error: field 'email' is required",
			"scheduled job finished without errors", "routing table updated with new endpoints",
			"unable to resolve host, will try again later",
			"transaction committed after retry on serialization failure" };

	private static final String[] METHODS = { "GET", "GET", "GET", "POST", "PUT", "DELETE" };

	private static final String[] PATHS = { "/api/v1/orders/", "/api/v1/users/", "/api/v2/payments/",
			"/internal/health/", "/api/v1/inventory/items/", "/api/v1/search?q=item-" };

	private static final String[] REGIONS = { "eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2" };

	private static final int[] STATUS = { 200, 200, 200, 200, 201, 204, 304, 400, 404, 429, 500, 503 };

	private final Random random;

	private long millis = 10L * 3600 * 1000;

	LogLines(Random random) {
		this.random = random;
	}

	/** The next line, with its line feed. */
	byte[] next() {
		String line;
		do {
			line = build();
		}
		while (line.length() < 80 || line.length() > 200);
		return (line + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private String build() {
		this.millis += this.random.nextInt(4);
		int format = this.random.nextInt(3);
		String level = pick(LEVELS);
		String message = pick(MESSAGES);
		int extras = this.random.nextInt(5);
		int first = this.random.nextInt(7);
		StringBuilder sb = new StringBuilder(220);
		if (format == 0) {
			timestamp(sb);
			sb.append(' ').append(level).append(level.length() == 4 ? "  [" : " [");
			sb.append(pick(THREADS)).append(this.random.nextInt(16)).append("] ");
			sb.append(pick(LOGGERS)).append(" - ").append(message);
			for (int i = 0; i < extras; i++) {
				sb.append(' ');
				plainExtra(sb, (first + i) % 4);
			}
		}
		else if (format == 1) {
			sb.append("time=");
			timestamp(sb);
			sb.append(" level=").append(level.toLowerCase()).append(" service=").append(pick(SERVICES));
			sb.append(" msg=\"").append(message).append('"');
			for (int i = 0; i < extras; i++) {
				sb.append(' ');
				keyValue(sb, (first + 3 * i) % 7);
			}
		}
		else {
			sb.append("{\"ts\":\"");
			timestamp(sb);
			sb.append("\",\"level\":\"").append(level.toLowerCase()).append("\",\"service\":\"");
			sb.append(pick(SERVICES)).append("\",\"msg\":\"").append(message.replace("'", "")).append('"');
			for (int i = 0; i < extras; i++) {
				sb.append(',');
				jsonField(sb, (first + 3 * i) % 7);
			}
			sb.append('}');
		}
		return sb.toString();
	}

	private void plainExtra(StringBuilder sb, int kind) {
		switch (kind) {
			case 0 -> sb.append(pick(METHODS)).append(' ').append(pick(PATHS)).append(this.random.nextInt(100000));
			case 1 -> sb.append("status=").append(STATUS[this.random.nextInt(STATUS.length)]);
			case 2 -> sb.append("in ").append(this.random.nextInt(2000)).append(" ms");
			default -> sb.append("(request ").append(hex(16)).append(')');
		}
	}

	private void keyValue(StringBuilder sb, int field) {
		switch (field) {
			case 0 -> sb.append("method=").append(pick(METHODS));
			case 1 -> sb.append("path=").append(pick(PATHS)).append(this.random.nextInt(100000));
			case 2 -> sb.append("status=").append(STATUS[this.random.nextInt(STATUS.length)]);
			case 3 ->
				sb.append("duration_ms=").append(this.random.nextInt(2000)).append('.').append(this.random.nextInt(10));
			case 4 -> sb.append("request_id=").append(hex(16));
			case 5 -> sb.append("user_id=").append(this.random.nextInt(1_000_000));
			default -> sb.append("region=").append(pick(REGIONS));
		}
	}

	private void jsonField(StringBuilder sb, int field) {
		switch (field) {
			case 0 -> sb.append("\"method\":\"").append(pick(METHODS)).append('"');
			case 1 -> sb.append("\"path\":\"").append(pick(PATHS)).append(this.random.nextInt(100000)).append('"');
			case 2 -> sb.append("\"status\":").append(STATUS[this.random.nextInt(STATUS.length)]);
			case 3 -> sb.append("\"latency_ms\":")
				.append(this.random.nextInt(2000))
				.append('.')
				.append(this.random.nextInt(10));
			case 4 -> sb.append("\"trace_id\":\"").append(hex(32)).append('"');
			case 5 -> sb.append("\"user_id\":").append(this.random.nextInt(1_000_000));
			default -> sb.append("\"region\":\"").append(pick(REGIONS)).append('"');
		}
	}

	private void timestamp(StringBuilder sb) {
		long ms = this.millis;
		sb.append("2026-11-20T");
		two(sb, (int) (ms / 3_600_000 % 24)).append(':');
		two(sb, (int) (ms / 60_000 % 60)).append(':');
		two(sb, (int) (ms / 1000 % 60)).append('.');
		int frac = (int) (ms % 1000);
		sb.append((char) ('0' + frac / 100)).append((char) ('0' + frac / 10 % 10)).append((char) ('0' + frac % 10));
		sb.append('Z');
	}

	private static StringBuilder two(StringBuilder sb, int value) {
		return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

	private String hex(int digits) {
		StringBuilder sb = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			sb.append(Character.forDigit(this.random.nextInt(16), 16));
		}
		return sb.toString();
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

}
