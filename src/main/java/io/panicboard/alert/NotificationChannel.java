package io.panicboard.alert;

import java.time.Instant;

/**
 * A row of {@code notification_channel}: where notifications go.
 *
 * @param id the id
 * @param name the unique name that rules refer to
 * @param type how it delivers
 * @param url the webhook URL, or Alertmanager's base URL
 * @param secret the HMAC key of a webhook, or {@code null}; never shown or returned
 * @param sendByDefault whether rules without channels send here
 * @param enabled whether anything is sent here
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
record NotificationChannel(long id, String name, ChannelType type, String url, String secret, boolean sendByDefault,
		boolean enabled, Instant createdAt, Instant updatedAt) {

	boolean hasSecret() {
		return this.secret != null && !this.secret.isEmpty();
	}

	@Override
	public String toString() {
		return "NotificationChannel[id=" + this.id + ", name=" + this.name + ", type=" + this.type + ", url=" + this.url
				+ ", secret=" + (hasSecret() ? "(set)" : "(unset)") + "]";
	}

}
