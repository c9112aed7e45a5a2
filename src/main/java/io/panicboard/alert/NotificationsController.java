package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;

import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications}: the delivery log, newest first, for read and admin
 * tokens; filters {@code channel} and {@code delivery}, pages {@code page} (from 0) and
 * {@code size} (1 to 500, default 50).
 */
@RestController
class NotificationsController {

	static final int MAX_SIZE = 500;

	private final DeliveryLog log;

	NotificationsController(DeliveryLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/notifications")
	DeliveryLog.Page list(ApiPrincipal principal, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String delivery, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		ApiAccess.requireRead(principal);
		List<ChannelFieldError> errors = new ArrayList<>();
		if (channel != null && channel.indexOf('\0') >= 0) {
			// PostgreSQL's text cannot hold it: compared with a column, it fails the
			// query
			errors.add(new ChannelFieldError("channel", "must not contain NUL characters"));
		}
		if (delivery != null && !DeliveryLog.DELIVERIES.contains(delivery)) {
			errors.add(new ChannelFieldError("delivery", "must be one of pending, sent, failed, dead"));
		}
		if (page < 0) {
			errors.add(new ChannelFieldError("page", "must be 0 or more"));
		}
		if (size < 1 || size > MAX_SIZE) {
			errors.add(new ChannelFieldError("size", "must be between 1 and " + MAX_SIZE));
		}
		if (!errors.isEmpty()) {
			throw NotificationProblems.invalidRequest(errors);
		}
		return this.log.page(blankToNull(channel), delivery, page, size);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
