package io.panicboard.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Explains the parts a fingerprint was hashed from ({@code kind:…}, {@code frame:…},
 * {@code message:…}, {@code access:…}) in words, for "why grouped".
 */
@Component
class FingerprintComponents {

	private final MessageSource messages;

	FingerprintComponents(MessageSource messages) {
		this.messages = messages;
	}

	List<String> explain(List<String> components, Locale locale) {
		List<String> explained = new ArrayList<>(components.size());
		int frame = 0;
		for (String component : components) {
			int colon = component.indexOf(':');
			String name = (colon > 0) ? component.substring(0, colon) : "";
			String value = (colon > 0) ? component.substring(colon + 1) : component;
			explained.add(switch (name) {
				case "kind" -> text("incident.why.kind", locale, value);
				case "frame" -> text("incident.why.frame", locale, ++frame, value);
				case "message" -> text("incident.why.message", locale, value);
				case "access" -> access(value, locale);
				default -> text("incident.why.other", locale, component);
			});
		}
		return explained;
	}

	private String access(String value, Locale locale) {
		int colon = value.indexOf(':');
		if (colon < 0) {
			return text("incident.why.other", locale, "access:" + value);
		}
		String site = value.substring(colon + 1).replace("|", " \u2190 ");
		return text("incident.why.access", locale, value.substring(0, colon), site.isEmpty() ? "-" : site);
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
