package io.panicboard.alert;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /alerts/notifications}: the delivery log, newest first, filtered by channel and
 * delivery state, 50 a page; a page number past the end shows the last page.
 */
@Controller
class DeliveryLogController {

	static final int PAGE_SIZE = 50;

	private final DeliveryLog log;

	private final NotificationChannels channels;

	DeliveryLogController(DeliveryLog log, NotificationChannels channels) {
		this.log = log;
		this.channels = channels;
	}

	@GetMapping("/alerts/notifications")
	String log(@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String delivery,
			@RequestParam(required = false) String page, Model model) {
		// as an unknown delivery state, a channel with NUL (which no channel's name has,
		// and PostgreSQL's text cannot hold) does not filter
		String channelFilter = (channel.isBlank() || channel.indexOf('\0') >= 0) ? null : channel;
		String deliveryFilter = DeliveryLog.DELIVERIES.contains(delivery) ? delivery : null;
		int current = PageLinks.parse(page);
		DeliveryLog.Page found = this.log.page(channelFilter, deliveryFilter, current - 1, PAGE_SIZE);
		int pages = PageLinks.pages(found.total(), PAGE_SIZE);
		if (current > pages) {
			current = pages;
			found = this.log.page(channelFilter, deliveryFilter, current - 1, PAGE_SIZE);
		}
		model.addAttribute("rows", found.items().stream().map(DeliveryRow::of).toList());
		model.addAttribute("channels", this.channels.all().stream().map(NotificationChannel::name).toList());
		model.addAttribute("deliveries", List.of("pending", "sent", "failed", "dead"));
		model.addAttribute("channel", (channelFilter != null) ? channelFilter : "");
		model.addAttribute("delivery", (deliveryFilter != null) ? deliveryFilter : "");
		model.addAttribute("pager",
				PageLinks.of(current, PAGE_SIZE, found.total(),
						(number) -> UriComponentsBuilder.fromPath("/alerts/notifications")
							.queryParamIfPresent("channel", java.util.Optional.ofNullable(channelFilter))
							.queryParamIfPresent("delivery", java.util.Optional.ofNullable(deliveryFilter))
							.queryParam("page", number)
							.build()
							.encode()
							.toUriString()));
		return "alert/notifications";
	}

	/**
	 * A notification in the log.
	 *
	 * @param id the outbox row's id
	 * @param createdAt when it was queued
	 * @param channel the channel's name
	 * @param ruleName the rule's name
	 * @param alertId the alert's id, or {@code null}
	 * @param severity the severity
	 * @param status firing or resolved
	 * @param delivery pending, sent, failed or dead
	 * @param attempts the attempts made
	 * @param responseStatus the last HTTP status, or {@code null}
	 * @param lastError why the last attempt failed, or {@code null}
	 * @param sentAt when it was delivered, or {@code null}
	 * @param nextAttemptAt when a failed one is tried next, or {@code null}
	 */
	record DeliveryRow(long id, String createdAt, String channel, String ruleName, Long alertId, String severity,
			String status, String delivery, int attempts, Integer responseStatus, String lastError, String sentAt,
			String nextAttemptAt) {

		static DeliveryRow of(DeliveryRecord record) {
			boolean retrying = "failed".equals(record.delivery()) || "pending".equals(record.delivery());
			return new DeliveryRow(record.id(), PageTime.format(record.createdAt()), record.channel(),
					record.ruleName(), record.alertId(), record.severity(), record.status(), record.delivery(),
					record.attempts(), record.responseStatus(), record.lastError(), PageTime.format(record.sentAt()),
					retrying ? PageTime.format(record.nextAttemptAt()) : null);
		}

	}

}
