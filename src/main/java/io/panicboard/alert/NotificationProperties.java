package io.panicboard.alert;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of alert notifications ({@code panicboard.alerts.*}).
 *
 * @param alertmanagerUrl {@code PANICBOARD_ALERTMANAGER_URL}: Alertmanager's base URL;
 * set, a channel {@code alertmanager} that every rule sends to by default is created or
 * updated at start
 * @param webhookUrl {@code PANICBOARD_ALERTS_WEBHOOK_URL}: likewise, a generic webhook
 * channel {@code webhook}
 * @param webhookSecret {@code PANICBOARD_ALERTS_WEBHOOK_SECRET}: the HMAC key of that
 * webhook, or empty for unsigned deliveries
 * @param sender how the outbox is delivered
 */
@ConfigurationProperties("panicboard.alerts")
@Validated
record NotificationProperties(String alertmanagerUrl, String webhookUrl, String webhookSecret,
		@DefaultValue @Valid @NotNull Sender sender) {

	@Override
	public String toString() {
		return "NotificationProperties[alertmanagerUrl=" + this.alertmanagerUrl + ", webhookUrl=" + this.webhookUrl
				+ ", webhookSecret="
				+ ((this.webhookSecret != null && !this.webhookSecret.isEmpty()) ? "(set)" : "(unset)") + ", sender="
				+ this.sender + "]";
	}

	/**
	 * How the outbox is delivered ({@code panicboard.alerts.sender.*}).
	 *
	 * @param enabled whether this replica runs the scheduled sender (tests switch it off
	 * and drive the sender themselves)
	 * @param interval how often due notifications are picked up
	 * @param batch how many due notifications one run picks up at most
	 * @param threads how many requests are in flight at once, across channels
	 * @param perChannel how many requests to one channel are in flight at once, so that a
	 * hanging channel leaves threads to the others
	 * @param connectTimeout how long connecting may take
	 * @param requestTimeout how long a request may take until its response headers
	 * @param initialBackoff the wait before the first retry; it doubles with each failure
	 * @param maxBackoff the longest wait between retries
	 * @param maxAttempts after this many failed attempts a notification is dead
	 * @param maxAge a notification older than this is dead after its next failure
	 * @param alertmanagerHold how long after a firing notification Alertmanager keeps the
	 * alert active without hearing again ({@code endsAt}); keep it above
	 * {@code panicboard.alerts.repeat-interval}
	 */
	record Sender(@DefaultValue("true") boolean enabled, @DefaultValue("1s") @NotNull Duration interval,
			@DefaultValue("50") @Min(1) int batch, @DefaultValue("4") @Min(1) int threads,
			@DefaultValue("2") @Min(1) int perChannel, @DefaultValue("5s") @NotNull Duration connectTimeout,
			@DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("1s") @NotNull Duration initialBackoff,
			@DefaultValue("5m") @NotNull Duration maxBackoff, @DefaultValue("10") @Min(1) int maxAttempts,
			@DefaultValue("24h") @NotNull Duration maxAge, @DefaultValue("5h") @NotNull Duration alertmanagerHold) {

		/**
		 * The wait after a failed attempt.
		 * @param attempts the attempts made so far, at least 1
		 * @return 1 s, 2 s, 4 s, ... capped at {@link #maxBackoff()}
		 */
		Duration backoff(int attempts) {
			int doublings = Math.min(Math.max(attempts - 1, 0), 30);
			Duration wait = this.initialBackoff.multipliedBy(1L << doublings);
			return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
		}

		/**
		 * How long a claimed notification is hidden from other senders while its request
		 * is in flight: longer than any request can take.
		 * @return the lease
		 */
		Duration lease() {
			return this.connectTimeout.plus(this.requestTimeout).multipliedBy(2).plusSeconds(30);
		}

	}

}
