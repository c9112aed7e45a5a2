package io.panicboard.alert;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /admin/channels}: notification channels, with the rules of the API
 * ({@link ChannelSettings#validate()}); a webhook's secret can be set or removed, never
 * read. "Send test notification" queues one through the outbox.
 */
@Controller
@RequestMapping("/admin/channels")
class ChannelAdminController {

	private final NotificationChannels channels;

	private final SampleNotifications samples;

	private final MessageSource messages;

	ChannelAdminController(NotificationChannels channels, SampleNotifications samples, MessageSource messages) {
		this.channels = channels;
		this.samples = samples;
		this.messages = messages;
	}

	@GetMapping
	String list(Model model) {
		return listPage(model, ChannelForm.empty(), Map.of());
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String type,
			@RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "") String secret,
			@RequestParam(defaultValue = "false") boolean sendByDefault,
			@RequestParam(defaultValue = "false") boolean enabled, Model model, Locale locale,
			RedirectAttributes redirect) {
		ChannelForm form = new ChannelForm(name, type, url, secret, false, sendByDefault, enabled);
		ChannelSettings settings = form.settings();
		Map<String, String> errors = errors(settings.validate(), locale);
		if (errors.isEmpty()) {
			try {
				NotificationChannel channel = this.channels.create(settings);
				redirect.addFlashAttribute("notice",
						new ChannelNotice("success", text(locale, "channels.created", channel.name())));
				return "redirect:/admin/channels";
			}
			catch (DuplicateKeyException ex) {
				errors = Map.of("name", text(locale, "channels.error.nameTaken", settings.name()));
			}
		}
		return listPage(model, form, errors);
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		NotificationChannel channel = channel(id);
		return editPage(model, channel, ChannelForm.of(channel), Map.of());
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String url,
			@RequestParam(defaultValue = "") String secret, @RequestParam(defaultValue = "false") boolean removeSecret,
			@RequestParam(defaultValue = "false") boolean sendByDefault,
			@RequestParam(defaultValue = "false") boolean enabled, Model model, Locale locale,
			RedirectAttributes redirect) {
		ChannelForm form = new ChannelForm(name, type, url, secret, removeSecret, sendByDefault, enabled);
		NotificationChannel channel = channel(id);
		ChannelSettings settings = form.settings();
		Map<String, String> errors = errors(settings.validate(), locale);
		if (errors.isEmpty()) {
			try {
				this.channels.update(id, settings);
				redirect.addFlashAttribute("notice",
						new ChannelNotice("success", text(locale, "channels.updated", settings.name())));
				return "redirect:/admin/channels";
			}
			catch (DuplicateKeyException ex) {
				errors = Map.of("name", text(locale, "channels.error.nameTaken", settings.name()));
			}
		}
		return editPage(model, channel, form, errors);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		NotificationChannel channel = channel(id);
		this.channels.delete(id);
		redirect.addFlashAttribute("notice",
				new ChannelNotice("success", text(locale, "channels.deleted", channel.name())));
		return "redirect:/admin/channels";
	}

	@PostMapping("/{id}/test")
	String test(@PathVariable long id, Principal principal, Locale locale, RedirectAttributes redirect) {
		NotificationChannel channel = channel(id);
		this.samples.queue(channel.name(), "user " + principal.getName());
		redirect.addFlashAttribute("notice",
				new ChannelNotice("info", text(locale, "channels.testQueued", channel.name())));
		return "redirect:/admin/channels";
	}

	private NotificationChannel channel(long id) {
		return this.channels.find(id)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
	}

	private String listPage(Model model, ChannelForm form, Map<String, String> errors) {
		model.addAttribute("channels", this.channels.all().stream().map(ChannelRow::of).toList());
		model.addAttribute("types", types());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "alert/admin-channels";
	}

	private String editPage(Model model, NotificationChannel channel, ChannelForm form, Map<String, String> errors) {
		model.addAttribute("channel", ChannelRow.of(channel));
		model.addAttribute("types", types());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "alert/admin-channel-edit";
	}

	private static List<String> types() {
		return Stream.of(ChannelType.values()).map(ChannelType::id).toList();
	}

	private Map<String, String> errors(List<ChannelFieldError> errors, Locale locale) {
		Map<String, String> texts = new LinkedHashMap<>();
		for (ChannelFieldError error : errors) {
			texts.putIfAbsent(error.field(), text(locale, "channels.error." + error.field()));
		}
		return texts;
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/**
	 * The create and edit form. On an edit an empty secret keeps the stored one unless
	 * {@code removeSecret} is ticked.
	 *
	 * @param name the name
	 * @param type the type id
	 * @param url the URL
	 * @param secret a new secret, or empty
	 * @param removeSecret whether to remove the stored secret
	 * @param sendByDefault whether rules without channels send here
	 * @param enabled whether anything is sent here
	 */
	record ChannelForm(String name, String type, String url, String secret, boolean removeSecret, boolean sendByDefault,
			boolean enabled) {

		static ChannelForm empty() {
			return new ChannelForm("", ChannelType.WEBHOOK.id(), "", "", false, false, true);
		}

		static ChannelForm of(NotificationChannel channel) {
			return new ChannelForm(channel.name(), channel.type().id(), channel.url(), "", false,
					channel.sendByDefault(), channel.enabled());
		}

		ChannelSettings settings() {
			String newSecret = (this.secret == null || this.secret.isEmpty()) ? (this.removeSecret ? "" : null)
					: this.secret;
			return new ChannelSettings(strip(this.name), this.type, strip(this.url), newSecret, this.sendByDefault,
					this.enabled);
		}

		private static String strip(String value) {
			return (value != null) ? value.strip() : "";
		}

		@Override
		public String toString() {
			return "ChannelForm[name=" + this.name + ", type=" + this.type + ", url=" + this.url + "]";
		}

	}

	/**
	 * A channel in the list: never its secret.
	 *
	 * @param id the id
	 * @param name the name
	 * @param type the type id
	 * @param url the URL
	 * @param secretSet whether a webhook secret is set
	 * @param sendByDefault whether rules without channels send here
	 * @param enabled whether anything is sent here
	 * @param updatedAt when it was last changed
	 */
	record ChannelRow(long id, String name, String type, String url, boolean secretSet, boolean sendByDefault,
			boolean enabled, String updatedAt) {

		static ChannelRow of(NotificationChannel channel) {
			return new ChannelRow(channel.id(), channel.name(), channel.type().id(), channel.url(), channel.hasSecret(),
					channel.sendByDefault(), channel.enabled(), PageTime.format(channel.updatedAt()));
		}

	}

	/**
	 * The message after an action.
	 *
	 * @param kind {@code success}, {@code info} or {@code error}
	 * @param text the message
	 */
	record ChannelNotice(String kind, String text) {
	}

}
