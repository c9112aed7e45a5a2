package io.panicboard.alert;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates or updates, at start, the channels the environment configures:
 * {@code alertmanager} from {@code PANICBOARD_ALERTMANAGER_URL} and {@code webhook} from
 * {@code PANICBOARD_ALERTS_WEBHOOK_URL} (with {@code PANICBOARD_ALERTS_WEBHOOK_SECRET}),
 * both sent to by default. One upsert each, so replicas starting together agree.
 */
@Component
class ConfiguredChannels implements ApplicationRunner {

	static final String ALERTMANAGER = "alertmanager";

	static final String WEBHOOK = "webhook";

	private static final Log logger = LogFactory.getLog(ConfiguredChannels.class);

	private final NotificationChannels channels;

	private final NotificationProperties properties;

	ConfiguredChannels(NotificationChannels channels, NotificationProperties properties) {
		this.channels = channels;
		this.properties = properties;
		check("panicboard.alerts.alertmanager-url (PANICBOARD_ALERTMANAGER_URL)", properties.alertmanagerUrl());
		check("panicboard.alerts.webhook-url (PANICBOARD_ALERTS_WEBHOOK_URL)", properties.webhookUrl());
	}

	@Override
	public void run(ApplicationArguments args) {
		if (isSet(this.properties.alertmanagerUrl())) {
			this.channels.configure(ALERTMANAGER, ChannelType.ALERTMANAGER, this.properties.alertmanagerUrl(), null);
			logger.info("Alerts go to Alertmanager at " + this.properties.alertmanagerUrl() + " (channel '"
					+ ALERTMANAGER + "')");
		}
		if (isSet(this.properties.webhookUrl())) {
			this.channels.configure(WEBHOOK, ChannelType.WEBHOOK, this.properties.webhookUrl(),
					this.properties.webhookSecret());
			logger.info("Alerts go to the webhook " + this.properties.webhookUrl() + " (channel '" + WEBHOOK + "', "
					+ (isSet(this.properties.webhookSecret()) ? "signed" : "unsigned") + ")");
		}
	}

	private static void check(String name, String url) {
		if (isSet(url) && !ChannelSettings.isHttpUrl(url)) {
			throw new IllegalArgumentException(name + " must be an absolute http or https URL: " + url);
		}
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

}
