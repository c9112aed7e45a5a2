package io.panicboard.alert;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a notification channel delivers: a signed generic webhook, a Slack-compatible
 * incoming webhook, or Alertmanager's API v2.
 */
enum ChannelType {

	WEBHOOK, SLACK, ALERTMANAGER;

	/**
	 * The id stored in {@code notification_channel.type} and used by the API.
	 * @return the lower-case name
	 */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<ChannelType> fromId(String id) {
		return Stream.of(values()).filter((type) -> type.id().equals(id)).findFirst();
	}

}
