package io.panicboard.alert;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/notification-channels}: where alerts are sent, for admin tokens only
 * (channel URLs, such as Slack's, can carry credentials). A webhook's secret is
 * write-only: answers say only whether one is set.
 */
@RestController
@RequestMapping("/api/v1/notification-channels")
class NotificationChannelsController {

	private final NotificationChannels channels;

	NotificationChannelsController(NotificationChannels channels) {
		this.channels = channels;
	}

	@GetMapping
	List<ChannelJson> list(ApiPrincipal principal) {
		ApiAccess.requireAdmin(principal);
		return this.channels.all().stream().map(ChannelJson::of).toList();
	}

	@PostMapping
	ResponseEntity<ChannelJson> create(ApiPrincipal principal, @RequestBody ChannelRequest body) {
		ApiAccess.requireAdmin(principal);
		ChannelSettings settings = body.validated();
		try {
			NotificationChannel channel = this.channels.create(settings);
			return ResponseEntity.created(URI.create("/api/v1/notification-channels/" + channel.id()))
				.body(ChannelJson.of(channel));
		}
		catch (DuplicateKeyException ex) {
			throw NotificationProblems.nameTaken(settings.name());
		}
	}

	@PutMapping("/{id}")
	ChannelJson update(ApiPrincipal principal, @PathVariable long id, @RequestBody ChannelRequest body) {
		ApiAccess.requireAdmin(principal);
		ChannelSettings settings = body.validated();
		try {
			return ChannelJson
				.of(this.channels.update(id, settings).orElseThrow(() -> NotificationProblems.channelNotFound(id)));
		}
		catch (DuplicateKeyException ex) {
			throw NotificationProblems.nameTaken(settings.name());
		}
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiPrincipal principal, @PathVariable long id) {
		ApiAccess.requireAdmin(principal);
		if (!this.channels.delete(id)) {
			throw NotificationProblems.channelNotFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * The body of a create or an update.
	 *
	 * @param name the unique name rules refer to
	 * @param type {@code webhook}, {@code slack} or {@code alertmanager}
	 * @param url an http or https URL
	 * @param secret a webhook's HMAC key; omitted on an update keeps the stored one,
	 * empty removes it
	 * @param sendByDefault whether rules without channels send here (default false)
	 * @param enabled whether anything is sent here (default true)
	 */
	record ChannelRequest(String name, String type, String url, String secret, Boolean sendByDefault, Boolean enabled) {

		ChannelSettings validated() {
			ChannelSettings settings = new ChannelSettings((this.name != null) ? this.name.strip() : null, this.type,
					(this.url != null) ? this.url.strip() : null, this.secret, Boolean.TRUE.equals(this.sendByDefault),
					!Boolean.FALSE.equals(this.enabled));
			List<ChannelFieldError> errors = settings.validate();
			if (!errors.isEmpty()) {
				throw NotificationProblems.invalidRequest(errors);
			}
			return settings;
		}

		@Override
		public String toString() {
			return "ChannelRequest[name=" + this.name + ", type=" + this.type + ", url=" + this.url + "]";
		}

	}

	/**
	 * A channel as the API shows it: never its secret.
	 *
	 * @param id the id
	 * @param name the name
	 * @param type the type
	 * @param url the URL
	 * @param secretSet whether a webhook secret is set
	 * @param sendByDefault whether rules without channels send here
	 * @param enabled whether anything is sent here
	 * @param createdAt when it was created
	 * @param updatedAt when it was last changed
	 */
	record ChannelJson(long id, String name, String type, String url, boolean secretSet, boolean sendByDefault,
			boolean enabled, Instant createdAt, Instant updatedAt) {

		static ChannelJson of(NotificationChannel channel) {
			return new ChannelJson(channel.id(), channel.name(), channel.type().id(), channel.url(),
					channel.hasSecret(), channel.sendByDefault(), channel.enabled(), channel.createdAt(),
					channel.updatedAt());
		}

	}

}
