package io.panicboard.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox ({@code notification}): claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} in a short transaction that also hides them from other
 * senders for a lease, sends each on a small thread pool outside any transaction, and
 * records the outcome with exponential backoff. A run never waits for a request, and no
 * channel holds more than {@code perChannel} threads, so a hanging endpoint delays only
 * its own notifications.
 */
@Component
class NotificationSender implements DisposableBean {

	private static final Log logger = LogFactory.getLog(NotificationSender.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private static final int RESPONSE_EXCERPT = 300;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final NotificationChannels channels;

	private final ChannelPayloads payloads;

	private final JsonMapper json;

	private final NotificationProperties.Sender settings;

	private final HttpClient http;

	private final ExecutorService executor;

	private final Map<String, Integer> inFlight = new HashMap<>();

	NotificationSender(JdbcClient jdbc, PlatformTransactionManager transactions, NotificationChannels channels,
			ChannelPayloads payloads, JsonMapper json, NotificationProperties properties) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.channels = channels;
		this.payloads = payloads;
		this.json = json;
		this.settings = properties.sender();
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(this.settings.threads(), this.settings.threads(), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "notification-sender-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * Claims the notifications due at {@code now} that the pool has room for and starts
	 * sending them; returns without waiting for the requests.
	 * @param now the time of the run
	 * @return completes when every request started by this run has been recorded
	 */
	CompletableFuture<Void> sendDue(Instant now) {
		return sendDue(now, null);
	}

	/**
	 * Like {@link #sendDue(Instant)}, for some channels only.
	 * @param now the time of the run
	 * @param channels the channels' names, or {@code null} for all
	 * @return completes when every request started by this run has been recorded
	 */
	CompletableFuture<Void> sendDue(Instant now, Collection<String> channels) {
		List<Due> claimed = claim(now, (channels != null) ? channels.toArray(String[]::new) : null);
		List<CompletableFuture<Void>> sends = new ArrayList<>();
		for (Due due : claimed) {
			sends.add(CompletableFuture.runAsync(() -> deliver(due, now), this.executor));
		}
		return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
	}

	private synchronized List<Due> claim(Instant now, String[] only) {
		int room = this.settings.threads() - this.inFlight.values().stream().mapToInt(Integer::intValue).sum();
		if (room <= 0) {
			return List.of();
		}
		String[] saturated = this.inFlight.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= this.settings.perChannel())
			.map(Map.Entry::getKey)
			.toArray(String[]::new);
		List<Due> claimed = this.transaction.execute((status) -> {
			List<Due> due = this.jdbc.sql("""
					SELECT id, channel, payload::text AS payload, attempts, created_at FROM notification
					WHERE delivery IN ('pending', 'failed') AND next_attempt_at <= ? AND channel <> ALL (?)
					    AND (?::text[] IS NULL OR channel = ANY (?::text[]))
					ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")
				.params(Timestamp.from(now), saturated, only, only, this.settings.batch())
				.query((rs, row) -> new Due(rs.getLong("id"), rs.getString("channel"), rs.getString("payload"),
						rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant()))
				.list();
			List<Due> chosen = choose(due, room);
			if (!chosen.isEmpty()) {
				this.jdbc.sql("UPDATE notification SET next_attempt_at = ? WHERE id = ANY (?)")
					.params(Timestamp.from(now.plus(this.settings.lease())),
							chosen.stream().map(Due::id).toArray(Long[]::new))
					.update();
			}
			return chosen;
		});
		claimed.forEach((due) -> this.inFlight.merge(due.channel(), 1, Integer::sum));
		return claimed;
	}

	private List<Due> choose(List<Due> due, int room) {
		Map<String, Integer> taken = new HashMap<>(this.inFlight);
		List<Due> chosen = new ArrayList<>();
		for (Due candidate : due) {
			if (chosen.size() >= room) {
				break;
			}
			if (taken.getOrDefault(candidate.channel(), 0) < this.settings.perChannel()) {
				taken.merge(candidate.channel(), 1, Integer::sum);
				chosen.add(candidate);
			}
		}
		return chosen;
	}

	private void deliver(Due due, Instant now) {
		long started = System.nanoTime();
		try {
			Outcome outcome = attempt(due, now);
			record(due, outcome, now.plusNanos(System.nanoTime() - started));
		}
		catch (RuntimeException ex) {
			logger.error("Could not record the delivery of notification " + due.id(), ex);
		}
		finally {
			release(due.channel());
		}
	}

	private synchronized void release(String channel) {
		this.inFlight.computeIfPresent(channel, (name, count) -> (count > 1) ? count - 1 : null);
	}

	private Outcome attempt(Due due, Instant now) {
		NotificationChannel channel = this.channels.findByName(due.channel()).orElse(null);
		if (channel == null) {
			return Outcome.permanent(null, "There is no channel named '" + due.channel() + "'.");
		}
		if (!channel.enabled()) {
			return Outcome.permanent(null, "The channel '" + due.channel() + "' is disabled.");
		}
		OutgoingRequest request;
		try {
			AlertNotification notification = this.json.readValue(due.payload(), AlertNotification.class);
			request = this.payloads.request(channel, due.id(), notification, now);
		}
		catch (RuntimeException ex) {
			return Outcome.permanent(null, "The notification could not be rendered: " + ex.getMessage());
		}
		return send(request);
	}

	private Outcome send(OutgoingRequest outgoing) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(outgoing.uri())
			.timeout(this.settings.requestTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "panicboard")
			.POST(HttpRequest.BodyPublishers.ofByteArray(outgoing.body()));
		outgoing.headers().forEach(builder::header);
		CompletableFuture<Response> exchange = this.http
			.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream())
			.thenApply(NotificationSender::excerpt);
		try {
			// the client's timeout ends at the response headers; this one also bounds the
			// body
			Response response = exchange.get(this.settings.requestTimeout().plusSeconds(1).toMillis(),
					TimeUnit.MILLISECONDS);
			if (response.status() / 100 == 2) {
				return Outcome.sent(response.status());
			}
			String error = "HTTP " + response.status()
					+ (response.excerpt().isBlank() ? "" : ": " + response.excerpt());
			return permanent(response.status()) ? Outcome.permanent(response.status(), error)
					: Outcome.failed(response.status(), error);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			return Outcome.failed(null, timedOut());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.failed(null, "Interrupted while sending.");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				return Outcome.failed(null, timedOut());
			}
			if (cause instanceof ConnectException) {
				return Outcome.failed(null, "Could not connect to " + outgoing.uri().getAuthority() + ".");
			}
			return Outcome.failed(null,
					cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""));
		}
	}

	private String timedOut() {
		return "No answer within " + this.settings.requestTimeout().toMillis() + " ms.";
	}

	/**
	 * Client errors that a retry cannot fix (a wrong URL, a rejected body, a revoked
	 * webhook); 408, 409, 425 and 429 are retried like server errors.
	 */
	private static boolean permanent(int status) {
		return status / 100 == 4 && status != 408 && status != 409 && status != 425 && status != 429;
	}

	private static Response excerpt(HttpResponse<InputStream> response) {
		try (InputStream body = response.body()) {
			String text = new String(body.readNBytes(RESPONSE_EXCERPT), StandardCharsets.UTF_8);
			return new Response(response.statusCode(), text.strip().replaceAll("\\s+", " "));
		}
		catch (IOException ex) {
			return new Response(response.statusCode(), "");
		}
	}

	private void record(Due due, Outcome outcome, Instant finished) {
		if (outcome.sent()) {
			this.jdbc.sql("""
					UPDATE notification SET delivery = 'sent', attempts = attempts + 1, response_status = ?,
					    last_error = NULL, sent_at = ?, next_attempt_at = ? WHERE id = ?""")
				.params(outcome.status(), Timestamp.from(finished), Timestamp.from(finished), due.id())
				.update();
			return;
		}
		int attempts = due.attempts() + 1;
		boolean dead = outcome.permanent() || attempts >= this.settings.maxAttempts()
				|| Duration.between(due.createdAt(), finished).compareTo(this.settings.maxAge()) >= 0;
		Instant next = finished.plus(this.settings.backoff(attempts));
		this.jdbc.sql("""
				UPDATE notification SET delivery = ?, attempts = ?, response_status = ?, last_error = ?,
				    next_attempt_at = ? WHERE id = ? AND delivery <> 'dead'""")
			.params(dead ? "dead" : "failed", attempts, outcome.status(), truncate(outcome.error()),
					Timestamp.from(dead ? finished : next), due.id())
			.update();
		if (dead) {
			logger.warn("Gave up notification " + due.id() + " to channel '" + due.channel() + "' after " + attempts
					+ " attempt(s): " + outcome.error());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Notification " + due.id() + " to channel '" + due.channel() + "' failed (attempt " + attempts
					+ "), retrying at " + next + ": " + outcome.error());
		}
	}

	private static String truncate(String error) {
		return (error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private record Due(long id, String channel, String payload, int attempts, Instant createdAt) {
	}

	private record Response(int status, String excerpt) {
	}

	private record Outcome(boolean sent, boolean permanent, Integer status, String error) {

		static Outcome sent(int status) {
			return new Outcome(true, false, status, null);
		}

		static Outcome failed(Integer status, String error) {
			return new Outcome(false, false, status, error);
		}

		static Outcome permanent(Integer status, String error) {
			return new Outcome(false, true, status, error);
		}

	}

}
