package io.panicboard.alert;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.panicboard.system.HttpUrls;
import io.panicboard.system.SlackText;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Turns a notification into the request of a channel: the versioned, HMAC-signed JSON of
 * a webhook, the text and blocks of a Slack incoming webhook, or the alert list of
 * Alertmanager's {@code POST /api/v2/alerts}. See docs/notifications.md.
 */
@Component
class ChannelPayloads {

	/** The version of the webhook body; it changes only when a field changes meaning. */
	static final int WEBHOOK_VERSION = 1;

	static final String SIGNATURE_HEADER = "X-Panicboard-Signature";

	static final String TIMESTAMP_HEADER = "X-Panicboard-Timestamp";

	static final String DELIVERY_HEADER = "X-Panicboard-Delivery";

	static final String STATUS_HEADER = "X-Panicboard-Status";

	private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	private final JsonMapper json;

	private final NotificationProperties properties;

	ChannelPayloads(JsonMapper json, NotificationProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	/**
	 * The request a channel sends for a notification.
	 * @param channel the channel
	 * @param deliveryId the outbox row's id, sent so that receivers can drop repeats
	 * @param notification the notification
	 * @param now the time of sending
	 * @return the request
	 */
	OutgoingRequest request(NotificationChannel channel, long deliveryId, AlertNotification queued, Instant now) {
		AlertNotification notification = withLinkableRunbook(queued);
		return switch (channel.type()) {
			case WEBHOOK -> webhook(channel, deliveryId, notification, now);
			case SLACK -> new OutgoingRequest(URI.create(channel.url()), bytes(slack(notification)), Map.of());
			case ALERTMANAGER ->
				new OutgoingRequest(alertmanagerUri(channel.url()), bytes(alertmanager(notification, now)), Map.of());
		};
	}

	/**
	 * A rule stored before runbook URLs were checked may hold a {@code runbook_url} that
	 * is not an absolute http(s) URL ({@code javascript:}, a relative path): it is left
	 * out.
	 */
	private static AlertNotification withLinkableRunbook(AlertNotification n) {
		String runbook = n.annotations().get("runbook_url");
		if (runbook == null || HttpUrls.isAbsoluteHttp(runbook)) {
			return n;
		}
		Map<String, String> annotations = new LinkedHashMap<>(n.annotations());
		annotations.remove("runbook_url");
		return new AlertNotification(n.alertId(), n.ruleName(), n.status(), n.severity(), n.labels(), annotations,
				n.startsAt(), n.endsAt(), n.generatorUrl(), n.incidentIds(), n.value());
	}

	private OutgoingRequest webhook(NotificationChannel channel, long deliveryId, AlertNotification notification,
			Instant now) {
		ObjectNode body = this.json.createObjectNode();
		body.put("version", WEBHOOK_VERSION);
		body.setAll((ObjectNode) this.json.valueToTree(notification));
		byte[] bytes = bytes(body);
		String timestamp = Long.toString(now.getEpochSecond());
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(TIMESTAMP_HEADER, timestamp);
		headers.put(DELIVERY_HEADER, Long.toString(deliveryId));
		headers.put(STATUS_HEADER, notification.status());
		if (channel.hasSecret()) {
			headers.put(SIGNATURE_HEADER, "sha256=" + signature(channel.secret(), timestamp, bytes));
		}
		return new OutgoingRequest(URI.create(channel.url()), bytes, headers);
	}

	/**
	 * The webhook signature: HMAC-SHA256 with the channel's secret over the timestamp
	 * header's value, a full stop and the exact body bytes.
	 * @param secret the channel's secret
	 * @param timestamp the {@code X-Panicboard-Timestamp} value (Unix seconds)
	 * @param body the body
	 * @return the lower-case hex digest
	 */
	static String signature(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) '.');
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	ObjectNode slack(AlertNotification notification) {
		boolean firing = "firing".equals(notification.status());
		String state = firing ? "FIRING" : "RESOLVED";
		String summary = notification.annotations().getOrDefault("summary", notification.ruleName());
		String service = notification.labels().getOrDefault("service", "-");
		String environment = notification.labels().getOrDefault("environment", "-");
		ObjectNode body = this.json.createObjectNode();
		body.put("text", SlackText.escape("[" + state + "] " + notification.severity().toUpperCase(Locale.ROOT) + " "
				+ notification.ruleName() + " (" + service + "/" + environment + "): " + summary));
		ArrayNode blocks = body.putArray("blocks");
		ObjectNode header = blocks.addObject().put("type", "header");
		header.putObject("text")
			.put("type", "plain_text")
			.put("text", truncate("[" + state + "] " + notification.ruleName(), 150));
		ObjectNode section = blocks.addObject().put("type", "section");
		section.putObject("text").put("type", "mrkdwn").put("text", truncate(SlackText.escape(summary), 3000));
		ArrayNode fields = section.putArray("fields");
		field(fields, "Severity", notification.severity());
		field(fields, "Service", service);
		field(fields, "Environment", environment);
		if (notification.labels().containsKey("kind")) {
			field(fields, "Kind", notification.labels().get("kind"));
		}
		String description = notification.annotations().get("description");
		if (description != null && !description.isBlank()) {
			blocks.addObject()
				.put("type", "section")
				.putObject("text")
				.put("type", "mrkdwn")
				.put("text", truncate(SlackText.escape(description), 3000));
		}
		StringBuilder links = new StringBuilder();
		if (notification.generatorUrl() != null) {
			links.append(SlackText.link(notification.generatorUrl(), "Open the incident in panicboard"));
		}
		String runbook = withLinkableRunbook(notification).annotations().get("runbook_url");
		if (runbook != null) {
			links.append((links.length() > 0) ? " · " : "").append(SlackText.link(runbook, "How to fix it"));
		}
		String times = "Started " + notification.startsAt()
				+ ((notification.endsAt() != null) ? " · resolved " + notification.endsAt() : "");
		ObjectNode context = blocks.addObject().put("type", "context");
		ArrayNode elements = context.putArray("elements");
		if (links.length() > 0) {
			elements.addObject().put("type", "mrkdwn").put("text", links.toString());
		}
		elements.addObject().put("type", "mrkdwn").put("text", times);
		return body;
	}

	ArrayNode alertmanager(AlertNotification queued, Instant now) {
		AlertNotification notification = withLinkableRunbook(queued);
		ArrayNode alerts = this.json.createArrayNode();
		ObjectNode alert = alerts.addObject();
		ObjectNode labels = alert.putObject("labels");
		labels.put("alertname", notification.ruleName());
		labels.put("severity", notification.severity());
		notification.labels().forEach((name, value) -> {
			if (value != null && !value.isEmpty()) {
				labels.put(labelName(name), value);
			}
		});
		ObjectNode annotations = alert.putObject("annotations");
		notification.annotations().forEach((name, value) -> {
			if (value != null && !value.isEmpty()) {
				annotations.put(labelName(name), value);
			}
		});
		alert.put("startsAt", notification.startsAt().toString());
		Instant endsAt = "resolved".equals(notification.status())
				? ((notification.endsAt() != null) ? notification.endsAt() : now)
				: now.plus(this.properties.sender().alertmanagerHold());
		alert.put("endsAt", endsAt.toString());
		if (notification.generatorUrl() != null) {
			alert.put("generatorURL", notification.generatorUrl());
		}
		return alerts;
	}

	static URI alertmanagerUri(String base) {
		String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		return URI.create(trimmed + "/api/v2/alerts");
	}

	private static void field(ArrayNode fields, String name, String value) {
		fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + SlackText.escape(value));
	}

	private static String labelName(String name) {
		return LABEL_NAME.matcher(name).matches() ? name : "_" + name.replaceAll("[^a-zA-Z0-9_]", "_");
	}

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	private byte[] bytes(Object body) {
		return this.json.writeValueAsBytes(body);
	}

}
