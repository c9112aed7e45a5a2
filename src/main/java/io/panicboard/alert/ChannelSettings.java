package io.panicboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.panicboard.system.HttpUrls;

/**
 * What a user sets on a channel, from the API or the admin page, checked by
 * {@link #validate()} the same way for both.
 *
 * @param name the unique name rules refer to
 * @param type {@code webhook}, {@code slack} or {@code alertmanager}
 * @param url an {@code http} or {@code https} URL
 * @param secret the HMAC key of a webhook; {@code null} on an update keeps the stored
 * one, an empty one removes it
 * @param sendByDefault whether rules without channels send here
 * @param enabled whether anything is sent here
 */
record ChannelSettings(String name, String type, String url, String secret, boolean sendByDefault, boolean enabled) {

	static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	static final int MAX_URL_LENGTH = 2000;

	static final int MAX_SECRET_LENGTH = 500;

	/**
	 * Every invalid field, in form order.
	 * @return the errors; empty when valid
	 */
	List<ChannelFieldError> validate() {
		List<ChannelFieldError> errors = new ArrayList<>();
		if (this.name == null || !NAME.matcher(this.name).matches()) {
			errors.add(new ChannelFieldError("name", "must match " + NAME.pattern()));
		}
		if (this.type == null || ChannelType.fromId(this.type).isEmpty()) {
			errors.add(new ChannelFieldError("type", "must be one of webhook, slack, alertmanager"));
		}
		if (!isHttpUrl(this.url)) {
			errors.add(new ChannelFieldError("url",
					"must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters"));
		}
		if (this.secret != null && this.secret.length() > MAX_SECRET_LENGTH) {
			errors.add(new ChannelFieldError("secret", "must be at most " + MAX_SECRET_LENGTH + " characters"));
		}
		else if (this.secret != null && !this.secret.isEmpty() && !"webhook".equals(this.type)) {
			errors.add(new ChannelFieldError("secret", "only a webhook channel signs with a secret"));
		}
		return errors;
	}

	ChannelType channelType() {
		return ChannelType.fromId(this.type).orElseThrow();
	}

	static boolean isHttpUrl(String url) {
		return url != null && url.length() <= MAX_URL_LENGTH && HttpUrls.isAbsoluteHttp(url);
	}

	@Override
	public String toString() {
		return "ChannelSettings[name=" + this.name + ", type=" + this.type + ", url=" + this.url + ", secret="
				+ ((this.secret != null) ? "(given)" : "(unchanged)") + "]";
	}

}
